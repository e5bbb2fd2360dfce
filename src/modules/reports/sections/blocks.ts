/**
 * What the board pack's sections share: the input they are built from, the subjects they show,
 * and the small builders of their blocks (figures, paragraphs, headings, tables, the seats'
 * responses). Pure, and imports no section: content.ts and every section import it.
 */
import type { Block, Figure, ReportLanguage, ResponseItem, Tone, BoardPackContent } from '../schema.js';
import type { AcceptanceOut, ConcernOut, PackSources, Responses, SeatOut, Source, SubjectRef } from '../sources.js';
import type { Quarter } from '../quarter.js';
import type { PackWords } from '../i18n/index.js';

export type Seat = 'CIO' | 'CTO' | 'CISO';

export interface BuildInput {
  client: { id: string; name: string; sector: string; currency: string };
  quarter: Quarter;
  generatedAt: string;
  sources: PackSources;
  responses: Source<Responses>;
  /** The latest issued pack of an earlier quarter, to compare with. */
  previous: { id: string; issuedAt: string; content: BoardPackContent } | null;
  /** The language the pack is written in (default: English). */
  language?: ReportLanguage;
}

export interface TitledSubject extends SubjectRef {
  title: string;
}

/** How many risks the pack names, and how many rows a table shows before "and n more". */
export const TOP_RISKS = 10;
export const TABLE_LIMIT = 15;

export const keyOf = (s: SubjectRef): string => `${s.type}:${s.id}`;

export const fig = (label: string, value: string, amount: number | null, note: string | null = null, tone: Tone = 'neutral'): Figure => ({ label, value, amount, note, tone });
export const para = (text: string, tone: Tone = 'neutral'): Block => ({ kind: 'paragraph', text, tone });
export const heading = (text: string): Block => ({ kind: 'heading', text });
export const unavailable = (text: string): Block => ({ kind: 'unavailable', text });

export function table(columns: [key: string, label: string, align?: 'left' | 'right', width?: number][], rows: { cells: Record<string, string>; tone?: Tone }[], empty: string, options: { caption?: string; note?: string | null } = {}): Block {
  return {
    kind: 'table',
    caption: options.caption ?? null,
    columns: columns.map(([key, label, align, width]) => ({ key, label, align: align ?? 'left', width: width ?? 1 })),
    rows: rows.map((r) => ({ cells: r.cells, tone: r.tone ?? 'neutral' })),
    empty,
    note: options.note ?? null,
  };
}

export function more(words: PackWords, shown: number, total: number, what: 'risk' | 'criticalVendor' | 'contract' | 'system'): string | null {
  return total > shown ? words.t(`more.${what}`, words.n(total, { shown: words.count(shown) })) : null;
}

export function responseItem(c: ConcernOut): ResponseItem {
  return {
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    about: c.subjectTitle,
    seat: c.seat,
    holder: c.holder?.name ?? null,
    raisedBy: c.raisedBy?.name ?? null,
    concern: c.summary,
    state: c.state,
    response: c.response,
    respondedAt: c.respondedAt,
    respondBy: c.respondBy,
  };
}

/** The responses block of a section: every concern on its subjects, with the seat's response. */
export function responsesBlock(words: PackWords, subjects: TitledSubject[], responses: Source<Responses>, skip: Set<string> = new Set()): Block[] {
  if (!responses.ok) return [unavailable(words.t('words.responsesUnknown', { reason: responses.reason }))];
  const items: ResponseItem[] = [];
  for (const s of subjects) {
    if (skip.has(keyOf(s))) continue;
    for (const c of responses.value.bySubject.get(keyOf(s)) ?? []) items.push(responseItem(c));
  }
  return items.length > 0 ? [{ kind: 'responses', items }] : [];
}

function holderName(seats: SeatOut[] | null, seat: Seat): string | null {
  return seats?.find((s) => s.seat === seat)?.holder?.name ?? null;
}

export function ownerLabel(seats: SeatOut[] | null, seat: Seat): string {
  const name = holderName(seats, seat);
  return name ? `${seat} (${name})` : seat;
}

/** "Q3 2026" from "2026Q3"; any other key as it is. */
export function quarterLabel(key: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  return m ? `Q${m[2]} ${m[1]}` : key;
}

/** An acceptance's expected loss a year: its risks' latest means (else as accepted), added. */
export function acceptanceMean(a: AcceptanceOut): number | null {
  const xs = a.risks.map((r) => r.latestMean ?? r.frozenMean).filter((x): x is number => x !== null);
  return xs.length > 0 ? xs.reduce((s, x) => s + x, 0) : null;
}
