/**
 * The register read once per version of a client's risk data, kept in the server's memory.
 *
 * Reading a register takes every scenario, treatment, link and stored result, and rebuilds the
 * engine model's hashes to say whether each result is current; at a thousand scenarios that is
 * tens of milliseconds, for an answer that changes only when the client's data does. So the
 * server keeps, per client, what it read (and each scenario's serialised list entry, made when a
 * page first needs it) under a key read from the database on every request, in one statement:
 *
 * - the client's audit head: every change to a client's records is written to its audit trail
 *   in the change's own transaction (the rule of `scope.write`), so the head's sequence number
 *   moves with any change to its scenarios, treatments, links, appetite, settings, insurance
 *   and with the stored run of every finished recompute;
 * - `risk_settings.results_version`: the one writer of the register's tables outside
 *   `scope.write`, a recompute storing its results in short batches before its run, bumps it in
 *   each batch's transaction (recompute.ts);
 * - the client's currency, revenue and employees (the default rating bands) and the server's
 *   default simulated years, which the register reads from outside its tables.
 *
 * The key is read before the data, so an entry holds at least every change up to its key; it is
 * used only while the key is the same, that is while nothing has changed since. What depends on
 * the time and the job queue (the refresh state) is never kept: it is read on every request.
 * Each server keeps its own entries, keyed by what the database says, so several servers on one
 * database never serve each other's stale answers. Memory is bounded: the least recently read
 * clients go first.
 */
import type { AppContext, ClientScope } from '../../server/context.js';
import { etagOf } from '../../server/http/etag.js';
import { compact, fillEntries, type KeptEntry } from './kept-entries.js';
import { listItemParts, sameEntryInputs, sameSharedInputs } from './list-json.js';
import { loadRegisterBase, resultInPortfolio, shareOf, sortFigures, type RegisterBase } from './register.js';
import { SETTINGS_ID } from './settings.js';
import type { OwnerSeat, RiskStatus } from './tables.js';

/** One scenario of the register as the list filters, sorts and sends it. */
export interface ListRow {
  index: number;
  id: string;
  ref: string;
  refNumber: number;
  title: string;
  /** Lower-case title and threat, for the search. */
  titleLower: string;
  threatLower: string;
  ownerSeat: OwnerSeat;
  status: RiskStatus;
  proposed: boolean;
  /**
   * The current mean, P90 and share (−1 without a result or share): read from the stored
   * result's row only once an order by them asks (`withFigures`); NaN until then.
   */
  mean: number;
  p90: number;
  share: number;
  /** Whether its result counts in the portfolio (so has a share), with the figures. */
  inPortfolio: boolean;
  figured: boolean;
  /** The rating's score (0 without a result), which needs the stored result parsed: only for an order by rating (`withFigures(true)`). */
  score: number;
  scored: boolean;
}

export interface CachedRegister {
  key: string;
  base: RegisterBase;
  /** Every scenario, in ref order (the data's order). */
  rows: ListRow[];
  /** Every row with its figures (`ListRow.mean` and the others), read on first use; with `scores`, with its rating's score too. */
  withFigures(scores: boolean): void;
  /** Row indexes in each sort's order, made on first use. */
  orders: Map<string, number[]>;
  /** `"portfolio":…,"appetite":…`: the summary every page carries, serialised once. */
  summaryJson: string;
  /** Each scenario's list entry serialised, by index: made on first use or carried from the register read before. */
  items: (KeptEntry | undefined)[];
  /** Adds the list entries of a page's rows, as bytes, to `parts` (each after a comma but the first). */
  addEntries(parts: Buffer[], rows: readonly ListRow[]): void;
  /** Serialised parts of the overview, made on first use. */
  overviewJson: string | null;
  /** Answers sent, by their query and refresh state, with their ETags: a read asked again is not put together again. */
  answers: Map<string, Answer>;
}

/** A serialised answer (UTF-8, as sent) and its ETag (src/server/http/etag.ts). */
export interface Answer {
  body: Buffer;
  etag: string;
}

/** How many answers an entry keeps, and how many bytes of them (the refresh state changes every second while a recompute runs). */
const ANSWERS_KEPT = 32;
const ANSWER_BYTES_KEPT = 2_500_000;

