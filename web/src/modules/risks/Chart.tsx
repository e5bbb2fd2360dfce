import type { EChartsOption } from 'echarts';
import { EChart } from '../../components/EChart';

/** A chart with its description for screen readers (and for tests that look for it by name). */
export function Chart({ label, option, height }: { label: string; option: EChartsOption; height: number }) {
  return (
    <div role="img" aria-label={label}>
      <EChart option={option} height={height} />
    </div>
  );
}
