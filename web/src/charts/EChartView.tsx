import { useElementSize } from '@mantine/hooks';
import type { EChartsOption } from 'echarts';
import { useComputedColorScheme } from '@mantine/core';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { darkChartOption } from './dark';
import { echarts } from './echarts';
import { NARROW_CHART, narrowOption } from './narrow';

export interface EChartViewProps {
  option: EChartsOption;
  height: number | string;
  /** Replace instead of merging when the option changes (series removed, for instance). */
  notMerge?: boolean;
  ariaLabel?: string;
}

/** The chart itself; loaded lazily by components/EChart.tsx so ECharts stays out of the main bundle. */
export default function EChartView({ option, height, notMerge = true, ariaLabel }: EChartViewProps) {
  const { ref, width } = useElementSize();
  const narrow = width > 0 && width < NARROW_CHART;
  const scheme = useComputedColorScheme('light');
  const shown = useMemo(() => {
    const fitted = narrow ? narrowOption(option) : option;
    return { aria: { enabled: true }, ...(scheme === 'dark' ? darkChartOption(fitted) : fitted) };
  }, [option, narrow, scheme]);
  return (
    <div ref={ref} style={{ width: '100%' }}>
      <ReactEChartsCore echarts={echarts} option={shown} notMerge={notMerge} opts={{ renderer: 'svg' }} style={{ height, width: '100%' }} role="img" aria-label={ariaLabel} />
    </div>
  );
}