/** The answer kept under `key`, or the one `make` puts together (kept from then on, the oldest going first). */
export function keptAnswer(entry: CachedRegister, key: string, make: () => Buffer): Answer {
  let answer = entry.answers.get(key);
  if (!answer) {
    const body = make();
    answer = { body, etag: etagOf(body) };
    entry.answers.set(key, answer);
    let bytes = 0;
    for (const a of entry.answers.values()) bytes += a.body.length;
    for (const [k, a] of entry.answers) {
      if (entry.answers.size <= ANSWERS_KEPT && bytes <= ANSWER_BYTES_KEPT) break;
      entry.answers.delete(k);
      bytes -= a.body.length;
    }
  }
  return answer;
}

interface RegisterCache {
  /** By client, least recently read first. */
  entries: Map<string, CachedRegister>;
  building: Map<string, { key: string; promise: Promise<CachedRegister> }>;
}

/** At most this many clients' registers, and this many scenarios across them, are kept. */
const MAX_CLIENTS = 50;
const MAX_SCENARIOS = 10_000;

const caches = new WeakMap<AppContext, RegisterCache>();

function cacheOf(app: AppContext): RegisterCache {
  let cache = caches.get(app);
  if (!cache) {
    cache = { entries: new Map(), building: new Map() };
    caches.set(app, cache);
  }
  return cache;
}

/** The version of the client's register data (see above), read in one statement. */
async function registerKey(scope: ClientScope): Promise<string | null> {
  const head = await scope.app.database.db
    .selectFrom('audit_heads')
    .select((eb) => [
      'audit_heads.seq',
      eb
        .selectFrom('risk_settings')
        .select('risk_settings.results_version')
        .where('risk_settings.client_id', '=', scope.clientId)
        .where('risk_settings.id', '=', SETTINGS_ID)
        .as('results'),
    ])
    .where('audit_heads.client_id', '=', scope.clientId)
    .executeTakeFirst();
  // A client always has an audit head; without one there would be nothing to tell a change by.
  if (!head) return null;
  const c = scope.client;
  return JSON.stringify([head.seq, head.results ?? null, c.currency, c.annual_revenue, c.employees, scope.app.config.simulationYears]);
}

/** A scenario's list row: what the list filters and sorts it by. */
function listRow(s: RegisterBase['data']['scenarios'][number], index: number): ListRow {
  return {
    index,
    id: s.id,
    ref: s.ref,
    refNumber: s.ref_number,
    title: s.title,
    titleLower: s.title.toLowerCase(),
    threatLower: (s.threat ?? '').toLowerCase(),
    ownerSeat: s.owner_seat,
    status: s.status,
    proposed: s.proposed === 1,
    mean: Number.NaN,
    p90: Number.NaN,
    share: Number.NaN,
    inPortfolio: false,
    figured: false,
    score: Number.NaN,
    scored: false,
  };
}

/** A row carried into a register read again, at its index there (written out: a spread of a thousand rows costs more). */
function copyRow(r: ListRow, index: number): ListRow {
  return {
    index,
    id: r.id,
    ref: r.ref,
    refNumber: r.refNumber,
    title: r.title,
    titleLower: r.titleLower,
    threatLower: r.threatLower,
    ownerSeat: r.ownerSeat,
    status: r.status,
    proposed: r.proposed,
    mean: r.mean,
    p90: r.p90,
    share: r.share,
    inPortfolio: r.inPortfolio,
    figured: r.figured,
    score: r.score,
    scored: r.scored,
  };
}

/**
 * A row's figures from its stored result's row (see ListRow). A recompute writes the current
 * mean and P90 (the residual's, else the inherent's) into columns of the row beside the result
 * (recompute.ts), so ordering a thousand scenarios by them parses no stored result.
 */
function figure(row: ListRow, base: RegisterBase): void {
  const s = base.data.scenarios[row.index]!;
  const result = base.present.results.get(s.id);
  const inPf = !!result && resultInPortfolio(result, s);
  const portfolioMean = base.present.portfolioMean;
  row.mean = result?.mean ?? -1;
  row.p90 = result?.p90 ?? -1;
  row.inPortfolio = inPf;
  row.share = shareOf(row.mean, inPf, portfolioMean) ?? -1;
  row.figured = true;
}

/** A row's rating score from its stored result, parsed (0 without one). */
function score(row: ListRow, base: RegisterBase): void {
  row.score = sortFigures(base.data.scenarios[row.index]!, base.present)?.score ?? 0;
  row.scored = true;
}

