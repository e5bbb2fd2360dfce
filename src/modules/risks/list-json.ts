/**
 * A register's list entry serialised: the JSON of `presentListItem`, put together from parts so
 * that the figures of a stored result are serialised once, not on every read of the register.
 *
 * A register read again after a change keeps the stored results that did not change
 * (register.ts, `carryParsed`): the same row objects, parsed once. Their figures' JSON is kept
 * beside them (a WeakMap, so it goes with them). And a whole entry is carried into the register
 * read again when every input it is made from is the same (`sameEntryInputs`: the scenario's row,
 * its stored result, links, treatments' statuses and expected hash; `sameSharedInputs`: the
 * rating bands), so a read after a change to one scenario serialises that one. The share, the one
 * part that depends on the portfolio's mean, is made apart (`EntryParts`): a kept entry is
 * written again around its share when a new run moves the mean (register-cache.ts), and no entry
 * is made again for it. A result stored with its list figures (`resultFiguresJson`, made when the
 * recompute stores it) is not parsed at all. list-json.test.ts holds the entry to be byte for
 * byte `presentListItem`'s JSON, and every kind of change to make it again.
 */
import { currentResult, pickStats, presentListFields, resultInPortfolio, shareOf, type PresentContext } from './register.js';
import { sameRowValues, sameScenarioRow } from './same-rows.js';
import { rate, type Rating } from '../../shared/risks/rating.js';
import type { FullStats, StoredScenarioResult } from './stored.js';
import type { RiskLinksTable, RiskScenariosTable, RiskTreatmentsTable } from './tables.js';

const statsJson = new WeakMap<FullStats, string>();

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** `JSON.stringify(pickStats(stats))`, written out for the usual stats (every figure a finite number). */
function statsJsonOf(stats: FullStats): string {
  const { mean, p50, p90, p95, p99, probabilityOfLoss: pol } = stats;
  if (!finite(mean) || !finite(p50) || !finite(p90) || !finite(p95) || !finite(p99) || !finite(pol)) return JSON.stringify(pickStats(stats));
  return `{"mean":${mean},"p50":${p50},"p90":${p90},"p95":${p95},"p99":${p99},"probabilityOfLoss":${pol},"whenLoss":${JSON.stringify(stats.whenLoss ?? null)}}`;
}

function figures(stats: FullStats): string {
  let json = statsJson.get(stats);
  if (json === undefined) {
    json = statsJsonOf(stats);
    statsJson.set(stats, json);
  }
  return json;
}

/** `"name":value,` for a defined value (JSON.stringify leaves out undefined properties), else nothing; `key` is `"name":`. */
function field(key: string, value: unknown): string {
  return value === undefined ? '' : `${key}${typeof value === 'number' && Number.isFinite(value) ? String(value) : JSON.stringify(value)},`;
}

/**
 * A list entry serialised in parts around its share, which alone depends on the portfolio's mean:
 * a new run (its mean moved) does not make every entry again, only their shares.
 */
export interface EntryParts {
  /**
   * A comma, then the entry up to its result, as UTF-8: `,{…the scenario's list fields…,"result":`.
   * Kept with the scenario's row (see entryHead), so a new result does not encode them again.
   */
  head: Buffer;
  /** The result's figures up to its share's value (`{"inherent":…,"share":`); `null}` without a result. */
  figures: string;
  /** The entry after its share's value; null without a result. */
  tail: string | null;
  /** What the share is made of: the current mean, and whether the result counts in the portfolio. */
  mean: number;
  inPortfolio: boolean;
}

/** Each scenario row's list entry up to its result (EntryParts.head), with the links and treatments it was made from. */
const fieldsKept = new WeakMap<RiskScenariosTable, { links: RiskLinksTable[] | undefined; treatments: RiskTreatmentsTable[] | undefined; head: Buffer }>();

