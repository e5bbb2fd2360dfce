/**
 * Charts in the web app. Option builders live in src/shared/charts (shared with the PDF board
 * pack, import them as '@shared/charts'); draw them with `<EChart option={…} />` from
 * components/EChart. Web-only chart helpers (interactions, click handlers) go in this folder.
 */
export { baseOption, moneyAxisLabel, CHART_COLORS, CHART_PALETTE } from '@shared/charts';
