import { describe, expect, it } from 'vitest';
import { copyStatement, copyText } from './copy.js';

describe("COPY's text format", () => {
  it('writes null as \\N and escapes what separates cells and rows, so a literal \\N stays text', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyText('Αθήνα, "Москва"')).toBe('Αθήνα, "Москва"');
  });

  it('writes numbers, booleans, dates and structured values as PostgreSQL reads them', () => {
    expect(copyText(1234.5)).toBe('1234.5');
    expect(copyText(0)).toBe('0');
    expect(copyText(true)).toBe('t');
    expect(copyText(new Date('2026-12-06T10:00:00Z'))).toBe('2026-12-06T10:00:00.000Z');
    expect(copyText({ a: 'x\ty' })).toBe('{"a":"x\\\\ty"}');
  });

  it('quotes the table and column names', () => {
    expect(copyStatement('estate_systems', ['id', 'we"ird'])).toBe('copy "estate_systems" ("id", "we""ird") from stdin');
  });
});
