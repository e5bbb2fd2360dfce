import type { EChartsOption, LineSeriesOption } from 'echarts';
import { formatMoney, numberFormat } from '../money.js';
import { baseOption, CHART_COLORS, moneyAxisLabel } from './theme.js';

export interface LecInput {
  currency: string;
  /** The portfolio's loss exceedance curve without treatments. */
  inherent: { loss: number; probability: number }[];
  /** With planned and in-place treatments, when there are any. */
  residual?: { loss: number; probability: number }[] | null;
  /** What the company keeps after insurance, when it has policies. */
  retained?: { loss: number; probability: number }[] | null;
  /** The loss-tolerance curve: P(annual loss > loss) must stay at or below `probability`. */
  tolerance?: { loss: number; probability: number }[];
  /** Series names, e.g. for a single scenario. */
  labels?: { inherent?: string; residual?: string; retained?: string; tolerance?: string; lossAxis?: string; chanceAxis?: string };
  /** The Intl locale of amounts and percentages (en-US when not given). */
  locale?: string;
}

/** `12 %`, `0.5 %` (`0,5 %` in a German locale). */
function percentFormat(locale: string): (p: number) => string {
  return (p) => {
    if (p === 0) return '0 %';
    const digits = p < 0.01 ? 2 : p < 0.1 ? 1 : 0;
    return `${numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }, locale).format(100 * p)} %`;
  };
}

/**
 * The loss exceedance curve: for each annual loss (log scale), the chance of losing more in a
 * year; the residual curve beside the inherent one, and the tolerance curve drawn over both in
 * red as a falling step line, so a curve above it shows at a glance.
 */
export function lossExceedanceOption(input: LecInput): EChartsOption {
  const { currency } = input;
  const option = baseOption();
  const locale = input.locale ?? 'en-US';
  const money = moneyAxisLabel(currency, locale);
  const pct = percentFormat(locale);
  const positive = (points: { loss: number; probability: number }[]) => points.filter((p) => p.loss > 0).map((p) => [p.loss, p.probability] as [number, number]);
  const series: LineSeriesOption[] = [
    {
      name: input.labels?.inherent ?? 'Inherent (no treatments)',
      type: 'line',
      showSymbol: false,
      smooth: false,
      lineStyle: { width: 2, color: input.residual ? CHART_COLORS.muted : CHART_COLORS.primary },
      itemStyle: { color: input.residual ? CHART_COLORS.muted : CHART_COLORS.primary },
      data: positive(input.inherent),
    },
  ];
  if (input.residual && input.residual.length > 0) {
    series.push({
      name: input.labels?.residual ?? 'Residual (planned and in-place treatments)',
      type: 'line',
      showSymbol: false,
      lineStyle: { width: 2.5, color: CHART_COLORS.primary },
      itemStyle: { color: CHART_COLORS.primary },
      data: positive(input.residual),
    });
  }
  if (input.retained && input.retained.length > 0) {
    series.push({
      name: input.labels?.retained ?? 'Kept after insurance',
      type: 'line',
      showSymbol: false,
      lineStyle: { width: 2.5, color: CHART_COLORS.success },
      itemStyle: { color: CHART_COLORS.success },
      data: positive(input.retained),
    });
  }
  const tolerance = [...(input.tolerance ?? [])].filter((p) => p.loss > 0).sort((a, b) => a.loss - b.loss);
  if (tolerance.length > 0) {
    // A step line through the points, carried on to the right edge of the losses shown.
    const maxLoss = Math.max(...[...input.inherent, ...(input.residual ?? [])].map((p) => p.loss), tolerance.at(-1)!.loss * 2);
    const data: [number, number][] = tolerance.map((p) => [p.loss, p.probability]);
    data.push([maxLoss, tolerance.at(-1)!.probability]);
    series.push({
      name: input.labels?.tolerance ?? 'Risk appetite (tolerance)',
      type: 'line',
      step: 'end',
      symbol: 'circle',
      symbolSize: 7,
      lineStyle: { width: 2, type: 'dashed', color: CHART_COLORS.danger },
      itemStyle: { color: CHART_COLORS.danger },
      data,
      z: 3,
    });
  }
  return {
    ...option,
    grid: { left: 28, right: 24, top: 40, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v) => (typeof v === 'number' ? pct(v) : String(v)),
      axisPointer: { type: 'cross', label: { formatter: (p) => (p.axisDimension === 'x' ? formatMoney(Number(p.value), currency, { compact: true, locale }) : pct(Number(p.value))) } },
    },
    xAxis: {
      type: 'log',
      name: input.labels?.lossAxis ?? 'Annual loss',
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v: number) => money(v) },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
      minorTick: { show: false },
    },
    yAxis: {
      type: 'value',
      name: input.labels?.chanceAxis ?? 'Chance of losing more in a year',
      nameLocation: 'middle',
      nameGap: 48,
      min: 0,
      max: (v) => Math.min(1, Math.max(0.05, Math.ceil(v.max * 20) / 20)),
      axisLabel: { formatter: (v: number) => pct(v) },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series,
  };
}
