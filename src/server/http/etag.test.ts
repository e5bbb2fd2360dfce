import { describe, expect, it } from 'vitest';
import { etagOf, matchesEtag } from './etag.js';

describe('ETags of serialised answers', () => {
  it('differ whenever the body does, and are quoted', () => {
    const a = etagOf('{"a":1}');
    expect(a).toMatch(/^"[\w-]+"$/);
    expect(etagOf('{"a":1}')).toBe(a);
    expect(etagOf('{"a":2}')).not.toBe(a);
  });

  it('match If-None-Match as RFC 9110 compares for GET: a list, weak tags, or *', () => {
    const tag = etagOf('x');
    expect(matchesEtag(undefined, tag)).toBe(false);
    expect(matchesEtag(tag, tag)).toBe(true);
    expect(matchesEtag(`"other", W/${tag}`, tag)).toBe(true);
    expect(matchesEtag(['"other"', tag], tag)).toBe(true);
    expect(matchesEtag('*', tag)).toBe(true);
    expect(matchesEtag('"other"', tag)).toBe(false);
    expect(matchesEtag(tag.slice(1, -1), tag)).toBe(false);
  });
});
