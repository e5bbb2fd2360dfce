/**
 * A register's list entry serialised: the JSON of `presentListItem`, put together from parts so
 * that the figures of a stored result are serialised once, not on every read of the register.
 *
 * A register read again after a change keeps the parsed results that did not change
 * (register.ts, `carryParsed`): the same objects. Their figures' JSON is kept beside them (a
 * WeakMap, so it goes with them), and a read after a change to one scenario serialises the
 * numbers of that one. What is read from elsewhere (share, rating, staleness, links, treatment
 * counts) is serialised on every build, as before. list-json.test.ts holds the answer to be the
 * same JSON as `presentListItem`'s.
 */
import { currentResult, pickStats, presentListFields, type PresentContext } from './register.js';
import type { FullStats } from './stored.js';
import type { RiskScenariosTable } from './tables.js';

const statsJson = new WeakMap<FullStats, string>();

function figures(stats: FullStats): string {
  let json = statsJson.get(stats);
  if (json === undefined) {
    json = JSON.stringify(pickStats(stats));
    statsJson.set(stats, json);
  }
  return json;
}

/** `"name":value,` for a defined value (JSON.stringify leaves out undefined properties), else nothing; `key` is `"name":`. */
function field(key: string, value: unknown): string {
  return value === undefined ? '' : `${key}${typeof value === 'number' && Number.isFinite(value) ? String(value) : JSON.stringify(value)},`;
}

/** `presentResult(s, ctx)` as JSON. */
export function resultJson(s: RiskScenariosTable, ctx: PresentContext): string {
  const c = currentResult(s, ctx);
  if (!c) return 'null';
  const { row, r } = c;
  return (
    `{"inherent":${figures(r.inherent)},"residual":${r.residual ? figures(r.residual) : 'null'},"current":${figures(c.current)},` +
    `"withProposed":${r.withProposed ? figures(r.withProposed) : 'null'},` +
    field('"treatmentCost":', r.treatmentCost) +
    field('"rosi":', r.rosi) +
    field('"share":', c.share) +
    field('"rating":', c.rating) +
    `"inPortfolio":${c.inPortfolio},"stale":${ctx.hashes.get(s.id) !== row.input_hash},"computedAt":${JSON.stringify(row.computed_at)}}`
  );
}

/** `presentListItem(s, ctx)` as JSON. */
export function listItemJson(s: RiskScenariosTable, ctx: PresentContext): string {
  const fields = JSON.stringify(presentListFields(s, ctx));
  return `${fields.slice(0, -1)},"result":${resultJson(s, ctx)}}`;
}
