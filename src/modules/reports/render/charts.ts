/**
 * Server-side charts: the web app's option builders (src/shared/charts) rendered by ECharts to
 * an SVG string, for the PDF and the HTML page. ECharts is loaded on first use, and only the
 * parts the report charts use (line and bar series, the simple grid, the plain legend, the SVG
 * renderer), which halves its load time; a chart type a report builder starts to use must be
 * added to PARTS, or it does not draw.
 */
import type { EChartsOption } from 'echarts';
import { reportChartOption, type ReportChart } from '../../../shared/charts/reports.js';
import { CHART_FONT } from '../../../shared/charts/theme.js';
import { measureCssText } from './fonts.js';

const PARTS: [path: string, installer: string][] = [
  ['echarts/lib/chart/line/install.js', 'install'],
  ['echarts/lib/chart/bar/install.js', 'install'],
  ['echarts/lib/component/grid/installSimple.js', 'install'],
  // The builders lay out their grids with `containLabel`.
  ['echarts/lib/coord/cartesian/legacyContainLabel.js', 'installLegacyGridContainLabel'],
  ['echarts/lib/component/legend/installLegendPlain.js', 'install'],
  ['echarts/lib/renderer/installSVGRenderer.js', 'install'],
];

interface Chart {
  setOption(option: EChartsOption): void;
  renderToSVGString(): string;
  dispose(): void;
}
interface EChartsCore {
  use(installers: unknown[]): void;
  setPlatformAPI(api: { measureText: (text: string, font?: string) => { width: number } }): void;
  init(dom: null, theme: null, options: { renderer: 'svg'; ssr: true; width: number; height: number }): Chart;
}

let loading: Promise<EChartsCore> | null = null;

function echarts(): Promise<EChartsCore> {
  loading ??= (async () => {
    const core = (await import('echarts/core')) as unknown as EChartsCore;
    // Module paths held in variables: these files of the package carry no type declarations.
    const parts = (await Promise.all(PARTS.map(([p]) => import(p)))) as Record<string, unknown>[];
    core.use(parts.map((m, i) => m[PARTS[i]![1]]));
    // Without a canvas ECharts guesses text widths from Helvetica's; measured in the fonts the
    // PDF embeds, axis labels get the room they take on paper and are not cut.
    core.setPlatformAPI({ measureText: (text, font) => measureCssText(text, font ?? '12px sans-serif') });
    return core;
  })();
  return loading;
}

/** Renders an ECharts option to a self-contained SVG string (no animation, no external references). */
export async function optionToSvg(option: EChartsOption, width: number, height: number, fontFamily: string = CHART_FONT): Promise<string> {
  const e = await echarts();
  const chart = e.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // No tooltips on paper (and no tooltip component loaded).
    const { tooltip: _t, ...still } = option;
    chart.setOption({ ...still, animation: false, textStyle: { ...(option.textStyle as object), fontFamily } });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A report chart (stored data) as SVG, drawn with the same builder as the web app. */
export function chartSvg(chart: ReportChart, width: number, height: number, fontFamily?: string, label?: (english: string) => string): Promise<string> {
  return optionToSvg(reportChartOption(chart, label), width, height, fontFamily);
}
