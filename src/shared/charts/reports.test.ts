import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, LineSeriesOption } from 'echarts';
import { reportChartOption, replacementCostChartOption, worstCaseChartOption } from './reports.js';

describe('report charts', () => {
  it('draws the pack\u2019s loss exceedance curve with the risk register\u2019s builder, named for the board', () => {
    const option = reportChartOption({
      type: 'loss-exceedance',
      currency: 'USD',
      inherent: [{ loss: 1_000, probability: 0.9 }, { loss: 100_000, probability: 0.2 }],
      residual: [{ loss: 1_000, probability: 0.5 }, { loss: 100_000, probability: 0.05 }],
      tolerance: [{ loss: 50_000, probability: 0.1 }],
    });
    expect((option.series as LineSeriesOption[]).map((s) => s.name)).toEqual(['Before treatments', 'With treatments', 'Risk appetite (tolerance)']);
    expect((option.xAxis as { type: string }).type).toBe('log');
  });

  it('shows replacement cost by quarter as bars, every quarter labelled', () => {
    const option = replacementCostChartOption({ type: 'replacement-cost', currency: 'EUR', quarters: [{ quarter: '2026-Q4', systems: 2, replacementCost: 12_000 }, { quarter: '2027-Q1', systems: 0, replacementCost: 0 }] });
    const series = option.series as BarSeriesOption[];
    expect(series[0]!.data).toEqual([12_000, 0]);
    expect((option.xAxis as { data: string[]; axisLabel: { interval: number } }).data).toEqual(['2026-Q4', '2027-Q1']);
    expect((option.xAxis as { axisLabel: { interval: number } }).axisLabel.interval).toBe(0);
    expect(((option.yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter)(1_500_000)).toBe('€1.5M');
  });

  it('stacks the worst case as low, up to typical, up to high, so each bar ends at the high estimate', () => {
    const components = [{ label: 'Business interruption', low: 100, typical: 250, high: 900 }, { label: 'Stolen records', low: 0, typical: 0, high: 50 }];
    const series = worstCaseChartOption({ type: 'worst-case', currency: 'USD', components }).series as BarSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['Low', 'Typical', 'High']);
    expect(series.every((s) => s.stack === 'range')).toBe(true);
    const total = components.map((_, i) => series.reduce((sum, s) => sum + Number((s.data as number[])[i]), 0));
    expect(total).toEqual(components.map((c) => c.high));
  });
});