/**
 * `,` and `JSON.stringify(presentListFields(s, ctx))` up to its closing brace, then `,"result":`,
 * as UTF-8, kept with the scenario's row: rows, treatment lists and link lists read again
 * unchanged are the ones read before (same-rows.ts), so after a recompute, which changes only
 * results, no entry's fields are serialised or encoded again.
 */
function entryHead(s: RiskScenariosTable, ctx: PresentContext): Buffer {
  const links = ctx.links.get(s.id);
  const treatments = ctx.data.treatments.get(s.id);
  const kept = fieldsKept.get(s);
  if (kept && kept.links === links && kept.treatments === treatments) return kept.head;
  const json = JSON.stringify(presentListFields(s, ctx));
  const head = Buffer.from(`,${json.slice(0, -1)},"result":`);
  fieldsKept.set(s, { links, treatments, head });
  return head;
}

/**
 * A stored result's part of its list entry, serialised up to its share's value: its figures
 * (inherent, residual, current, with proposed treatments), treatment cost and ROSI. A recompute
 * stores it with the result (`list_figures`, made from the result as stored), so that a list
 * read after it parses no result.
 */
export function resultFiguresJson(r: StoredScenarioResult): string {
  return (
    `{"inherent":${figures(r.inherent)},"residual":${r.residual ? figures(r.residual) : 'null'},"current":${figures(r.residual ?? r.inherent)},` +
    `"withProposed":${r.withProposed ? figures(r.withProposed) : 'null'},` +
    field('"treatmentCost":', r.treatmentCost) +
    field('"rosi":', r.rosi) +
    '"share":'
  );
}

/**
 * What a recompute stores beside a result for the list (`list_figures`, `probability_of_loss`),
 * made from the result as stored (its JSON parsed back), so that the list shows the same whether
 * it reads them or parses the result. Null both when the current probability of loss is not a
 * finite number: such a result is parsed when read.
 */
export function storedListFigures(resultJson: string): { list_figures: string | null; probability_of_loss: number | null } {
  const r = JSON.parse(resultJson) as StoredScenarioResult;
  const pol = (r.residual ?? r.inherent).probabilityOfLoss;
  return finite(pol) ? { list_figures: resultFiguresJson(r), probability_of_loss: pol } : { list_figures: null, probability_of_loss: null };
}

/** `"rating":…,` for each likelihood and impact (1 to 5): 25 texts, made on first use. */
const ratingFields: string[] = [];

/** `field('"rating":', rating)` for a rating made by `rate`, whose every field follows from its likelihood and impact. */
function ratingField(rating: Rating): string {
  const { likelihood: l, impact: i } = rating;
  if (!Number.isInteger(l) || !Number.isInteger(i) || l < 1 || l > 5 || i < 1 || i > 5) return field('"rating":', rating);
  const k = (l - 1) * 5 + (i - 1);
  return (ratingFields[k] ??= field('"rating":', rating));
}

/** The entry after its share: what depends on the rating bands, the scenario's status and the hashes at the time of reading. */
function tailJson(rating: Rating, inPf: boolean, stale: boolean, computedAt: string): string {
  return `,${ratingField(rating)}"inPortfolio":${inPf},"stale":${stale},"computedAt":${JSON.stringify(computedAt)}}}`;
}

/**
 * `presentListItem(s, ctx)` as JSON, in its parts. A result stored with its list figures is not
 * parsed: its figures are the stored text, its rating comes from its mean and probability of
 * loss (columns); one stored before them is parsed, as presentResult does.
 */
