/** The board pack as one self-contained HTML page, drawn from the same content model as the PDF, in the pack's language. */
import type { BoardPackContent } from '../schema.js';
import { packWords } from '../i18n/index.js';
import { auditTrailLineIn, overrideLine } from '../i18n/blocks.js';
import { blockHtml, esc, page } from './html-kit.js';

export async function renderBoardPackHtml(content: BoardPackContent): Promise<string> {
  const words = packWords(content.language ?? 'en');
  const { t, date } = words;
  const en = words.language === 'en';
  const issued = content.issue;
  const client = content.client.name;
  const quarter = content.quarter.label;
  const when = issued ? t('cover.issued', { date: date(issued.issuedAt), by: issued.issuedBy }) : t('cover.draftMade', { date: date(content.generatedAt) });
  const eyebrow = en ? (issued ? 'Board pack' : 'Board pack \u2013 draft, not issued') : t(issued ? 'cover.eyebrow' : 'cover.eyebrowDraft');
  const band = `<header class="band"><div class="eyebrow">${esc(eyebrow)}</div><h1>${esc(client)}</h1><div class="sub">${esc(t('cover.subtitle', { quarter }))}</div><div class="meta">${esc(t('cover.meta', { when, asOf: date(content.asOf), currency: content.client.currency }))}</div></header>`;
  const parts: string[] = [];
  if (issued?.override) {
    parts.push(`<section class="first"><p class="tone tone-warn">${esc(overrideLine(words, issued.override))}</p></section>`);
  }
  for (const s of content.sections) {
    const blocks: string[] = [];
    for (const b of s.blocks) blocks.push(await blockHtml(b, words));
    const first = s.number === 1;
    const label = en ? `Section ${s.number}` : t('section.label', { number: s.number });
    const title = en ? s.title : t(`section.${s.key}`);
    parts.push(
      `<section id="${s.key}"${first && !issued?.override ? ' class="first"' : ''}>${first ? '' : `<div class="secnum">${esc(label)}</div><h2>${esc(title)}</h2>`}<p class="lead${first ? ' strong' : ''}">${esc(s.lead)}</p>${blocks.join('\n')}</section>`,
    );
  }
  if (issued?.auditTrail) parts.push(`<p class="meta audit-trail">${esc(auditTrailLineIn(words, issued.auditTrail))}</p>`);
  return page({
    title: t('doc.title', { client, quarter }),
    band,
    body: parts.join('\n'),
    footer: en ? `${client} · Board pack ${quarter}${issued ? '' : ' · draft'} · Confidential · made by Triad` : `${t('footer.text', { client, quarter, draft: issued ? '' : t('footer.draft') })} · Triad`,
    lang: words.language,
  });
}
