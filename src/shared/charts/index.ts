/** ECharts option builders shared by the web app and the server's PDF reports; see README.md. */
export { baseOption, moneyAxisLabel, CHART_COLORS, CHART_FONT, CHART_PALETTE } from './theme.js';
export { lossExceedanceOption, type LecInput } from './loss-exceedance.js';
export { lossDistributionOption, binOf, type LossDistributionInput } from './loss-distribution.js';
export { riskHeatmapOption, LEVEL_COLORS, type HeatmapInput } from './risk-heatmap.js';
export { maturityOption, type MaturityChartInput } from './maturity.js';
