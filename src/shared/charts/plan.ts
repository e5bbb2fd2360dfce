import type { EChartsOption } from 'echarts';
import { formatMoney } from '../money.js';
import { baseOption, CHART_COLORS, moneyAxisLabel } from './theme.js';

/**
 * The charts of the roadmap and budget in the QBR and the board pack (and the web app): the
 * IT budget month by month, and the risk in money quarter by quarter.
 */

export interface BudgetMonthsChart {
  type: 'budget-months';
  currency: string;
  months: { label: string; plan: number; actual: number | null; forecast: number }[];
}

export interface RiskTrendChart {
  type: 'risk-trend';
  currency: string;
  points: { label: string; mean: number; p90: number }[];
}

/** Plan as a line, actuals as solid bars, the forecast of the months without actuals as pale bars. */
export function budgetMonthsOption(chart: BudgetMonthsChart): EChartsOption {
  const base = baseOption();
  return {
    ...base,
    tooltip: { ...(base.tooltip as object), trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined || v === '-' ? '-' : formatMoney(Number(v), chart.currency)) },
    xAxis: { type: 'category', data: chart.months.map((m) => m.label), axisLabel: { color: CHART_COLORS.subtle, interval: 0, rotate: chart.months.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: moneyAxisLabel(chart.currency), color: CHART_COLORS.subtle }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: [
      { name: 'Actual', type: 'bar', stack: 'spent', barMaxWidth: 26, itemStyle: { color: CHART_COLORS.primary }, data: chart.months.map((m) => m.actual ?? '-') },
      { name: 'Forecast', type: 'bar', stack: 'spent', barMaxWidth: 26, itemStyle: { color: '#b8cbe3' }, data: chart.months.map((m) => (m.actual === null ? m.forecast : '-')) },
      { name: 'Plan', type: 'line', symbol: 'circle', symbolSize: 5, lineStyle: { color: CHART_COLORS.warning, width: 2 }, itemStyle: { color: CHART_COLORS.warning }, data: chart.months.map((m) => m.plan) },
    ],
  };
}

/** Expected annual loss and the 1-in-10-year loss, as recomputed over time. */
export function riskTrendOption(chart: RiskTrendChart): EChartsOption {
  const base = baseOption();
  return {
    ...base,
    tooltip: { ...(base.tooltip as object), trigger: 'axis', valueFormatter: (v) => formatMoney(Number(v), chart.currency) },
    xAxis: { type: 'category', data: chart.points.map((p) => p.label), axisLabel: { color: CHART_COLORS.subtle } },
    yAxis: { type: 'value', axisLabel: { formatter: moneyAxisLabel(chart.currency), color: CHART_COLORS.subtle }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: [
      { name: 'Expected annual loss', type: 'line', symbol: 'circle', symbolSize: 6, lineStyle: { color: CHART_COLORS.primary, width: 2 }, itemStyle: { color: CHART_COLORS.primary }, data: chart.points.map((p) => p.mean) },
      { name: '1-in-10-year loss', type: 'line', symbol: 'circle', symbolSize: 6, lineStyle: { color: CHART_COLORS.danger, width: 2, type: 'dashed' }, itemStyle: { color: CHART_COLORS.danger }, data: chart.points.map((p) => p.p90) },
    ],
  };
}
