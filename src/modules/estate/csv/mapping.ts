/**
 * The words a client's files use for Triad's closed lists (a status "Pending Diagnostics", a
 * device type "Switch"), mapped to Triad's own: built-in words of the common asset tools, and
 * the client's own mapping, which an editor changes in the import settings. A word neither
 * knows refuses its row, naming the word and the choices, and the report lists every such word
 * once with its count so it can be mapped in one go.
 */
import { z } from 'zod';
import type { ClientScope } from '../../../server/context.js';
import { newId, toTimestamp } from '../../../server/db/conventions.js';
import { AppError } from '../../../server/errors.js';
import { major, minor } from '../common.js';
import { SYSTEM_STATUSES, SYSTEM_TYPES, type SystemType } from '../vocab.js';
import { STATUS_WORDS, TYPE_WORDS } from './kinds/asset-tools.js';
import { loose, type CellParser } from './values.js';

/** A closed list whose cells may be mapped: its field, its choices and the built-in words. */
export interface Vocabulary {
  kind: string;
  field: string;
  /** How the report and the settings name it ("status"). */
  label: string;
  choices: readonly string[];
  builtin: Readonly<Record<string, string>>;
}

export const VOCABULARIES: Vocabulary[] = [
  { kind: 'systems', field: 'status', label: 'status', choices: SYSTEM_STATUSES, builtin: STATUS_WORDS },
  { kind: 'systems', field: 'type', label: 'type', choices: SYSTEM_TYPES, builtin: TYPE_WORDS },
];

export function vocabularyOf(kind: string, field: string): Vocabulary | undefined {
  return VOCABULARIES.find((v) => v.kind === kind && v.field === field);
}

/** The client's words for one kind: field -> loose word -> Triad's value. */
export type ClientWords = Map<string, Map<string, string>>;

export async function loadClientWords(scope: ClientScope, kind: string): Promise<ClientWords> {
  const rows = await scope.db.selectFrom('estate_value_maps').select(['field', 'value_key', 'target']).where('kind', '=', kind).execute();
  const out: ClientWords = new Map();
  for (const r of rows) {
    const m = out.get(r.field) ?? new Map<string, string>();
    m.set(r.value_key, r.target);
    out.set(r.field, m);
  }
  return out;
}

/** The cell parser of a mapped column: the client's word first, then Triad's and the tools' words. */
export function vocabularyParser(v: Vocabulary, client: ReadonlyMap<string, string> | undefined): CellParser<string> {
  const words = new Map<string, string>();
  for (const c of v.choices) words.set(loose(c), c);
  for (const [k, t] of Object.entries(v.builtin)) words.set(loose(k), t);
  for (const [k, t] of client ?? []) words.set(k, t);
  return (cell) => {
    const found = words.get(loose(cell));
    return found
      ? { ok: true, value: found }
      : { ok: false, reason: `"${cell}" is not a ${v.label} Triad knows: map it to ${v.choices.join(', ')} in the import settings (value mapping), or change the cell` };
  };
}

// ---- The import settings: the client's words and replacement costs by type

export const ValueMapInput = z.strictObject({
  kind: z.enum(['systems']),
  field: z.enum(['status', 'type']),
  value: z.string().trim().min(1).max(200).describe('The word as the file writes it (compared without case, spaces or hyphens)'),
  target: z.string().describe('Triad\'s value it means'),
});
export type ValueMapInput = z.infer<typeof ValueMapInput>;

export const ImportSettingsOut = z
  .object({
    vocabularies: z.array(
      z.object({
        kind: z.string(),
        field: z.string(),
        label: z.string(),
        choices: z.array(z.string()),
        builtin: z.array(z.object({ value: z.string(), target: z.string() })),
        custom: z.array(z.object({ id: z.string(), value: z.string(), target: z.string(), updatedAt: z.string() })),
      }),
    ),
    replacementCosts: z.array(z.object({ type: z.enum(SYSTEM_TYPES), amount: z.number().nullable() })).describe('The replacement cost an imported system of each type gets when its row and its purchase cost give none'),
  })
  .meta({ id: 'ImportSettings' });
export type ImportSettingsOut = z.infer<typeof ImportSettingsOut>;

