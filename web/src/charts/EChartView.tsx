import type { EChartsOption } from 'echarts';
import { useComputedColorScheme } from '@mantine/core';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { darkChartOption } from './dark';
import { echarts } from './echarts';

export interface EChartViewProps {
  option: EChartsOption;
  height: number | string;
  /** Replace instead of merging when the option changes (series removed, for instance). */
  notMerge?: boolean;
  ariaLabel?: string;
}

/** The chart itself; loaded lazily by components/EChart.tsx so ECharts stays out of the main bundle. */
export default function EChartView({ option, height, notMerge = true, ariaLabel }: EChartViewProps) {
  const scheme = useComputedColorScheme('light');
  const drawn = useMemo(() => (scheme === 'dark' ? darkChartOption(option) : option), [scheme, option]);
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={{ aria: { enabled: true }, ...drawn }}
      notMerge={notMerge}
      opts={{ renderer: 'svg' }}
      style={{ height, width: '100%' }}
      role="img"
      aria-label={ariaLabel}
    />
  );
}
