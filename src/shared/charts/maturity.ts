import type { EChartsOption } from 'echarts';
import { baseOption, CHART_COLORS } from './theme.js';

/** Maturity by group (a framework's functions or categories): current against target, and the last completed assessment when there is one. */
export interface MaturityChartInput {
  /** "Tier" or "Level": what the scale calls a step. */
  unit: string;
  min: number;
  max: number;
  groups: { label: string; previous: number | null; current: number | null; target: number | null }[];
  labels?: { previous?: string; current?: string; target?: string };
}

const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/**
 * Grouped bars, one group per function: where the client stands now (solid), the target
 * (outlined), and, when there is one, where it stood at the last completed assessment (grey),
 * on the scale's own axis (tiers 1 to 4, or levels 0 to 5). A group not yet rated has no bar.
 */
export function maturityOption(input: MaturityChartInput): EChartsOption {
  const base = baseOption();
  const withPrevious = input.groups.some((g) => g.previous !== null);
  const labels = { previous: 'Last assessment', current: 'Now', target: 'Target', ...input.labels };
  const value = (v: number | null) => (v === null ? '-' : round(v));
  const series: EChartsOption['series'] = [
    ...(withPrevious ? [{ name: labels.previous, type: 'bar' as const, barGap: '8%', barMaxWidth: 26, itemStyle: { color: '#c3ccd6' }, data: input.groups.map((g) => value(g.previous)) }] : []),
    {
      name: labels.current,
      type: 'bar',
      barGap: '8%',
      barMaxWidth: 26,
      itemStyle: { color: CHART_COLORS.primary },
      label: { show: true, position: 'top', fontSize: 10, color: CHART_COLORS.subtle, formatter: (p) => (typeof p.value === 'number' ? p.value.toFixed(1) : '') },
      data: input.groups.map((g) => value(g.current)),
    },
    {
      name: labels.target,
      type: 'bar',
      barGap: '8%',
      barMaxWidth: 26,
      itemStyle: { color: 'rgba(82,133,194,0.18)', borderColor: CHART_COLORS.secondary, borderWidth: 1.5, borderType: 'dashed' },
      data: input.groups.map((g) => value(g.target)),
    },
  ];
  return {
    ...base,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { ...(base.tooltip as object), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? `${input.unit} ${v.toFixed(1)}` : 'not rated') },
    xAxis: { type: 'category', data: input.groups.map((g) => g.label), axisLabel: { color: CHART_COLORS.text, interval: 0 } },
    yAxis: {
      type: 'value',
      min: input.min,
      max: input.max,
      interval: 1,
      name: input.unit,
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: CHART_COLORS.subtle },
      axisLabel: { color: CHART_COLORS.subtle },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series,
  };
}
