/**
 * Board packs: drafts generated in the background (or directly from the CLI), issued packs
 * frozen as their quarter's snapshot (content and rendered files, byte for byte), the
 * comparison with the latest earlier snapshot, and no issuing while a seat still owes a
 * response unless an advisor overrides it with a reason.
 */
import { createHash } from 'node:crypto';
import type { Actor, AppContext, ClientScope } from '../../server/context.js';
import { ClientScope as Scope } from '../../server/context.js';
import { newId, toDateString, toTimestamp } from '../../server/db/conventions.js';
import { systemActor } from '../../server/firm.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { clientInfo } from '../clients/clients.js';
import { allSubjects, buildBoardPack, packSubjects, presentOwed } from './content.js';
import { listConcerns } from '../governance/api.js';
import { responsesOwed } from '../governance/api.js';
import { isQuarterKey, nextQuarter, parseQuarter, quarterContaining } from './quarter.js';
import { BoardPackContent, type OwedOut, type PackDetailOut, type PackOut, type ReportLanguage } from './schema.js';
import { attempt, gatherResponses, gatherSources } from './sources.js';
import type { PackFormat, ReportPackFilesTable, ReportPacksTable } from './tables.js';
import { date, joinAnd } from './text.js';
import { addDays } from '../../shared/dates.js';
import { BOARD_PACK_JOB } from '../../shared/job-kinds.js';

const KIND = 'board';

/** The name of an actor as printed: "Sam Okafor" from "Sam Okafor <sam@…>". */
export function actorName(actor: Pick<Actor, 'label'>): string {
  const m = /^(.*?)\s*<[^>]+>$/.exec(actor.label);
  return (m?.[1] || actor.label).trim();
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The latest issued pack of a quarter before `quarter`, with its content. */
async function previousIssued(scope: ClientScope, quarter: string): Promise<{ id: string; issuedAt: string; content: BoardPackContent } | null> {
  const row = await scope.db
    .selectFrom('report_packs')
    .select(['id', 'issued_at', 'content_json'])
    .where('kind', '=', KIND)
    .where('status', '=', 'issued')
    .where('quarter', '<', quarter)
    .orderBy('quarter', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.content_json || !row.issued_at) return null;
  return { id: row.id, issuedAt: row.issued_at, content: JSON.parse(row.content_json) as BoardPackContent };
}

export interface MakeOptions {
  progress?: (fraction: number) => Promise<void>;
  /** The language the pack prints in (default: English). */
  language?: ReportLanguage;
}

/**
 * Builds a board pack's content now, from the modules' current records: the window for
 * renewals and lifecycle runs from today to the end of the next quarter (at least 90 days);
 * the comparison is with the latest pack issued for an earlier quarter.
 */
export async function makeBoardPack(readerScope: ClientScope, quarterKey: string, options: MakeOptions = {}): Promise<BoardPackContent> {
  // The content is stored, and the pack's own words translate it: the modules' sentences in English.
  const scope = readerScope.inLanguage('en');
  if (!isQuarterKey(quarterKey)) throw invalid('Name a quarter such as 2026Q4.', [{ path: 'quarter', message: 'must be a quarter such as 2026Q4' }]);
  const quarter = parseQuarter(quarterKey);
  const now = scope.now();
  const today = toDateString(now);
  const end = nextQuarter(quarter).end;
  const windowTo = end > addDays(today, 90) ? end : addDays(today, 90);
  const previous = await previousIssued(scope, quarter.key);
  const since = previous?.issuedAt ?? `${quarter.start}T00:00:00.000Z`;
  await options.progress?.(0.1);
  const sources = await gatherSources(scope, { today, windowTo, since });
  await options.progress?.(0.45);
  const subjects = packSubjects(quarter, sources);
  const responses = await gatherResponses(scope, allSubjects(subjects));
  await options.progress?.(0.55);
  const row = await scope.app.database.db.selectFrom('clients').select(['sector']).where('id', '=', scope.clientId).executeTakeFirst();
  const content = buildBoardPack({
    client: { id: scope.clientId, name: scope.client.name, sector: row?.sector ?? scope.client.sector, currency: scope.client.currency },
    quarter,
    generatedAt: toTimestamp(now),
    sources,
    responses,
    previous,
    ...(options.language ? { language: options.language } : {}),
  });
  return content;
}

export interface RenderedPack {
  pdf: Buffer;
  html: string;
}

/** The PDF and the HTML page of a pack. The renderers (pdfkit, ECharts) load on first use. */
export async function renderBoardPack(content: BoardPackContent, progress?: (fraction: number) => Promise<void>): Promise<RenderedPack> {
  const [{ renderBoardPackPdf }, { renderBoardPackHtml }] = await Promise.all([import('./render/board-pdf.js'), import('./render/board-html.js')]);
  const pdf = await renderBoardPackPdf(content);
  await progress?.(0.85);
  const html = await renderBoardPackHtml(content);
  await progress?.(0.95);
  return { pdf, html };
}

// ---------------------------------------------------------------------------------------------
// Presenters

type PackRow = ReportPacksTable;
type FileMeta = Pick<ReportPackFilesTable, 'pack_id' | 'format' | 'bytes' | 'sha256'>;

function presentPack(scope: ClientScope, row: PackRow, files: FileMeta[], comparedTo: string | null): PackOut {
  const content = row.content_json ? (JSON.parse(row.content_json) as BoardPackContent) : null;
  return {
    id: row.id,
    kind: 'board',
    quarter: row.quarter,
    quarterLabel: parseQuarter(row.quarter).label,
    status: row.status,
    generatedAt: row.generated_at,
    requestedBy: row.requested_by_name,
    error: row.error,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by_name,
    overrideReason: row.override_reason,
    comparedToQuarter: comparedTo,
    figures: content?.figures ?? null,
    files: files
      .filter((f) => f.pack_id === row.id)
      .sort((a, b) => a.format.localeCompare(b.format))
      .map((f) => ({ format: f.format, bytes: f.bytes, sha256: f.sha256, url: `/api/clients/${scope.clientId}/board-packs/${row.id}.${f.format}` })),
    contentHash: row.content_hash,
  };
}

async function fileMeta(scope: ClientScope, packIds: string[]): Promise<FileMeta[]> {
  if (packIds.length === 0) return [];
  return scope.db.selectFrom('report_pack_files').select(['pack_id', 'format', 'bytes', 'sha256']).where('pack_id', 'in', packIds).execute();
}

async function quarterOfPack(scope: ClientScope, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await scope.db.selectFrom('report_packs').select('quarter').where('id', '=', id).executeTakeFirst())?.quarter ?? null;
}

