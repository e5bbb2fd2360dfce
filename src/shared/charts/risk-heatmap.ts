import type { EChartsOption } from 'echarts';
import { baseOption, CHART_COLORS } from './theme.js';

export interface HeatmapInput {
  /** The 25 cells: likelihood and impact from 1 to 5, the level and the scenarios in each. */
  cells: { likelihood: number; impact: number; level: 'low' | 'medium' | 'high' | 'critical'; scenarios: { ref: string; title: string }[] }[];
  likelihoodLabels?: readonly string[];
  impactLabels?: readonly string[];
}

export const LEVEL_COLORS: Record<HeatmapInput['cells'][number]['level'], string> = {
  low: '#d3f0dc',
  medium: '#fff1c2',
  high: '#ffd8a8',
  critical: '#ffc9c9',
};

/** Scenario titles are people's text: escaped before they go into the tooltip's HTML. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const LIKELIHOOD = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'];
const IMPACT = ['Minor', 'Moderate', 'Significant', 'Major', 'Severe'];

/**
 * The 5 × 5 heat map: impact across, likelihood up, each cell coloured by its rating level and
 * labelled with the scenarios in it (their refs), for readers used to qualitative registers.
 */
export function riskHeatmapOption(input: HeatmapInput): EChartsOption {
  const likelihood = input.likelihoodLabels ?? LIKELIHOOD;
  const impact = input.impactLabels ?? IMPACT;
  return {
    ...baseOption(),
    grid: { left: 28, right: 16, top: 16, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => {
        const cell = input.cells[(Array.isArray(p) ? p[0]! : p).dataIndex];
        if (!cell) return '';
        const where = `${likelihood[cell.likelihood - 1]} × ${impact[cell.impact - 1]}`;
        if (cell.scenarios.length === 0) return `${where}: no scenarios`;
        return `${where} (${cell.level})<br/>${cell.scenarios.map((s) => `${escapeHtml(s.ref)} ${escapeHtml(s.title)}`).join('<br/>')}`;
      },
    },
    legend: { show: false },
    xAxis: { type: 'category', data: [...impact], name: 'Impact', nameLocation: 'middle', nameGap: 28, splitArea: { show: false } },
    yAxis: { type: 'category', data: [...likelihood], name: 'Likelihood', nameLocation: 'middle', nameGap: 96, splitArea: { show: false } },
    series: [
      {
        name: 'Scenarios',
        type: 'heatmap',
        data: input.cells.map((c) => ({
          value: [c.impact - 1, c.likelihood - 1, c.scenarios.length],
          itemStyle: { color: LEVEL_COLORS[c.level], borderColor: '#fff', borderWidth: 2 },
        })),
        label: {
          show: true,
          color: CHART_COLORS.text,
          formatter: (p) => {
            const cell = input.cells[p.dataIndex];
            if (!cell || cell.scenarios.length === 0) return '';
            const refs = cell.scenarios.map((s) => s.ref);
            return refs.length > 4 ? `${refs.slice(0, 3).join(' ')} +${refs.length - 3}` : refs.join(' ');
          },
        },
        emphasis: { itemStyle: { borderColor: CHART_COLORS.text } },
      },
    ],
  };
}
