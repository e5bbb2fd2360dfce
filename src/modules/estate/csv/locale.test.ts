import { describe, expect, it } from 'vitest';
import { describeValue, LocaleEvidence } from './locale.js';

describe('guessing a file\'s locale from its first rows', () => {
  it('takes day first from a day past 12, or from dates written with dots', () => {
    const e = new LocaleEvidence();
    for (const d of ['03/04/2024', '25/12/2023']) e.date(d);
    expect(e.decide({}, ',').locale.dateOrder).toBe('DMY');
    const g = new LocaleEvidence();
    g.date('10.01.2022');
    g.number('3.342,60');
    expect(g.decide({}, ';')).toMatchObject({ locale: { decimal: ',', dateOrder: 'DMY' }, guessed: { decimal: true, dateOrder: true }, problem: null });
  });

  it('takes month first from a second number past 12', () => {
    const e = new LocaleEvidence();
    for (const d of ['4/5/16', '6/16/15']) e.date(d);
    expect(e.decide({}, ',').locale.dateOrder).toBe('MDY');
  });

  it('refuses to guess when every date could be either, and offers the formats', () => {
    const e = new LocaleEvidence();
    e.date('03/04/2024');
    const d = e.decide({}, ',');
    expect(d.problem).toMatch(/"03\/04\/2024" could be day first or month first; choose the file's date format \(DD\/MM\/YYYY.* or MM\/DD\/YYYY\)/);
    expect(e.decide({ dateOrder: 'DMY' }, ',')).toMatchObject({ locale: { dateOrder: 'DMY' }, guessed: { dateOrder: false }, problem: null });
  });

  it('refuses dates written both ways', () => {
    const e = new LocaleEvidence();
    e.date('13/01/2024');
    e.date('01/13/2024');
    expect(e.decide({}, ',').problem).toMatch(/both day first and month first/);
  });

  it('needs no order for ISO dates, and defaults the decimal mark to the delimiter\'s custom', () => {
    const e = new LocaleEvidence();
    e.date('2024-01-02');
    expect(e.decide({}, ',')).toMatchObject({ locale: { decimal: '.', dateOrder: null }, problem: null });
    expect(e.decide({}, ';').locale.decimal).toBe(',');
  });

  it('says how a value was read', () => {
    expect(describeValue('2022-01-10')).toBe('10 January 2022');
    expect(describeValue(3342.6)).toBe('3342.6');
    expect(describeValue(['a', 'b'])).toBe('a; b');
  });
});