/** Packs of the client, newest quarter first; drafts only for those who may read them. */
export async function listPacks(scope: ClientScope): Promise<PackOut[]> {
  let q = scope.db.selectFrom('report_packs').selectAll().where('kind', '=', KIND);
  if (!scope.can('reports.drafts')) q = q.where('status', '=', 'issued');
  const rows = await q.orderBy('quarter', 'desc').execute();
  const files = await fileMeta(scope, rows.map((r) => r.id));
  const quarters = new Map(rows.map((r) => [r.id, r.quarter]));
  return rows.map((r) => presentPack(scope, r, files, r.compared_to_pack_id ? (quarters.get(r.compared_to_pack_id) ?? null) : null));
}

async function getRow(scope: ClientScope, id: string): Promise<PackRow> {
  const row = await scope.db.selectFrom('report_packs').selectAll().where('id', '=', id).where('kind', '=', KIND).executeTakeFirst();
  // A draft is not there for someone who may not read drafts.
  if (!row || (row.status !== 'issued' && !scope.can('reports.drafts'))) throw notFound('Board pack');
  return row;
}

/** One pack with its content; for a draft, also what is owed now (keeps it from being issued). */
export async function getPack(scope: ClientScope, id: string): Promise<PackDetailOut> {
  const row = await getRow(scope, id);
  const files = await fileMeta(scope, [row.id]);
  const content = row.content_json ? BoardPackContent.parse(JSON.parse(row.content_json)) : null;
  let owed: OwedOut[] = [];
  if (row.status !== 'issued' && content) owed = await owedNow(scope, content);
  return {
    ...presentPack(scope, row, files, await quarterOfPack(scope, row.compared_to_pack_id)),
    content,
    owedNow: owed,
    can: { generate: scope.can('reports.generate') && row.status !== 'issued', issue: scope.can('reports.generate') && row.status !== 'issued' },
  };
}

