/**
 * An assessment as CSV (what people fill in spreadsheets today), and answers imported back
 * from a CSV keyed by control id: every row checked first, then all rows written in one
 * transaction or none; a dry run reports what would change. Problems name their line and
 * column.
 */
import { parse } from 'csv-parse/sync';
import { csvText, unneutralise } from '../../shared/spreadsheet.js';
import type { ClientScope } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { answerProblems, answerState, loadAssessment, requireInProgress, type AnswerState } from './common.js';
import { maturity } from './analysis.js';
import { loadFull } from './views.js';
import { SCALES, SEATS, type CsvImportReport, type CsvProblem, type ScaleKey, type Seat } from './schema.js';

/** The largest CSV of answers accepted. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

type Field = keyof AnswerState | 'controlId';
interface Column {
  field: Field;
  header: string;
  aliases: string[];
}

/** The columns the import reads (the export writes these and a few more that are only for reading). */
const COLUMNS: Column[] = [
  { field: 'controlId', header: 'Control ID', aliases: ['ID', 'Outcome', 'Outcome ID', 'Subcategory', 'Subcategory ID', 'Control'] },
  { field: 'current', header: 'Current', aliases: ['Current level', 'Current tier', 'Current maturity', 'Current state'] },
  { field: 'target', header: 'Target', aliases: ['Target level', 'Target tier', 'Target maturity', 'Target state'] },
  { field: 'notApplicable', header: 'Not applicable', aliases: ['N/A', 'NA'] },
  { field: 'naReason', header: 'Reason not applicable', aliases: ['Reason', 'N/A reason', 'NA reason'] },
  { field: 'ownerSeat', header: 'Owner', aliases: ['Owner seat', 'Seat'] },
  { field: 'notes', header: 'Notes', aliases: ['Comments', 'Comment'] },
];

const key = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The assessment as CSV: one line per outcome, the answer columns the import reads back. */
export async function exportAnswersCsv(scope: ClientScope, assessmentId: string): Promise<{ fileName: string; text: string; header: string[]; rows: (string | number)[][] }> {
  scope.require('controls.read');
  const row = await loadAssessment(scope.db, assessmentId);
  const l = await loadFull(scope, row);
  const m = maturity(row.id, row.scale, l.facts, l.nodes);
  const links = await scope.db
    .selectFrom('ctl_risk_links')
    .innerJoin('ctl_answers', (j) => j.onRef('ctl_answers.client_id', '=', 'ctl_risk_links.client_id').onRef('ctl_answers.id', '=', 'ctl_risk_links.answer_id'))
    .select(['ctl_risk_links.answer_id', 'ctl_risk_links.label'])
    .where('ctl_answers.assessment_id', '=', row.id)
    .orderBy('ctl_risk_links.created_at')
    .execute();
  const title = (id: string | null): string => (id ? `${id} ${l.nodes.byId.get(id)?.title ?? ''}`.trim() : '');
  const header = ['Control ID', m.words.top, m.words.second, 'Title', 'Statement', 'Current', 'Target', 'Not applicable', 'Reason not applicable', 'Owner', 'Notes', 'Evidence', 'Linked risks'];
  const rows = l.answers.map((a) => {
    const n = l.nodes.byId.get(a.control_id);
    const s = answerState(a);
    const ev = l.evidence.filter((e) => e.answer_id === a.id).map((e) => (e.kind === 'link' ? `${e.title} <${e.url ?? ''}>` : `${e.title} (file ${e.file_name ?? ''})`));
    return [
      a.control_id,
      title(a.top_id),
      a.category_id === a.control_id ? '' : title(a.category_id),
      n?.title ?? '',
      n?.statement ?? '',
      s.current ?? '',
      s.target ?? '',
      s.notApplicable ? 'yes' : 'no',
      s.naReason ?? '',
      s.ownerSeat ?? '',
      s.notes ?? '',
      ev.join('; '),
      links.filter((k) => k.answer_id === a.id).map((k) => k.label).join('; '),
    ];
  });
  const slug = row.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'assessment';
  // For Excel: a byte-order mark, and cells that would run as formulas neutralised.
  return { fileName: `${slug}.csv`, text: csvText(header, rows), header, rows };
}

type Cell<T> = { ok: true; value: T } | { ok: false; reason: string };

