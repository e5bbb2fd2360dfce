/** The board pack as one self-contained HTML page, drawn from the same content model as the PDF. */
import type { BoardPackContent } from '../schema.js';
import { auditTrailLine, date, joinAnd } from '../text.js';
import { blockHtml, esc, page } from './html-kit.js';

export async function renderBoardPackHtml(content: BoardPackContent): Promise<string> {
  const issued = content.issue;
  const when = issued ? `Issued ${date(issued.issuedAt)} by ${issued.issuedBy}` : `Draft made ${date(content.generatedAt)}`;
  const band = `<header class="band"><div class="eyebrow">${issued ? 'Board pack' : 'Board pack \u2013 draft, not issued'}</div><h1>${esc(content.client.name)}</h1><div class="sub">${esc(content.quarter.label)}: technology and information risk, in money</div><div class="meta">${esc(`${when} · figures as of ${date(content.asOf)} · amounts in ${content.client.currency}`)}</div></header>`;
  const parts: string[] = [];
  if (issued?.override) {
    parts.push(
      `<section class="first"><p class="tone tone-warn">${esc(`Issued while responses were still owed by ${joinAnd(issued.override.owed.map((x) => `the ${x.seat} on "${x.about}"`))}. The advisor's reason: ${issued.override.reason}`)}</p></section>`,
    );
  }
  for (const s of content.sections) {
    const blocks: string[] = [];
    for (const b of s.blocks) blocks.push(await blockHtml(b));
    const first = s.number === 1;
    parts.push(
      `<section id="${s.key}"${first && !issued?.override ? ' class="first"' : ''}>${first ? '' : `<div class="secnum">Section ${s.number}</div><h2>${esc(s.title)}</h2>`}<p class="lead${first ? ' strong' : ''}">${esc(s.lead)}</p>${blocks.join('\n')}</section>`,
    );
  }
  if (issued?.auditTrail) parts.push(`<p class="meta audit-trail">${esc(auditTrailLine(issued.auditTrail))}</p>`);
  return page({
    title: `${content.client.name}: board pack ${content.quarter.label}`,
    band,
    body: parts.join('\n'),
    footer: `${content.client.name} · Board pack ${content.quarter.label}${issued ? '' : ' · draft'} · Confidential · made by Triad`,
  });
}
