import { describe, expect, it } from 'vitest';
import { SCALES } from '../../shared/controls/scales.js';
import { ROADMAP_EN } from '../../modules/roadmap/words/en.js';
import { languageOf } from './language.js';

describe('languageOf', () => {
  it('answers in German only when German is asked for, by tag or with a region', () => {
    expect(languageOf('de')).toBe('de');
    expect(languageOf('de-AT')).toBe('de');
    expect(languageOf('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(languageOf('fr, de;q=0.5')).toBe('de');
  });

  it('answers in English without the header, for English, and for a language Triad does not speak', () => {
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('')).toBe('en');
    expect(languageOf('en-US,en;q=0.9,de;q=0.8')).toBe('en');
    expect(languageOf('fr')).toBe('en');
    expect(languageOf('fr-CA, ja;q=0.5')).toBe('en');
    expect(languageOf('*')).toBe('en');
    expect(languageOf('de;q=0')).toBe('en');
  });
});

describe('the roadmap words of a scale', () => {
  it('say in English what SCALES says (a gap reads the same as before)', () => {
    for (const [key, scale] of Object.entries(SCALES)) {
      expect(ROADMAP_EN[`scale.${key}.unit` as keyof typeof ROADMAP_EN]).toBe(scale.unit);
      for (const l of scale.levels) expect(ROADMAP_EN[`scale.${key}.${l.value}` as keyof typeof ROADMAP_EN]).toBe(l.name);
    }
  });
});