/**
 * What the seats owe now on what a draft shows, and on concerns raised since it was made (the
 * issued pack will show those too). Issuing checks again on the records as they are then.
 */
async function owedNow(scope: ClientScope, content: BoardPackContent): Promise<OwedOut[]> {
  const subjects = new Map<string, { type: string; id: string; title: string }>();
  for (const section of content.sections) for (const s of section.subjects) subjects.set(`${s.type}:${s.id}`, s);
  const fresh = await attempt(scope, 'concerns between the seats', () => listConcerns(scope, { state: 'owed' }));
  if (fresh.ok) for (const c of fresh.value) subjects.set(`${c.subjectType}:${c.subjectId}`, { type: c.subjectType, id: c.subjectId, title: c.subjectTitle });
  const owed = await attempt(scope, 'seats\u2019 responses', () => responsesOwed(scope, [...subjects.values()]));
  if (!owed.ok) return [];
  return presentOwed(owed.value, new Map([...subjects].map(([k, s]) => [k, s.title])));
}

// ---------------------------------------------------------------------------------------------
// Generating drafts

/**
 * Asks for a draft of the quarter's pack: creates it (or marks the existing draft for
 * regeneration) and queues the job that makes it. An issued quarter cannot be generated again.
 */
export async function requestBoardPack(scope: ClientScope, quarterKey: string, language: ReportLanguage = 'en'): Promise<PackOut> {
  scope.require('reports.generate');
  if (!isQuarterKey(quarterKey)) throw invalid('Name a quarter such as 2026Q4.', [{ path: 'quarter', message: 'must be a quarter such as 2026Q4' }]);
  const now = toTimestamp(scope.now());
  const id = await scope.write(async (w) => {
    const existing = await w.db.selectFrom('report_packs').selectAll().where('kind', '=', KIND).where('quarter', '=', quarterKey).executeTakeFirst();
    if (existing?.status === 'issued') {
      throw conflict(`The ${parseQuarter(quarterKey).label} board pack was issued on ${date(existing.issued_at)}; an issued pack never changes.`, [{ path: 'quarter', message: 'already issued' }]);
    }
    const packId = existing?.id ?? newId();
    const fields = { status: 'generating' as const, error: null, requested_by_user_id: scope.actor.userId, requested_by_name: actorName(scope.actor), updated_at: now };
    if (existing) await w.db.updateTable('report_packs').set(fields).where('id', '=', packId).execute();
    else {
      await w.db
        .insertInto('report_packs', {
          id: packId,
          kind: KIND,
          quarter: quarterKey,
          content_json: null,
          content_hash: null,
          compared_to_pack_id: null,
          generated_at: null,
          issued_at: null,
          issued_by_user_id: null,
          issued_by_name: null,
          override_reason: null,
          override_owed_json: null,
          created_at: now,
          ...fields,
        })
        .execute();
    }
    await w.audit({ action: 'report.generate', entityType: 'report', entityId: packId, before: existing ? { quarter: quarterKey, status: existing.status } : undefined, after: { quarter: quarterKey, status: 'generating' } });
    await w.enqueue(BOARD_PACK_JOB, { packId, ...(language !== 'en' ? { language } : {}) }, { dedupeKey: `${BOARD_PACK_JOB}:${packId}` });
    return packId;
  });
  const row = await getRow(scope, id);
  return presentPack(scope, row, [], null);
}

async function storeFiles(w: { db: ClientScope['db'] }, packId: string, rendered: RenderedPack, at: string): Promise<Record<PackFormat, string>> {
  await w.db.deleteFrom('report_pack_files').where('pack_id', '=', packId).execute();
  const pdfSha = sha256(rendered.pdf);
  const htmlSha = sha256(rendered.html);
  await w.db
    .insertInto('report_pack_files', [
      { id: newId(), pack_id: packId, format: 'pdf', body: rendered.pdf.toString('base64'), bytes: rendered.pdf.length, sha256: pdfSha, created_at: at },
      { id: newId(), pack_id: packId, format: 'html', body: rendered.html, bytes: Buffer.byteLength(rendered.html), sha256: htmlSha, created_at: at },
    ])
    .execute();
  return { pdf: pdfSha, html: htmlSha };
}

