import { Skeleton } from '@mantine/core';
import type { EChartsOption } from 'echarts';
import { lazy, Suspense } from 'react';

const EChartView = lazy(() => import('../charts/EChartView'));

export interface EChartProps {
  /** Build it with a function from src/shared/charts, so the PDF board pack draws the same chart. */
  option: EChartsOption;
  height?: number | string;
  /** Replace instead of merging when the option changes. Default true. */
  notMerge?: boolean;
  /** What the chart shows, for screen readers. */
  ariaLabel?: string;
}

/**
 * An ECharts chart. ECharts is loaded the first time a chart is drawn, so pages without charts
 * never pay for it; a skeleton of the same height holds the place meanwhile.
 */
export function EChart({ option, height = 320, notMerge, ariaLabel }: EChartProps) {
  return (
    <Suspense fallback={<Skeleton height={height} radius="md" />}>
      <EChartView option={option} height={height} notMerge={notMerge ?? true} {...(ariaLabel ? { ariaLabel } : {})} />
    </Suspense>
  );
}