export async function importSettings(scope: ClientScope): Promise<ImportSettingsOut> {
  scope.require('estate.read');
  const [maps, costs] = await Promise.all([
    scope.db.selectFrom('estate_value_maps').selectAll().orderBy('value').execute(),
    scope.db.selectFrom('estate_replacement_costs').selectAll().execute(),
  ]);
  return {
    vocabularies: VOCABULARIES.map((v) => ({
      kind: v.kind,
      field: v.field,
      label: v.label,
      choices: [...v.choices],
      builtin: Object.entries(v.builtin).map(([value, target]) => ({ value, target })),
      custom: maps.filter((m) => m.kind === v.kind && m.field === v.field).map((m) => ({ id: m.id, value: m.value, target: m.target, updatedAt: m.updated_at })),
    })),
    replacementCosts: SYSTEM_TYPES.map((type) => {
      const c = costs.find((x) => x.type === type);
      return { type, amount: c ? major(scope, Number(c.amount)) : null };
    }),
  };
}

/** Maps a word of the client's files to one of Triad's values (replacing the word's earlier mapping). */
export async function setValueMap(scope: ClientScope, input: ValueMapInput): Promise<void> {
  scope.require('estate.import');
  const v = vocabularyOf(input.kind, input.field)!;
  if (!v.choices.includes(input.target)) throw new AppError('VALIDATION_FAILED', `A ${v.label} is one of ${v.choices.join(', ')}.`, [{ path: 'body.target', message: `must be one of ${v.choices.join(', ')}` }]);
  const key = loose(input.value);
  await scope.write(async (w) => {
    const before = await w.db.selectFrom('estate_value_maps').selectAll().where('kind', '=', input.kind).where('field', '=', input.field).where('value_key', '=', key).executeTakeFirst();
    const now = toTimestamp(scope.now());
    if (before) await w.db.updateTable('estate_value_maps').set({ value: input.value, target: input.target, updated_at: now, updated_by: scope.actor.label }).where('id', '=', before.id).execute();
    else await w.db.insertInto('estate_value_maps', { id: newId(), kind: input.kind, field: input.field, value_key: key, value: input.value, target: input.target, updated_at: now, updated_by: scope.actor.label }).execute();
    await w.audit({ action: 'estate.value-map.set', entityType: 'value-map', entityId: before?.id ?? null, before: before ? { value: before.value, target: before.target } : null, after: { kind: input.kind, field: input.field, value: input.value, target: input.target } });
  });
}

export async function deleteValueMap(scope: ClientScope, id: string): Promise<void> {
  scope.require('estate.import');
  await scope.write(async (w) => {
    const before = await w.db.selectFrom('estate_value_maps').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', 'Mapping not found');
    await w.db.deleteFrom('estate_value_maps').where('id', '=', id).execute();
    await w.audit({ action: 'estate.value-map.delete', entityType: 'value-map', entityId: id, before: { kind: before.kind, field: before.field, value: before.value, target: before.target } });
  });
}

/** Sets (or, with null, removes) the replacement cost imported systems of a type default to. */
export async function setReplacementCost(scope: ClientScope, type: SystemType, amount: number | null): Promise<void> {
  scope.require('estate.import');
  await scope.write(async (w) => {
    const before = await w.db.selectFrom('estate_replacement_costs').selectAll().where('type', '=', type).executeTakeFirst();
    await w.db.deleteFrom('estate_replacement_costs').where('type', '=', type).execute();
    if (amount !== null) await w.db.insertInto('estate_replacement_costs', { id: before?.id ?? newId(), type, amount: minor(scope, amount), updated_at: toTimestamp(scope.now()) }).execute();
    await w.audit({ action: 'estate.replacement-cost.set', entityType: 'replacement-cost', entityId: type, before: before ? { amount: major(scope, Number(before.amount)) } : null, after: amount === null ? null : { amount } });
  });
}

/** Replacement cost in minor units by system type, for the import. */
export async function replacementCosts(scope: ClientScope): Promise<Map<string, number>> {
  const rows = await scope.db.selectFrom('estate_replacement_costs').select(['type', 'amount']).execute();
  return new Map(rows.map((r) => [r.type, Number(r.amount)]));
}