export function listItemParts(s: RiskScenariosTable, ctx: PresentContext): EntryParts {
  const head = entryHead(s, ctx);
  const row = ctx.results.get(s.id);
  if (row && row.list_figures !== null && row.probability_of_loss !== null) {
    const inPf = resultInPortfolio(row, s);
    const { likelihoodBands, impactBands } = ctx.data.settings;
    const rating = rate({ mean: row.mean, probabilityOfLoss: row.probability_of_loss }, likelihoodBands, impactBands);
    return { head, figures: row.list_figures, tail: tailJson(rating, inPf, ctx.hashes.get(s.id) !== row.input_hash, row.computed_at), mean: row.mean, inPortfolio: inPf };
  }
  const c = currentResult(s, ctx);
  if (!c) return { head, figures: 'null}', tail: null, mean: 0, inPortfolio: false };
  return {
    head,
    figures: resultFiguresJson(c.r),
    tail: tailJson(c.rating, c.inPortfolio, ctx.hashes.get(s.id) !== c.row.input_hash, c.row.computed_at),
    mean: c.current.mean,
    inPortfolio: c.inPortfolio,
  };
}

/** The share's value in an entry (as `currentResult` makes it) for the portfolio's mean. */
export function shareJson(parts: Pick<EntryParts, 'mean' | 'inPortfolio'>, portfolioMean: number | null): string {
  const share = shareOf(parts.mean, parts.inPortfolio, portfolioMean);
  return typeof share === 'number' && Number.isFinite(share) ? String(share) : 'null';
}

/**
 * An entry's parts put together as JSON, with its share for the portfolio's mean: the text whose
 * UTF-8 kept-entries.ts writes (its tests hold the bytes to it; list-json.test.ts holds it to the
 * presenter's JSON).
 */
export function entryJson(parts: EntryParts, portfolioMean: number | null): string {
  const start = parts.head.toString('utf8', 1) + parts.figures;
  return parts.tail === null ? start : start + shareJson(parts, portfolioMean) + parts.tail;
}

/** `presentListItem(s, ctx)` as JSON. */
export function listItemJson(s: RiskScenariosTable, ctx: PresentContext): string {
  return entryJson(listItemParts(s, ctx), ctx.portfolioMean);
}

/**
 * Whether entries serialised under `before` still hold under `now` as far as what every entry
 * shares goes: the rating bands (the portfolio's mean, for the shares, is not in the parts).
 */
export function sameSharedInputs(before: PresentContext, now: PresentContext): boolean {
  const a = before.data.settings;
  const b = now.data.settings;
  return (
    JSON.stringify(a.likelihoodBands) === JSON.stringify(b.likelihoodBands) &&
    JSON.stringify(a.impactBands) === JSON.stringify(b.impactBands)
  );
}

/**
 * Whether the entry of scenario `a` serialised under `before` is the entry of `b` under `now`
 * (with `sameSharedInputs`): every input `listItemJson` reads compared, the scenario's row and
 * its stored result column by column, its links, its treatments' statuses and the hash its
 * result must carry. A register read again after a change to one scenario serialises that one.
 */
export function sameEntryInputs(a: RiskScenariosTable, before: PresentContext, b: RiskScenariosTable, now: PresentContext): boolean {
  if (!sameScenarioRow(a, b) || before.hashes.get(a.id) !== now.hashes.get(b.id)) return false;
  const r0 = before.results.get(a.id);
  const r1 = now.results.get(b.id);
  // A stored result read again unchanged is the row read before (register.ts, carryParsed).
  if (r0 !== r1 && (r0 === undefined || r1 === undefined || !sameRowValues(r0, r1))) return false;
  const l0 = before.links.get(a.id) ?? [];
  const l1 = now.links.get(b.id) ?? [];
  if (l0.length !== l1.length) return false;
  for (let i = 0; i < l0.length; i++) {
    const x = l0[i]!;
    const y = l1[i]!;
    if (x.kind !== y.kind || x.target_id !== y.target_id || x.label !== y.label) return false;
  }
  const t0 = before.data.treatments.get(a.id) ?? [];
  const t1 = now.data.treatments.get(b.id) ?? [];
  if (t0.length !== t1.length) return false;
  for (let i = 0; i < t0.length; i++) if (t0[i]!.status !== t1[i]!.status) return false;
  return true;
}
