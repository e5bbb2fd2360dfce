import type { EChartsOption } from 'echarts';

/** Below this width (px) a chart is laid out for a phone. */
export const NARROW_CHART = 560;

type Axis = Record<string, unknown> & { type?: string; axisLabel?: Record<string, unknown>; nameGap?: number };

function narrowAxis(axis: unknown, horizontal: boolean): unknown {
  if (Array.isArray(axis)) return axis.map((a) => narrowAxis(a, horizontal));
  if (!axis || typeof axis !== 'object') return axis;
  const a = axis as Axis;
  if (a.type === 'category' && horizontal) {
    // Category names side by side run into each other: tilt them and keep every one.
    return { ...a, nameGap: Math.max(a.nameGap ?? 0, 56), axisLabel: { ...(a.axisLabel ?? {}), interval: 0, rotate: 40, fontSize: 10 } };
  }
  if (a.type === 'category') {
    return { ...a, nameGap: Math.min(a.nameGap ?? 0, 72), axisLabel: { ...(a.axisLabel ?? {}), width: 64, overflow: 'break', fontSize: 10 } };
  }
  return { ...a, axisLabel: { ...(a.axisLabel ?? {}), fontSize: 10, hideOverlap: true } };
}

/**
 * The same chart for a narrow screen: a legend on one scrolling line above the plot (a
 * wrapped legend covers the axis), category labels tilted or wrapped so they never overlap,
 * and smaller axis labels. The PDF and wide screens keep the option as built.
 */
export function narrowOption(option: EChartsOption): EChartsOption {
  const legend = option.legend as Record<string, unknown> | undefined;
  const grid = option.grid as Record<string, unknown> | undefined;
  const showsLegend = legend !== undefined && legend.show !== false;
  return {
    ...option,
    ...(showsLegend ? { legend: { ...legend, type: 'scroll', top: 0, left: 0, right: 0 } } : {}),
    ...(grid && !Array.isArray(grid) ? { grid: { ...grid, left: 4, right: 8, ...(showsLegend ? { top: 36 } : {}) } } : {}),
    xAxis: narrowAxis(option.xAxis, true) as EChartsOption['xAxis'],
    yAxis: narrowAxis(option.yAxis, false) as EChartsOption['yAxis'],
  };
}