/** The job's body: makes the draft's content and files and stores them (unless issued meanwhile). */
export async function runBoardPackJob(app: AppContext, clientId: string, packId: string, progress?: (fraction: number) => Promise<void>, language: ReportLanguage = 'en'): Promise<void> {
  const client = await app.database.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirst();
  if (!client || client.archived_at) return;
  const scope = new Scope(app, clientInfo(client), systemActor(client.firm_id, 'board pack'), 'advisor');
  const row = await scope.db.selectFrom('report_packs').selectAll().where('id', '=', packId).executeTakeFirst();
  if (!row || row.status === 'issued') return;
  try {
    const content = await makeBoardPack(scope, row.quarter, { ...(progress ? { progress } : {}), language });
    const rendered = await renderBoardPack(content, progress);
    const json = JSON.stringify(content);
    await scope.write(async (w) => {
      const current = await w.db.selectFrom('report_packs').select('status').where('id', '=', packId).executeTakeFirst();
      if (!current || current.status === 'issued') return;
      const at = toTimestamp(scope.now());
      const shas = await storeFiles(w, packId, rendered, at);
      await w.db
        .updateTable('report_packs')
        .set({ status: 'draft', content_json: json, content_hash: sha256(json), compared_to_pack_id: content.comparison?.previousPackId ?? null, generated_at: content.generatedAt, error: null, updated_at: at })
        .where('id', '=', packId)
        .execute();
      await w.audit({ action: 'report.draft', entityType: 'report', entityId: packId, after: { quarter: row.quarter, status: 'draft', contentHash: sha256(json), pdfSha256: shas.pdf, htmlSha256: shas.html, owed: content.owed.length } });
    });
  } catch (err) {
    await failBoardPack(app, clientId, packId, err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/** Marks a draft that could not be made as failed, with the reason (an issued pack never changes). */
export async function failBoardPack(app: AppContext, clientId: string, packId: string, message: string): Promise<void> {
  const client = await app.database.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirst();
  if (!client) return;
  const scope = new Scope(app, clientInfo(client), systemActor(client.firm_id, 'board pack'), 'advisor');
  await scope.write(async (w) => {
    const row = await w.db.selectFrom('report_packs').select(['quarter', 'status']).where('id', '=', packId).executeTakeFirst();
    if (!row || row.status === 'issued') return;
    await w.db.updateTable('report_packs').set({ status: 'failed', error: message.slice(0, 2000), updated_at: toTimestamp(scope.now()) }).where('id', '=', packId).execute();
    await w.audit({ action: 'report.fail', entityType: 'report', entityId: packId, after: { quarter: row.quarter, error: message.slice(0, 500) } });
  });
}

// ---------------------------------------------------------------------------------------------
// Issuing

function owedDetail(o: OwedOut): string {
  const who = `the ${o.seat}${o.holder ? ` (${o.holder})` : ''}`;
  return o.kind === 'position'
    ? `${who} has not taken a position on "${o.about}"${o.respondBy ? ` (due ${date(o.respondBy)})` : ''}`
    : `${who} has not yet responded on "${o.about}"${o.respondBy ? ` (due ${date(o.respondBy)})` : ''}`;
}

/**
 * Issues the quarter's pack: makes its content from the records as they are now, refuses while
 * a seat still owes a response (unless an advisor gives a reason to override, which is audited
 * and printed in the pack), renders it, and freezes content and files. Nothing changes it later.
 */
export async function issueBoardPack(scope: ClientScope, id: string, input: { overrideReason?: string | undefined }): Promise<PackDetailOut> {
  scope.require('reports.generate');
  const row = await getRow(scope, id);
  if (row.status === 'issued') throw conflict(`The ${parseQuarter(row.quarter).label} board pack is already issued; an issued pack never changes.`);
  // Issued in the language its draft was made in.
  const language = row.content_json ? (JSON.parse(row.content_json) as BoardPackContent).language : undefined;
  const content = await makeBoardPack(scope, row.quarter, language ? { language } : {});
  const owed = content.owed;
  const reason = input.overrideReason?.trim();
  if (owed.length > 0 && !reason) {
    throw conflict(`The pack cannot be issued yet: ${joinAnd(owed.map(owedDetail))}. Wait for the response, or give a reason to issue it anyway.`, [
      ...owed.map((o) => ({ path: 'owed', message: owedDetail(o) })),
      { path: 'overrideReason', message: 'required to issue while responses are owed' },
    ]);
  }
  const issuedAt = toTimestamp(scope.now());
  const override = owed.length > 0 && reason ? { reason, owed } : null;
  // The audit trail as it stands, printed in the pack: a copy of its head outside the database.
  const head = await scope.app.database.db.selectFrom('audit_heads').select(['seq', 'hash']).where('client_id', '=', scope.clientId).executeTakeFirst();
  const auditTrail = head && head.seq > 0 ? { entries: head.seq, headHash: head.hash } : null;
  const frozen: BoardPackContent = { ...content, issue: { issuedAt, issuedBy: actorName(scope.actor), override, auditTrail } };
  const rendered = await renderBoardPack(frozen);
  const json = JSON.stringify(frozen);
  await scope.write(async (w) => {
    const result = await w.db
      .updateTable('report_packs')
      .set({
        status: 'issued',
        content_json: json,
        content_hash: sha256(json),
        compared_to_pack_id: frozen.comparison?.previousPackId ?? null,
        generated_at: frozen.generatedAt,
        error: null,
        issued_at: issuedAt,
        issued_by_user_id: scope.actor.userId,
        issued_by_name: actorName(scope.actor),
        override_reason: override?.reason ?? null,
        override_owed_json: override ? JSON.stringify(override.owed) : null,
        updated_at: issuedAt,
      })
      .where('id', '=', id)
      .where('status', '!=', 'issued')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw conflict('The pack was issued meanwhile; an issued pack never changes.');
    const shas = await storeFiles(w, id, rendered, issuedAt);
    await w.audit({
      action: override ? 'report.issue.override' : 'report.issue',
      entityType: 'report',
      entityId: id,
      before: { quarter: row.quarter, status: row.status },
      after: {
        quarter: row.quarter,
        status: 'issued',
        contentHash: sha256(json),
        pdfSha256: shas.pdf,
        htmlSha256: shas.html,
        comparedToPackId: frozen.comparison?.previousPackId ?? null,
        figures: { expectedLoss: frozen.figures.expectedLoss, p90: frozen.figures.p90, p99: frozen.figures.p99, appetite: frozen.figures.appetite },
        ...(override ? { overrideReason: override.reason, owed: override.owed } : {}),
      },
    });
  });
  return getPack(scope, id);
}

// ---------------------------------------------------------------------------------------------
// Files

export interface PackFile {
  body: Buffer | string;
  contentType: string;
  filename: string;
  sha256: string;
}

export function fileSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'client';
}

/** A pack's stored PDF or HTML, exactly as rendered when it was made (or issued). */
export async function getPackFile(scope: ClientScope, id: string, format: PackFormat): Promise<PackFile> {
  const row = await getRow(scope, id);
  const file = await scope.db.selectFrom('report_pack_files').selectAll().where('pack_id', '=', id).where('format', '=', format).executeTakeFirst();
  if (!file) throw notFound(row.status === 'generating' ? 'The pack is still being generated; its file' : 'Board pack file');
  const name = `${fileSlug(scope.client.name)}-board-pack-${row.quarter}${row.status === 'issued' ? '' : '-draft'}.${format}`;
  return format === 'pdf'
    ? { body: Buffer.from(file.body, 'base64'), contentType: 'application/pdf', filename: name, sha256: file.sha256 }
    : { body: file.body, contentType: 'text/html; charset=utf-8', filename: name, sha256: file.sha256 };
}

/** The quarter a new pack is for by default: the current one. */
export function currentQuarter(scope: ClientScope): string {
  return quarterContaining(scope.now()).key;
}
