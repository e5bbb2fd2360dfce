/**
 * Self-contained HTML for Triad's reports: inline CSS, charts as inline SVG, no scripts and no
 * external requests, so a page can be mailed, archived or printed as it is.
 */
import type { Block, Figure, ResponseItem, Tone } from '../schema.js';
import { chartSvg } from './charts.js';
import { stanceTone, stanceWord } from '../../../shared/reports/words.js';
import { packWords, type PackWords } from '../i18n/index.js';
import { concernHeadIn, responseLineIn, translatedBlock } from '../i18n/blocks.js';

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Line breaks kept. */
const escLines = (text: string): string => esc(text).replace(/\n/g, '<br>');

export const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#eef1f5;color:#1f2933;font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif}
main{max-width:860px;margin:24px auto;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.08)}
.band{background:#1f4e79;color:#fff;padding:28px 40px 22px}
.band .eyebrow{font-size:11px;font-weight:700;letter-spacing:.12em;color:#c9d8ea;text-transform:uppercase}
.band h1{margin:6px 0 2px;font-size:28px;line-height:1.2}
.band .sub{font-size:17px}
.band .meta{font-size:12px;color:#c9d8ea;margin-top:8px}
section{padding:26px 40px 18px;border-top:1px solid #e3e8ee}
section .secnum{font-size:11px;font-weight:700;letter-spacing:.12em;color:#8a99ab;text-transform:uppercase}
section h2{margin:2px 0 4px;font-size:22px;color:#1f4e79}
.lead{color:#5f6b7a;font-size:15px;margin:0 0 14px}
.lead.strong{color:#1f2933;font-weight:600}
h3{font-size:15px;color:#1f4e79;margin:20px 0 8px}
p{margin:0 0 10px}
.tone{border-left:4px solid #8a99ab;padding-left:10px}
.tone-bad{border-color:#c92a2a}.tone-warn{border-color:#d9780b}.tone-good{border-color:#2b8a3e}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin:0 0 14px}
.figure{background:#f3f5f8;border-left:4px solid #1f4e79;border-radius:4px;padding:10px 12px}
.figure .label{font-size:11px;font-weight:700;letter-spacing:.04em;color:#5f6b7a;text-transform:uppercase}
.figure .value{font-size:21px;font-weight:700;font-variant-numeric:tabular-nums}
.figure .note{font-size:12px;color:#5f6b7a}
.figure.tone-bad .value{color:#c92a2a}.figure.tone-good .value{color:#2b8a3e}
ul{margin:0 0 12px;padding-left:20px}li{margin:0 0 6px}
li.tone-bad::marker{color:#c92a2a}li.tone-warn::marker{color:#d9780b}li.tone-good::marker{color:#2b8a3e}
table{width:100%;border-collapse:collapse;margin:0 0 6px;font-size:13px}
caption{caption-side:top;text-align:left;color:#5f6b7a;font-style:italic;font-size:12px;padding-bottom:4px}
th{background:#e9eef4;color:#5f6b7a;font-weight:700;text-align:left;padding:5px 7px;font-size:12px}
td{padding:5px 7px;border-bottom:1px solid #e3e8ee;vertical-align:top}
tr:nth-child(even) td{background:#f7f9fb}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.tone-bad td:first-child{box-shadow:inset 3px 0 #c92a2a}tr.tone-warn td:first-child{box-shadow:inset 3px 0 #d9780b}tr.tone-good td:first-child{box-shadow:inset 3px 0 #2b8a3e}
.tnote{font-size:12px;color:#5f6b7a;margin:0 0 12px}
.empty{color:#5f6b7a}
.chart{margin:4px 0 4px}.chart svg{width:100%;height:auto;display:block}
.fineprint{font-size:12px;color:#5f6b7a}
.chart-caption{font-size:12px;color:#5f6b7a;font-style:italic;margin:0 0 12px}
.unavailable{background:#f3f5f8;color:#5f6b7a;font-style:italic;border-radius:4px;padding:8px 12px;margin:0 0 12px}
.decision{margin:6px 0 14px}
.decision h4{margin:0 0 4px;font-size:15px}
.detail{font-size:12px;color:#5f6b7a}
.positions{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:10px;margin-top:8px}
.position{background:#f3f5f8;border-top:4px solid #8a99ab;border-radius:4px;padding:8px 10px;font-size:13px}
.position.tone-good{border-color:#2b8a3e}.position.tone-bad{border-color:#c92a2a}.position.tone-warn{border-color:#d9780b}
.position .who{font-weight:700}.position .stance{font-weight:700;font-size:12px}
.position.tone-good .stance{color:#2b8a3e}.position.tone-bad .stance{color:#c92a2a}.position.tone-warn .stance{color:#d9780b}
.response{background:#f7f8fa;border-left:4px solid #8a99ab;border-radius:3px;padding:8px 12px;margin:0 0 8px;font-size:13px}
.response.tone-good{border-color:#2b8a3e}.response.tone-warn{border-color:#d9780b}.response.tone-bad{border-color:#c92a2a}
.response .head{color:#5f6b7a;font-size:12px}.response .concern{font-style:italic}.response .answer{font-weight:600}
.response.tone-warn .answer{color:#b35f00}
footer{padding:14px 40px 24px;color:#8a99ab;font-size:12px;border-top:1px solid #e3e8ee}
@media print{body{background:#fff}main{box-shadow:none;margin:0;max-width:none}section{break-before:page}section.first{break-before:auto}table,tr,.figure,.position,.response,.chart{break-inside:avoid}}
@page{size:A4;margin:16mm}
`;

const toneClass = (tone: Tone): string => (tone === 'neutral' ? '' : ` tone-${tone}`);

function figures(items: Figure[]): string {
  return `<div class="figures">${items
    .map((f) => `<div class="figure${toneClass(f.tone)}"><div class="label">${esc(f.label)}</div><div class="value">${esc(f.value)}</div>${f.note ? `<div class="note">${esc(f.note)}</div>` : ''}</div>`)
    .join('')}</div>`;
}

function responses(items: ResponseItem[], words: PackWords): string {
  return items
    .map((r) => {
      const { text, tone } = responseLineIn(words, r);
      const head = concernHeadIn(words, r);
      return `<div class="response${toneClass(tone)}"><div class="head">${esc(head)}</div><div class="concern">\u201c${escLines(r.concern)}\u201d</div><div class="answer">${escLines(text)}</div></div>`;
    })
    .join('');
}

/** One block as HTML, its fixed labels in the pack's language. */
export async function blockHtml(original: Block, words: PackWords = packWords('en')): Promise<string> {
  const block = translatedBlock(original, words);
  switch (block.kind) {
    case 'paragraph':
      return `<p class="${block.tone === 'neutral' ? '' : `tone${toneClass(block.tone)}`}">${escLines(block.text)}</p>`;
    case 'heading':
      return `<h3>${esc(block.text)}</h3>`;
    case 'figures':
      return figures(block.items);
    case 'list':
      return `<ul>${block.items.map((i) => `<li class="${toneClass(i.tone).trim()}">${escLines(i.text)}</li>`).join('')}</ul>`;
    case 'unavailable':
      return `<div class="unavailable">${esc(block.text)}</div>`;
    case 'fineprint':
      return `<p class="fineprint">${escLines(block.text)}</p>`;
    case 'table': {
      if (block.rows.length === 0) return block.empty ? `${block.caption ? `<p class="tnote">${esc(block.caption)}</p>` : ''}<p class="empty">${esc(block.empty)}</p>` : '';
      const head = block.columns.map((c) => `<th${c.align === 'right' ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
      const rows = block.rows
        .map((r) => `<tr${r.tone === 'neutral' ? '' : ` class="tone-${r.tone}"`}>${block.columns.map((c) => `<td${c.align === 'right' ? ' class="num"' : ''}>${escLines(r.cells[c.key] ?? '')}</td>`).join('')}</tr>`)
        .join('');
      return `<table>${block.caption ? `<caption>${esc(block.caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${block.note ? `<p class="tnote">${esc(block.note)}</p>` : ''}`;
    }
    case 'chart': {
      const height = block.chart.type === 'loss-exceedance' ? 340 : 230;
      const svg = await chartSvg(block.chart, 780, height, undefined, words.language === 'en' ? undefined : words.chart);
      return `<figure class="chart" role="img" aria-label="${esc(block.alt)}" style="margin:0">${svg}</figure>${block.caption ? `<p class="chart-caption">${esc(block.caption)}</p>` : ''}`;
    }
    case 'positions': {
      const cols = block.positions
        .map((p) => {
          const tone = stanceTone(p.stance);
          return `<div class="position${toneClass(tone)}"><div class="who">${esc(p.seat)}${p.holder ? ` \u2013 ${esc(p.holder)}` : ` ${esc(words.t('positions.vacant'))}`}</div><div class="stance">${esc(words.value(stanceWord(p.stance)))}</div><div>${escLines(p.rationale ?? words.t('positions.none'))}</div>${p.prefers ? `<div class="detail">${esc(words.t('positions.prefers', { text: p.prefers }))}</div>` : ''}</div>`;
        })
        .join('');
      return `<div class="decision"><h4>${esc(block.title)}</h4><div>${escLines(words.t('positions.proposal', { text: block.proposal }))}</div>${block.detail ? `<div class="detail">${esc(block.detail)}</div>` : ''}<div class="positions">${cols}</div></div>`;
    }
    case 'responses':
      return responses(block.items, words);
  }
}

/** The page around the content. */
export function page(options: { title: string; band: string; body: string; footer: string; lang?: string }): string {
  return `<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Triad">
<title>${esc(options.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${options.band}
${options.body}
<footer>${esc(options.footer)}</footer>
</main>
</body>
</html>
`;
}
