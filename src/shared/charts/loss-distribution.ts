import type { EChartsOption } from 'echarts';
import { formatMoney } from '../money.js';
import { baseOption, CHART_COLORS } from './theme.js';

export interface LossDistributionInput {
  currency: string;
  /** Bins of the years with a loss: counts.length + 1 ascending edges (log-spaced). */
  histogram: { edges: number[]; counts: number[] };
  /** Simulated years, to show shares instead of counts. */
  years: number;
  /** Amounts to mark on the chart, e.g. the mean and the 1-in-10 and 1-in-100 year losses. */
  markers?: { label: string; value: number }[];
  /** A second histogram (with the same edges or not) drawn behind, e.g. the inherent one. */
  compare?: { label: string; histogram: { edges: number[]; counts: number[] } } | null;
  label?: string;
}

/** Index of the bin holding `value` (a value on an inner edge belongs to the lower bin). */
export function binOf(edges: number[], value: number): number {
  for (let i = 1; i < edges.length; i++) if (value <= edges[i]!) return i - 1;
  return Math.max(0, edges.length - 2);
}

/**
 * The loss distribution: the share of simulated years whose loss falls in each (log-spaced)
 * range, for the years with a loss; markers for the mean and the percentiles.
 */
export function lossDistributionOption(input: LossDistributionInput): EChartsOption {
  const { currency, histogram, years } = input;
  const compact = (x: number): string => formatMoney(x, currency, { compact: true });
  const categories = histogram.counts.map((_, i) => `${compact(histogram.edges[i]!)}–${compact(histogram.edges[i + 1]!)}`);
  const share = (c: number): number => (years > 0 ? c / years : 0);
  const main = histogram.counts.map(share);
  const compare = input.compare
    ? histogram.counts.map((_, i) => {
        // Re-bin the comparison onto this histogram's ranges by the midpoints of its bins.
        const h = input.compare!.histogram;
        let sum = 0;
        h.counts.forEach((c, j) => {
          const mid = Math.sqrt(Math.max(h.edges[j]!, 1e-9) * h.edges[j + 1]!);
          if (binOf(histogram.edges, mid) === i && mid >= histogram.edges[0]! && mid <= histogram.edges.at(-1)!) sum += c;
        });
        return share(sum);
      })
    : null;
  const markers = (input.markers ?? []).filter((m) => m.value > 0 && histogram.edges.length > 1);
  return {
    ...baseOption(),
    grid: { left: 28, right: 16, top: 40, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => `${(100 * Number(v)).toFixed(2)} % of years` },
    xAxis: { type: 'category', data: categories, name: 'Annual loss', nameLocation: 'middle', nameGap: 28, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'Share of years', nameLocation: 'middle', nameGap: 44, axisLabel: { formatter: (v: number) => `${(100 * v).toFixed(v < 0.01 ? 1 : 0)} %` }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: [
      ...(compare ? [{ name: input.compare!.label, type: 'bar' as const, data: compare, barGap: '-100%', itemStyle: { color: CHART_COLORS.grid } }] : []),
      {
        name: input.label ?? 'Years with this loss',
        type: 'bar' as const,
        data: main,
        itemStyle: { color: CHART_COLORS.secondary },
        markLine: markers.length
          ? {
              symbol: 'none',
              lineStyle: { color: CHART_COLORS.danger, type: 'dashed' },
              label: { formatter: (p) => `${p.name}`, color: CHART_COLORS.subtle },
              data: markers.map((m) => ({ name: `${m.label} ${compact(m.value)}`, xAxis: binOf(histogram.edges, m.value) })),
            }
          : undefined,
      },
    ],
  };
}
