/**
 * A person's saved views: named filters of one list, theirs alone (another person's view is
 * "not found", whoever asks). Every change is written to the firm's audit trail in the same
 * transaction, as the person.
 */
import type { Transaction } from 'kysely';
import type { Actor, AppContext } from '../../server/context.js';
import type { DB } from '../../server/db/schema.js';
import { firmWrite } from '../../server/context.js';
import { fromJson, newId, toJson, toTimestamp } from '../../server/db/conventions.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { issueMessageIn } from '../../shared/validation.js';
import type { Language } from '../../server/i18n/index.js';
import { validationSummary } from '../../server/i18n/validation.js';
import { actorOf } from '../accounts/users.js';
import { LIST_FILTERS, VIEWS_PER_LIST_MAX, type ListKey, type SavedViewInput, type SavedViewOut, type SavedViewPatch } from './schema.js';
import type { SavedViewsTable } from './tables.js';

export function presentView(v: SavedViewsTable): SavedViewOut {
  return { id: v.id, list: v.list_key as ListKey, name: v.name, filters: fromJson<Record<string, unknown>>(v.filters, {}), createdAt: v.created_at, updatedAt: v.updated_at };
}

/** The person's views of one list, by name. */
export async function listViews(app: AppContext, user: UsersTable, list: ListKey): Promise<SavedViewsTable[]> {
  const rows = await app.database.db.selectFrom('saved_views').selectAll().where('user_id', '=', user.id).where('list_key', '=', list).execute();
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

const nameTaken = (name: string) => conflict(`You already have a view called "${name}" of this list: choose another name, or change that view.`, [{ path: 'body.name', message: 'is already the name of another of your views of this list' }]);

/** A list's filters checked against that list's schema (for a change to a stored view, whose list the body does not say). */
function checkFilters(list: ListKey, filters: Record<string, unknown>, language: Language): Record<string, unknown> {
  const parsed = LIST_FILTERS[list].safeParse(filters);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.flatMap((i) => {
    const path = ['body', 'filters', ...i.path.map(String)].join('.');
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: `${path}.${k}`, message: issueMessageIn({}, 'unknown field', language) }));
    return [{ path, message: issueMessageIn(i, i.message, language) }];
  });
  throw invalid(validationSummary(language, details), details);
}

/** Saves a view for the person; `actor` is who the trail names (the person, unless the demo seed makes it). */
export async function createView(app: AppContext, user: UsersTable, input: SavedViewInput, actor: Actor = actorOf(user)): Promise<SavedViewsTable> {
  const now = toTimestamp(app.clock.now());
  const view: SavedViewsTable = { id: newId(), firm_id: user.firm_id, user_id: user.id, list_key: input.list, name: input.name, filters: toJson(input.filters) ?? '{}', created_at: now, updated_at: now };
  return firmWrite(app, actor, async (tx, audit) => {
    const mine = await tx.selectFrom('saved_views').select(['name']).where('user_id', '=', user.id).where('list_key', '=', input.list).execute();
    if (mine.some((m) => m.name === input.name)) throw nameTaken(input.name);
    if (mine.length >= VIEWS_PER_LIST_MAX) throw conflict(`You have ${VIEWS_PER_LIST_MAX} saved views of this list, the most there may be: delete one you no longer use first.`, [{ path: 'body.list', message: `has ${VIEWS_PER_LIST_MAX} views already` }]);
    await tx.insertInto('saved_views').values(view).execute();
    await audit({ action: 'saved-view.create', entityType: 'saved-view', entityId: view.id, after: { list: input.list, name: input.name, filters: input.filters } });
    return view;
  });
}

async function ownView(tx: Transaction<DB>, user: UsersTable, id: string): Promise<SavedViewsTable> {
  const view = await tx.selectFrom('saved_views').selectAll().where('id', '=', id).where('user_id', '=', user.id).executeTakeFirst();
  if (!view) throw notFound('Saved view');
  return view;
}

export async function updateView(app: AppContext, user: UsersTable, id: string, patch: SavedViewPatch, language: Language = 'en'): Promise<SavedViewsTable> {
  return firmWrite(app, actorOf(user), async (tx, audit) => {
    const view = await ownView(tx, user, id);
    const list = view.list_key as ListKey;
    const filters = patch.filters === undefined ? undefined : checkFilters(list, patch.filters, language);
    const name = patch.name ?? view.name;
    if (name !== view.name) {
      const other = await tx.selectFrom('saved_views').select('id').where('user_id', '=', user.id).where('list_key', '=', list).where('name', '=', name).executeTakeFirst();
      if (other) throw nameTaken(name);
    }
    const next: SavedViewsTable = { ...view, name, filters: filters === undefined ? view.filters : toJson(filters) ?? '{}', updated_at: toTimestamp(app.clock.now()) };
    await tx.updateTable('saved_views').set({ name: next.name, filters: next.filters, updated_at: next.updated_at }).where('id', '=', id).execute();
    await audit({ action: 'saved-view.update', entityType: 'saved-view', entityId: id, before: { name: view.name, filters: fromJson(view.filters, {}) }, after: { name: next.name, filters: fromJson(next.filters, {}) } });
    return next;
  });
}

export async function deleteView(app: AppContext, user: UsersTable, id: string): Promise<void> {
  await firmWrite(app, actorOf(user), async (tx, audit) => {
    const view = await ownView(tx, user, id);
    await tx.deleteFrom('saved_views').where('id', '=', id).execute();
    await audit({ action: 'saved-view.delete', entityType: 'saved-view', entityId: id, before: { list: view.list_key, name: view.name, filters: fromJson(view.filters, {}) } });
  });
}
