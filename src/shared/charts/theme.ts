import type { EChartsOption } from 'echarts';
import { formatMoney } from '../money.js';

/**
 * The look shared by every Triad chart, in the web app and in the PDF board pack: a restrained
 * palette led by Triad's blue, with red kept for "above appetite" and amber for warnings.
 */
export const CHART_COLORS = {
  primary: '#1f4e79',
  secondary: '#5285c2',
  muted: '#8a99ab',
  grid: '#e6eaf0',
  text: '#2b3645',
  subtle: '#6b7785',
  danger: '#c92a2a',
  warning: '#e8890c',
  success: '#2b8a3e',
} as const;

/** Series colours in order. */
export const CHART_PALETTE = ['#1f4e79', '#5285c2', '#2b8a7e', '#c9a227', '#8a5a9e', '#b65c3a', '#8a99ab'];

export const CHART_FONT = 'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif';

/** What every builder starts from: palette, font, grid margins and a plain tooltip. */
export function baseOption(): EChartsOption {
  return {
    color: CHART_PALETTE,
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text, fontSize: 12 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', confine: true, borderColor: CHART_COLORS.grid, textStyle: { color: CHART_COLORS.text } },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { color: CHART_COLORS.subtle } },
    animationDuration: 300,
  };
}

/** An axis label formatter for money: `$1.2M` (`1,2 Mio. $` with locale `de-DE`). */
export function moneyAxisLabel(currency: string, locale?: string): (value: number) => string {
  return (value: number) => formatMoney(value, currency, { compact: true, ...(locale ? { locale } : {}) });
}