function levelCell(scale: ScaleKey, raw: string): Cell<number | null> {
  if (raw === '') return { ok: true, value: null };
  const def = SCALES[scale];
  const num = /^(?:tier|level)?\s*(\d+)(?:\s*[-:(]?\s*([a-z ]+)\)?)?$/i.exec(raw.trim());
  if (num) {
    const v = Number(num[1]);
    const level = def.levels.find((x) => x.value === v);
    if (!level) return { ok: false, reason: `"${raw}" is off the scale: a ${def.unit.toLowerCase()} from ${def.min} to ${def.max} (${def.name})` };
    if (num[2] && key(num[2]) !== key(level.name)) return { ok: false, reason: `"${raw}": ${v} is ${level.name} on this scale, not ${num[2].trim()}` };
    return { ok: true, value: v };
  }
  const named = def.levels.find((x) => key(x.name) === key(raw));
  if (named) return { ok: true, value: named.value };
  return { ok: false, reason: `"${raw}" is not a level of ${def.name}: write ${def.levels.map((x) => `${x.value} (${x.name})`).join(', ')}` };
}

function flagCell(raw: string): Cell<boolean> {
  const k = raw.trim().toLowerCase();
  if (['', 'no', 'n', 'false', '0'].includes(k)) return { ok: true, value: false };
  if (['yes', 'y', 'true', '1', 'x', 'n/a', 'na'].includes(k)) return { ok: true, value: true };
  return { ok: false, reason: `"${raw}" is not yes or no` };
}

function seatCell(raw: string): Cell<Seat | null> {
  if (raw === '') return { ok: true, value: null };
  const seat = SEATS.find((s) => s === raw.trim().toUpperCase());
  return seat ? { ok: true, value: seat } : { ok: false, reason: `"${raw}" is not a seat: CIO, CTO or CISO` };
}

function textCell(max: number) {
  return (raw: string): Cell<string | null> => (raw.length > max ? { ok: false, reason: `is longer than ${max} characters` } : { ok: true, value: raw === '' ? null : raw });
}

function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

export interface CsvImportOptions {
  dryRun: boolean;
  fileName?: string | null;
}

