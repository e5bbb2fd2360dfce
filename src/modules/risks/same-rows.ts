/**
 * Rows of a register read again compared with the rows read before, and the unchanged ones
 * carried over: a register read after a change to one scenario holds the rows it held before for
 * every other, so what was made from them can tell them by identity, and the rows just read die
 * young (the garbage collector copies only what lives on, and a thousand rows kept twice would
 * be copied on every collection while the read goes on).
 */
import type { RegisterData } from './model.js';
import type { RiskScenariosTable } from './tables.js';

/** Whether two rows read from the database hold the same value in every column. */
export function sameRowValues(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] !== y[k]) return false;
    n += 1;
  }
  for (const _ in y) n -= 1;
  return n === 0;
}

/** Every column of a scenario's row, each once (the type refuses one missing or unknown). */
export const SCENARIO_COLUMNS = {
  client_id: 1,
  id: 1,
  ref: 1,
  ref_number: 1,
  title: 1,
  description: 1,
  threat: 1,
  owner_seat: 1,
  status: 1,
  proposed: 1,
  template: 1,
  template_params_json: 1,
  inputs_json: 1,
  status_reason: 1,
  created_by: 1,
  created_at: 1,
  updated_at: 1,
} as const satisfies Record<keyof RiskScenariosTable, 1>;

/**
 * Whether two reads of a scenario's row are the same in every column of SCENARIO_COLUMNS,
 * written out (a thousand rows compared by their keys cost a millisecond); list-json.test.ts
 * changes each column in turn. A row carried over (carryRows) is the same object.
 */
export function sameScenarioRow(a: RiskScenariosTable, b: RiskScenariosTable): boolean {
  if (a === b) return true;
  return (
    a.id === b.id &&
    a.updated_at === b.updated_at &&
    a.title === b.title &&
    a.status === b.status &&
    a.proposed === b.proposed &&
    a.inputs_json === b.inputs_json &&
    a.ref === b.ref &&
    a.ref_number === b.ref_number &&
    a.owner_seat === b.owner_seat &&
    a.threat === b.threat &&
    a.description === b.description &&
    a.template === b.template &&
    a.template_params_json === b.template_params_json &&
    a.status_reason === b.status_reason &&
    a.created_by === b.created_by &&
    a.created_at === b.created_at &&
    a.client_id === b.client_id
  );
}

/**
 * The register data just read, with each scenario row, and each scenario's list of treatments,
 * that is the same in every column as in `before` replaced by the one read before (the links
 * are carried the same way, by carryLists, when they are read).
 */
export function carryRows(before: RegisterData, now: RegisterData): void {
  const old = before.scenarios;
  const scenarios = now.scenarios;
  let byId: Map<string, RiskScenariosTable> | null = null;
  for (let i = 0; i < scenarios.length; i++) {
    const s = scenarios[i]!;
    // In ref order, so mostly at the same place as before.
    let o = old[i];
    if (o?.id !== s.id) {
      byId ??= new Map(old.map((x) => [x.id, x]));
      o = byId.get(s.id);
    }
    if (o && sameScenarioRow(o, s)) scenarios[i] = o;
  }
  carryLists(before.treatments, now.treatments);
}

/** Each list of rows in `now` (a scenario's treatments or links) that is the same, row for row, as in `before`, replaced by the one in `before`. */
export function carryLists<T extends object>(before: Map<string, T[]>, now: Map<string, T[]>): void {
  for (const [id, list] of now) {
    const was = before.get(id);
    if (was && sameRows(was, list)) now.set(id, was);
  }
}

function sameRows(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameRowValues(a[i]!, b[i]!)) return false;
  return true;
}