/** A carried row's share for a new portfolio mean (as currentResult makes it; −1 without one). */
function reshare(row: ListRow, portfolioMean: number | null): void {
  row.share = shareOf(row.mean, row.inPortfolio, portfolioMean) ?? -1;
}

/**
 * The register as read, ready for its list. A scenario whose inputs did not change since
 * `previous` (the register read before) keeps its row and its entry as serialised then
 * (list-json.ts, sameEntryInputs).
 */
function build(key: string, base: RegisterBase, previous?: CachedRegister): CachedRegister {
  const scenarios = base.data.scenarios;
  const items: (KeptEntry | undefined)[] = new Array<KeptEntry | undefined>(scenarios.length);
  const carry = previous && sameSharedInputs(previous.base.present, base.present) ? previous : undefined;
  // Shares (a row's figures) follow the portfolio's mean; the entries' parts do not hold them.
  const sameMean = carry?.base.present.portfolioMean === base.present.portfolioMean;
  const old = carry?.base.data.scenarios ?? [];
  let byId: Map<string, number> | null = null;
  const rows = scenarios.map((s, i): ListRow => {
    if (carry) {
      // The scenarios come in ref order: mostly at the same place as before.
      let j = old[i]?.id === s.id ? i : -1;
      if (j < 0) {
        byId ??= new Map(old.map((o, k) => [o.id, k]));
        j = byId.get(s.id) ?? -1;
      }
      if (j >= 0 && sameEntryInputs(old[j]!, carry.base.present, s, base.present)) {
        items[i] = carry.items[j];
        // At the same place with the same share, the row is the same: both registers hold it
        // (what figure() writes into it later is the same for both).
        if (j === i && sameMean) return carry.rows[j]!;
        const row = copyRow(carry.rows[j]!, i);
        if (!sameMean && row.figured) reshare(row, base.present.portfolioMean);
        return row;
      }
    }
    return listRow(s, i);
  });
  if (carry) compact(items);
  return {
    key,
    base,
    rows,
    withFigures: (scores) => {
      for (const row of rows) {
        if (!row.figured) figure(row, base);
        if (scores && !row.scored) score(row, base);
      }
    },
    orders: new Map(),
    items,
    // Both built from the stored run and the settings by the presenters, whose types are the
    // response schema's: serialised as they are (see views.ts on validation).
    summaryJson: `"portfolio":${JSON.stringify(base.portfolio)},"appetite":${JSON.stringify(base.appetite)}`,
    addEntries: (parts, pageRows) => {
      fillEntries(items, pageRows.map((row) => row.index), (index) => listItemParts(scenarios[index]!, base.present), base.present.portfolioMean);
      pageRows.forEach((row, i) => {
        const bytes = items[row.index]!.bytes;
        parts.push(i === 0 ? bytes.subarray(1) : bytes);
      });
    },
    overviewJson: null,
    answers: new Map(),
  };
}

function keep(cache: RegisterCache, clientId: string, entry: CachedRegister): void {
  cache.entries.delete(clientId);
  cache.entries.set(clientId, entry);
  let scenarios = 0;
  for (const e of cache.entries.values()) scenarios += e.rows.length;
  for (const [id, e] of cache.entries) {
    if (cache.entries.size <= MAX_CLIENTS && scenarios <= MAX_SCENARIOS) break;
    if (id === clientId) continue;
    cache.entries.delete(id);
    scenarios -= e.rows.length;
  }
}

/**
 * The client's register as it stands now: the kept one when nothing has changed since it was
 * read, else read again (once, however many requests ask for it meanwhile).
 */
export async function cachedRegister(scope: ClientScope): Promise<CachedRegister> {
  const cache = cacheOf(scope.app);
  const key = await registerKey(scope);
  if (key === null) return build('', await loadRegisterBase(scope));
  const kept = cache.entries.get(scope.clientId);
  if (kept?.key === key) {
    cache.entries.delete(scope.clientId);
    cache.entries.set(scope.clientId, kept);
    return kept;
  }
  const pending = cache.building.get(scope.clientId);
  if (pending?.key === key) return pending.promise;
  const promise = loadRegisterBase(scope, kept?.base).then((base) => {
    const entry = build(key, base, kept);
    keep(cache, scope.clientId, entry);
    return entry;
  });
  cache.building.set(scope.clientId, { key, promise });
  try {
    return await promise;
  } finally {
    if (cache.building.get(scope.clientId)?.promise === promise) cache.building.delete(scope.clientId);
  }
}