/** Imports answers from CSV text into an assessment in progress (advisors): all rows or none. */
export async function importAnswersCsv(scope: ClientScope, assessmentId: string, text: string, options: CsvImportOptions): Promise<CsvImportReport> {
  scope.require('controls.manage');
  const row = await loadAssessment(scope.db, assessmentId);
  requireInProgress(row);
  const problems: CsvProblem[] = [];
  const results: CsvImportReport['results'] = [];
  const report = (status: CsvImportReport['status'], extra: Partial<CsvImportReport> = {}): CsvImportReport => ({
    status, dryRun: options.dryRun, rows: results.length, changed: results.filter((r) => r.action === 'update').length, unchanged: results.filter((r) => r.action === 'unchanged').length,
    problems: problems.sort((a, b) => a.line - b.line), results, ignoredColumns: [], ...extra,
  });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')), relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    problems.push({ line: e.lines ?? 1, column: '', reason: `the file is not valid CSV here: ${e.message ?? String(err)}` });
    return report('rejected');
  }
  // Cells our own export neutralised against formula injection (`'=…`) read back as written.
  for (const r of records) r.record = r.record.map(unneutralise);
  if (records.length === 0) {
    problems.push({ line: 1, column: '', reason: 'the file is empty' });
    return report('rejected');
  }
  const headers = records[0]!.record;
  const lookup = new Map<string, Column>();
  for (const c of COLUMNS) for (const h of [c.header, ...c.aliases]) lookup.set(key(h), c);
  const byIndex: (Column | null)[] = [];
  const seenField = new Map<Field, string>();
  const ignored: string[] = [];
  headers.forEach((h) => {
    const c = lookup.get(key(h)) ?? null;
    if (c && seenField.has(c.field)) {
      problems.push({ line: 1, column: h, reason: `means the same as the column "${seenField.get(c.field)!}"; keep one of them` });
      byIndex.push(null);
      return;
    }
    if (c) seenField.set(c.field, h);
    else if (h !== '') ignored.push(h);
    byIndex.push(c);
  });
  if (!seenField.has('controlId')) problems.push({ line: 1, column: 'Control ID', reason: `the file has no Control ID column (accepted headers: ${[COLUMNS[0]!.header, ...COLUMNS[0]!.aliases].join(', ')})` });
  if (problems.length > 0) return report('rejected', { ignoredColumns: ignored });

  const l = await loadFull(scope, row);
  const answers = new Map(l.answers.map((a) => [a.control_id, a]));
  const nodes = l.nodes;
  const header = (f: Field): string => seenField.get(f) ?? COLUMNS.find((c) => c.field === f)!.header;
  const planned: { line: number; answerId: string; controlId: string; before: AnswerState; after: AnswerState; changed: (keyof AnswerState)[] }[] = [];
  const lineOf = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.every((c) => c === '')) continue;
    const cell = (f: Field): string | undefined => {
      const i = byIndex.findIndex((c) => c?.field === f);
      return i < 0 ? undefined : (record[i] ?? '');
    };
    const controlId = cell('controlId') ?? '';
    const rowProblems: CsvProblem[] = [];
    // Not text (and PostgreSQL cannot store it): most often a file read in the wrong encoding.
    const nul = record.findIndex((c) => c.includes('\u0000'));
    if (nul >= 0) rowProblems.push({ line, column: headers[nul] ?? '', reason: 'holds a NUL character (byte 0), which is not text; is the file in another encoding?' });
    const answer = answers.get(controlId);
    if (controlId === '') rowProblems.push({ line, column: header('controlId'), reason: 'is empty: say which outcome the line answers' });
    else if (!answer) {
      const n = nodes.byId.get(controlId);
      rowProblems.push({ line, column: header('controlId'), reason: !n ? `"${controlId}" is not an outcome of this assessment` : n.withdrawn ? `${controlId} is withdrawn from the catalogue and is not assessed` : `${controlId} is not one of the outcomes this assessment rates` });
    } else if (lineOf.has(controlId)) rowProblems.push({ line, column: header('controlId'), reason: `${controlId} is also on line ${lineOf.get(controlId)!}; a file answers each outcome once` });
    else lineOf.set(controlId, line);
    if (!answer || rowProblems.length > 0) {
      problems.push(...rowProblems);
      results.push({ line, controlId, action: 'reject', changed: [] });
      continue;
    }
    const before = answerState(answer);
    const after: AnswerState = { ...before };
    const read = <T>(f: keyof AnswerState, parser: (raw: string) => Cell<T>, set: (v: T) => void): void => {
      const raw = cell(f);
      if (raw === undefined) return;
      const r = parser(raw);
      if (r.ok) set(r.value);
      else rowProblems.push({ line, column: header(f), reason: r.reason });
    };
    read('current', (raw) => levelCell(row.scale, raw), (v) => (after.current = v));
    read('target', (raw) => levelCell(row.scale, raw), (v) => (after.target = v));
    read('notApplicable', flagCell, (v) => (after.notApplicable = v));
    read('naReason', textCell(2000), (v) => (after.naReason = v));
    read('ownerSeat', seatCell, (v) => (after.ownerSeat = v));
    read('notes', textCell(10_000), (v) => (after.notes = v));
    if (rowProblems.length === 0) rowProblems.push(...answerProblems(row.scale, after, (f) => header(f)).map((p) => ({ line, column: p.path, reason: p.message })));
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      results.push({ line, controlId, action: 'reject', changed: [] });
      continue;
    }
    const changed = (Object.keys(after) as (keyof AnswerState)[]).filter((k) => after[k] !== before[k]);
    results.push({ line, controlId, action: changed.length > 0 ? 'update' : 'unchanged', changed: changed.map((f) => header(f)) });
    if (changed.length > 0) planned.push({ line, answerId: answer.id, controlId, before, after, changed });
  }
  if (problems.length > 0) return report('rejected', { ignoredColumns: ignored });
  if (options.dryRun || planned.length === 0) return report(options.dryRun ? 'checked' : 'imported', { ignoredColumns: ignored });
  await scope.write(async (w) => {
    const now = toTimestamp(w.now());
    for (const p of planned) {
      await w.db
        .updateTable('ctl_answers')
        .set({
          current_level: p.after.current, target_level: p.after.target, not_applicable: p.after.notApplicable ? 1 : 0, na_reason: p.after.naReason, owner_seat: p.after.ownerSeat, notes: p.after.notes,
          answered_by_user_id: scope.actor.userId, answered_by: scope.actor.label, answered_at: now, updated_at: now,
        })
        .where('id', '=', p.answerId)
        .where('assessment_id', '=', assessmentId)
        .execute();
    }
    await w.audit({
      action: 'assessment.import',
      entityType: 'assessment',
      entityId: assessmentId,
      after: {
        fileName: options.fileName ?? null,
        rows: results.length,
        changed: planned.length,
        changes: planned.slice(0, 200).map((p) => ({ line: p.line, controlId: p.controlId, before: Object.fromEntries(p.changed.map((k) => [k, p.before[k]])), after: Object.fromEntries(p.changed.map((k) => [k, p.after[k]])) })),
        changesTruncated: Math.max(0, planned.length - 200),
      },
    });
  });
  return report('imported', { ignoredColumns: ignored });
}
