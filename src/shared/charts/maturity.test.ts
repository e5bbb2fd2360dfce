import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts';
import { maturityOption } from './maturity.js';
import { reportChartOption } from './reports.js';

describe('the maturity chart', () => {
  const groups = [
    { label: 'Govern', previous: 2, current: 2.25, target: 3 },
    { label: 'Detect', previous: 1.5, current: null, target: 3 },
  ];

  it('draws now, target and the last assessment as grouped bars on the scale\u2019s own axis', () => {
    const option = maturityOption({ unit: 'Tier', min: 1, max: 4, groups });
    const series = option.series as BarSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['Last assessment', 'Now', 'Target']);
    expect(series.every((s) => s.type === 'bar' && s.stack === undefined)).toBe(true);
    // Rounded to one decimal; a group not rated yet has no bar.
    expect(series[1]!.data).toEqual([2.3, '-']);
    expect(series[2]!.data).toEqual([3, 3]);
    expect(option.yAxis).toMatchObject({ type: 'value', min: 1, max: 4, interval: 1, name: 'Tier' });
    expect((option.xAxis as { data: string[] }).data).toEqual(['Govern', 'Detect']);
  });

  it('leaves out the last assessment when there is none, and is the board pack\u2019s chart too', () => {
    const option = reportChartOption({ type: 'maturity', unit: 'Level', min: 0, max: 5, groups: groups.map((g) => ({ ...g, previous: null })) });
    expect((option.series as BarSeriesOption[]).map((s) => s.name)).toEqual(['Now', 'Target']);
    expect(option.yAxis).toMatchObject({ min: 0, max: 5 });
  });
});
