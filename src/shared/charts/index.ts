/** ECharts option builders shared by the web app and the server's PDF reports; see README.md. */
export { baseOption, moneyAxisLabel, CHART_COLORS, CHART_FONT, CHART_PALETTE } from './theme.js';
