import { describe, expect, it } from 'vitest';
import { packWords } from './index.js';
import { SENTENCES_EN } from './sentences-en.js';
import { SENTENCES_DE } from './sentences-de.js';
import { findingIn } from '../sections/findings.js';
import { vendorReasonIn } from '../sections/vendor-reason.js';
import type { CheckOut } from '../sources.js';

const en = packWords('en');
const de = packWords('de');

describe('the board pack\u2019s words', () => {
  it('has every sentence in German, with the same values to put in', () => {
    expect(Object.keys(SENTENCES_DE).sort()).toEqual(Object.keys(SENTENCES_EN).sort());
    const values = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
    for (const [key, english] of Object.entries(SENTENCES_EN)) expect(values(SENTENCES_DE[key as keyof typeof SENTENCES_DE]), key).toEqual(values(english));
  });

  it('chooses the plural by the count and prints the count in the pack\u2019s format', () => {
    expect(en.t('more.risk', en.n(1234, { shown: en.count(10) }))).toBe('The 10 shown of 1,234 risks.');
    expect(de.t('more.risk', de.n(1234, { shown: de.count(10) }))).toBe('Gezeigt: 10 von 1.234 Risiken.');
    expect(en.t('decisions.wait', { count: 1, what: '1 decision' })).toBe('1 decision waits for the board.');
    expect(de.t('decisions.wait', { count: 2, what: '2 Entscheidungen' })).toBe('2 Entscheidungen warten auf den Vorstand.');
    expect(de.and(['CIO', 'CTO', 'CISO'])).toBe('CIO, CTO und CISO');
  });

  it('formats money, shares and dates in the pack\u2019s language', () => {
    expect(en.money(1_234_567, 'EUR')).toBe('€1,234,567');
    expect(de.money(1_234_567, 'EUR')).toBe('1.234.567 €');
    expect(en.roughly(9_250_000, 'USD')).toBe('$9.25M');
    expect(de.roughly(9_250_000, 'USD')).toBe('9,25 Mio. $');
    expect([en.pct(0.23), de.pct(0.23), de.pct(0.005)]).toEqual(['23%', '23 %', '0,5 %']);
    expect([en.date('2026-11-26'), de.date('2026-11-26'), de.date(null)]).toEqual(['26 Nov 2026', '26. Nov. 2026', '-']);
    expect([en.month('2026-11-01'), de.month('2026-03-01')]).toEqual(['Nov 2026', 'März 2026']);
  });

  it('writes other modules\u2019 English again in German, and leaves what it cannot read as it is', () => {
    expect(vendorReasonIn(de, 'Holds "Payroll" (restricted data)')).toBe('Hält „Payroll“ (Daten, Einstufung: streng vertraulich)');
    expect(vendorReasonIn(de, 'Under contract')).toBe('Under contract');
    expect(vendorReasonIn(en, 'Holds "Payroll" (restricted data)')).toBe('Holds "Payroll" (restricted data)');
    const check = (c: Partial<CheckOut>): CheckOut => ({ id: 'x', code: 'charter.uncovered', severity: 'low', title: '', detail: '', subject: null, path: 'governance', ...c });
    const uncovered = check({ title: 'Uncovered: Product roadmap (CTO)', detail: 'It is assigned to the CTO seat, which is vacant.' });
    expect(findingIn(de, uncovered, [])).toEqual({ title: 'Nicht abgedeckt: Product roadmap (CTO)', detail: 'Sie ist der Rolle CTO zugewiesen, die unbesetzt ist.' });
    expect(findingIn(en, uncovered, [])).toEqual({ title: uncovered.title, detail: uncovered.detail });
    const odd = check({ title: 'Something governance says otherwise', detail: 'As it is.' });
    expect(findingIn(de, odd, [])).toEqual({ title: odd.title, detail: odd.detail });
  });
});
