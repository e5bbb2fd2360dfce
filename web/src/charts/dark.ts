import type { EChartsOption } from 'echarts';
import { CHART_COLORS } from '@shared/charts/theme';

/**
 * The shared chart builders (src/shared/charts) draw for paper and a light page. On a dark page
 * the same option is drawn with its ink and rules swapped for light ones, and the darkest
 * series colour lifted, so every chart reads in both colour schemes with one builder.
 */
const DARK: Record<string, string> = {
  [CHART_COLORS.text]: '#d5dbe3',
  [CHART_COLORS.subtle]: '#a3aebb',
  [CHART_COLORS.grid]: '#3a3f47',
  [CHART_COLORS.primary]: '#6f9fd8',
  '#fff': '#2e2e2e',
  '#ffffff': '#2e2e2e',
};

function swap(value: unknown): unknown {
  if (typeof value === 'string') return DARK[value.toLowerCase()] ?? value;
  if (Array.isArray(value)) return value.map(swap);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
  }
  return value;
}

/** The option as drawn on a dark page (functions such as formatters kept as they are). */
export function darkChartOption(option: EChartsOption): EChartsOption {
  const swapped = swap(option) as EChartsOption;
  const text = (option.textStyle ?? {}) as Record<string, unknown>;
  return {
    ...swapped,
    backgroundColor: 'transparent',
    // Text with no colour of its own follows the page.
    textStyle: { ...text, color: DARK[CHART_COLORS.text] },
    tooltip: swapped.tooltip && !Array.isArray(swapped.tooltip) ? { backgroundColor: '#25262b', ...swapped.tooltip } : swapped.tooltip,
  };
}
