import type { EChartsOption } from 'echarts';
import { formatMoney } from '../money.js';
import { lossExceedanceOption } from './loss-exceedance.js';
import { budgetMonthsOption, riskTrendOption, type BudgetMonthsChart, type RiskTrendChart } from './plan.js';
import { maturityOption, type MaturityChartInput } from './maturity.js';
import { baseOption, CHART_COLORS, moneyAxisLabel } from './theme.js';

/**
 * The charts of the board pack and the ransomware one-pager, drawn by the web app and rendered
 * to SVG by the server for the PDF and HTML reports. Each chart is described by plain data (a
 * `ReportChart`, stored with the pack), and `reportChartOption` turns it into the option; the
 * loss exceedance curve is the risk register's `lossExceedanceOption`.
 */

export interface ExceedancePoint {
  loss: number;
  probability: number;
}

export interface LossExceedanceChart {
  type: 'loss-exceedance';
  currency: string;
  /** Before treatments. */
  inherent: ExceedancePoint[];
  /** With planned and in-place treatments; null without any. */
  residual: ExceedancePoint[] | null;
  /** What the company keeps after insurance; absent or null without policies. */
  retained?: ExceedancePoint[] | null;
  /** The risk appetite: the highest tolerated chance of losing more than each amount in a year. */
  tolerance: ExceedancePoint[];
}

export interface ReplacementCostChart {
  type: 'replacement-cost';
  currency: string;
  quarters: { quarter: string; systems: number; replacementCost: number }[];
}

export interface WorstCaseChart {
  type: 'worst-case';
  currency: string;
  components: { label: string; low: number; typical: number; high: number }[];
}

export interface MaturityChart extends MaturityChartInput {
  type: 'maturity';
}

export type ReportChart = LossExceedanceChart | ReplacementCostChart | WorstCaseChart | MaturityChart | BudgetMonthsChart | RiskTrendChart;
export type { BudgetMonthsChart, RiskTrendChart };

/** Replacement cost falling due by quarter, as bars, with the number of systems in the tooltip. */
export function replacementCostChartOption(chart: ReplacementCostChart): EChartsOption {
  const base = baseOption();
  return {
    ...base,
    legend: { show: false },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { ...(base.tooltip as object), trigger: 'axis', valueFormatter: (v) => formatMoney(Number(v), chart.currency) },
    xAxis: { type: 'category', data: chart.quarters.map((q) => q.quarter), axisLabel: { color: CHART_COLORS.subtle, interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: moneyAxisLabel(chart.currency), color: CHART_COLORS.subtle }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: [
      {
        name: 'Replacement cost',
        type: 'bar',
        barMaxWidth: 36,
        itemStyle: { color: CHART_COLORS.secondary, borderRadius: [3, 3, 0, 0] },
        data: chart.quarters.map((q) => q.replacementCost),
        label: { show: true, position: 'top', fontSize: 10, color: CHART_COLORS.subtle, formatter: (p) => (Number(p.value) > 0 ? formatMoney(Number(p.value), chart.currency, { compact: true }) : '') },
      },
    ],
  };
}

/**
 * The cost of a ransomware attack by component, as one stacked bar each: solid up to the low
 * estimate, then the part up to the typical amount, then pale up to the high estimate.
 */
export function worstCaseChartOption(chart: WorstCaseChart): EChartsOption {
  const base = baseOption();
  const labels = chart.components.map((c) => c.label);
  const money = (v: number): string => formatMoney(v, chart.currency, { compact: true });
  return {
    ...base,
    grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
    tooltip: {
      ...(base.tooltip as object),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const c = chart.components[list[0]?.dataIndex ?? 0];
        return c ? `${c.label}<br/>low ${money(c.low)} · typical ${money(c.typical)} · high ${money(c.high)}` : '';
      },
    },
    xAxis: { type: 'value', axisLabel: { formatter: moneyAxisLabel(chart.currency), color: CHART_COLORS.subtle }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { color: CHART_COLORS.text, interval: 0 } },
    series: [
      { name: 'Low', type: 'bar', stack: 'range', barWidth: 12, itemStyle: { color: '#a61e1e' }, data: chart.components.map((c) => c.low) },
      { name: 'Typical', type: 'bar', stack: 'range', barWidth: 12, itemStyle: { color: '#e03131' }, data: chart.components.map((c) => Math.max(0, c.typical - c.low)) },
      {
        name: 'High',
        type: 'bar',
        stack: 'range',
        barWidth: 12,
        itemStyle: { color: '#f5b5b5' },
        data: chart.components.map((c) => Math.max(0, c.high - c.typical)),
        label: { show: true, position: 'right', fontSize: 10, color: CHART_COLORS.subtle, formatter: (p) => money(chart.components[p.dataIndex]?.high ?? 0) },
      },
    ],
  };
}

/** The option for any report chart. */
export function reportChartOption(chart: ReportChart): EChartsOption {
  switch (chart.type) {
    case 'loss-exceedance':
      // The risk register's own chart, so the pack shows the curve as the web app does.
      return lossExceedanceOption({
        currency: chart.currency,
        inherent: chart.inherent,
        residual: chart.residual,
        retained: chart.retained ?? null,
        tolerance: chart.tolerance,
        labels: { inherent: chart.residual ? 'Before treatments' : 'Loss exceedance', residual: 'With treatments', tolerance: 'Risk appetite (tolerance)' },
      });
    case 'replacement-cost':
      return replacementCostChartOption(chart);
    case 'worst-case':
      return worstCaseChartOption(chart);
    case 'budget-months':
      return budgetMonthsOption(chart);
    case 'risk-trend':
      return riskTrendOption(chart);
    case 'maturity':
      return maturityOption(chart);
  }
}
