import { describe, expect, it } from 'vitest';
import { csvLine, csvText, neutralise } from './spreadsheet.js';

describe('cells for spreadsheets', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(neutralise('=HYPERLINK("http://evil.example","Click")')).toBe('\'=HYPERLINK("http://evil.example","Click")');
    for (const c of ['+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(neutralise(c)).toBe(`'${c}`);
    expect(neutralise('-12.5')).toBe('-12.5');
    expect(neutralise('Plain text = fine')).toBe('Plain text = fine');
  });

  it('writes CSV for Excel: a BOM, quoted cells, neutralised formulas', () => {
    expect(csvLine(['a,b', 'say "hi"', '=1+1', null, 3])).toBe('"a,b","say ""hi""",\'=1+1,,3\r\n');
    expect(csvText(['Name'], [['x']]).startsWith('\uFEFFName\r\n')).toBe(true);
  });
});
