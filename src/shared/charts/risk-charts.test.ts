import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts';
import { binOf, lossDistributionOption } from './loss-distribution.js';
import { lossExceedanceOption } from './loss-exceedance.js';
import { LEVEL_COLORS, riskHeatmapOption } from './risk-heatmap.js';
import { CHART_COLORS } from './theme.js';

const lec = [
  { loss: 0, probability: 0.9 },
  { loss: 1_000, probability: 0.5 },
  { loss: 100_000, probability: 0.1 },
  { loss: 1_000_000, probability: 0.01 },
];

describe('loss exceedance chart', () => {
  it('draws the curves on a log loss axis and the tolerance curve as a red step line to the right edge', () => {
    const option = lossExceedanceOption({ currency: 'USD', inherent: lec, residual: lec.map((p) => ({ ...p, probability: p.probability / 2 })), tolerance: [{ loss: 500_000, probability: 0.02 }, { loss: 50_000, probability: 0.1 }] });
    const series = option.series as LineSeriesOption[];
    expect(series.map((s) => s.name)).toEqual(['Inherent (no treatments)', 'Residual (planned and in-place treatments)', 'Risk appetite (tolerance)']);
    expect((option.xAxis as { type: string }).type).toBe('log');
    // Zero losses cannot sit on a log axis.
    expect(series[0]!.data).toEqual([[1_000, 0.5], [100_000, 0.1], [1_000_000, 0.01]]);
    const tolerance = series[2]!;
    expect(tolerance.step).toBe('end');
    expect(tolerance.lineStyle?.color).toBe(CHART_COLORS.danger);
    expect(tolerance.data).toEqual([[50_000, 0.1], [500_000, 0.02], [1_000_000, 0.02]]);
  });

  it('leaves out the residual and tolerance series when there are none', () => {
    const option = lossExceedanceOption({ currency: 'EUR', inherent: lec });
    expect((option.series as LineSeriesOption[]).map((s) => s.name)).toEqual(['Inherent (no treatments)']);
    expect(((option.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter)(1_200_000)).toBe('€1.2M');
  });

  it('labels the probability axis as people write chances: 0 %, 0.50 %, 5.0 %, 40 %', () => {
    const option = lossExceedanceOption({ currency: 'EUR', inherent: lec });
    const label = (option.yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect([0, 0.005, 0.05, 0.4].map(label)).toEqual(['0 %', '0.50 %', '5.0 %', '40 %']);
  });
});

describe('loss distribution chart', () => {
  const histogram = { edges: [100, 1_000, 10_000, 100_000], counts: [50, 30, 20] };

  it('shows each bin as a share of the simulated years, with markers in the bins of their amounts', () => {
    const option = lossDistributionOption({ currency: 'USD', histogram, years: 1_000, markers: [{ label: 'Mean', value: 5_000 }, { label: 'P99', value: 90_000 }] });
    const bars = (option.series as { data: number[]; markLine?: { data: { xAxis: number }[] } }[]).at(-1)!;
    expect(bars.data).toEqual([0.05, 0.03, 0.02]);
    expect(bars.markLine!.data.map((d) => d.xAxis)).toEqual([1, 2]);
    expect((option.xAxis as { data: string[] }).data[0]).toBe('$100–$1K');
  });

  it('puts a value on an inner edge in the lower bin', () => {
    expect(binOf(histogram.edges, 1_000)).toBe(0);
    expect(binOf(histogram.edges, 1_001)).toBe(1);
    expect(binOf(histogram.edges, 1e9)).toBe(2);
  });
});

describe('heat map', () => {
  it('colours each of the 25 cells by its level and labels it with its scenarios', () => {
    const cells = [];
    for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) cells.push({ likelihood: l, impact: i, level: l * i >= 20 ? ('critical' as const) : ('low' as const), scenarios: l === 5 && i === 5 ? [{ ref: 'R1', title: 'Ransomware <script>' }] : [] });
    const option = riskHeatmapOption({ cells });
    const series = (option.series as { data: { value: number[]; itemStyle: { color: string } }[]; label: { formatter: (p: { dataIndex: number }) => string } }[])[0]!;
    expect(series.data.length).toBe(25);
    const top = series.data[24]!;
    expect(top.value).toEqual([4, 4, 1]);
    expect(top.itemStyle.color).toBe(LEVEL_COLORS.critical);
    expect(series.label.formatter({ dataIndex: 24 })).toBe('R1');
    expect(series.label.formatter({ dataIndex: 0 })).toBe('');
    const tooltip = (option.tooltip as { formatter: (p: { dataIndex: number }) => string }).formatter({ dataIndex: 24 });
    expect(tooltip).toContain('Ransomware &lt;script&gt;');
  });
});
