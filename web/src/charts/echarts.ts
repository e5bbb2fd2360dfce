/**
 * The trimmed ECharts the browser loads (only on pages that draw a chart). A chart type or
 * component that an option builder uses must be registered here, or it silently does not draw.
 * Each one adds to the download (the core alone is ~550 kB), so register only what is used.
 */
import { BarChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  ScatterChart,
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  // The shared option builders lay out their grids with `containLabel`.
  LegacyGridContainLabel,
  // SVG: crisp at any zoom and print size, and the same renderer the PDF board pack uses.
  SVGRenderer,
]);

export { echarts };
