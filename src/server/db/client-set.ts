import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { ClientScope } from '../context.js';
import type { Permission } from '../policy.js';
import type { ClientTable, DB } from './schema.js';

/**
 * Reads for a set of clients at once (the firm's views: the portfolio, its report): every
 * select it starts carries `client_id in (:ids)`, so a firm-wide read costs one statement per
 * table however many clients there are, and reaches only the clients it was built for (those a
 * caller may see, with the permission the view needs). Read-only by construction: changes go
 * through one client's ClientScope.
 */
export class ClientSetDb {
  readonly clientIds: readonly string[];

  constructor(
    private readonly kysely: Kysely<DB>,
    clientIds: readonly string[],
  ) {
    this.clientIds = [...new Set(clientIds)];
  }

  /** `select … from table where table.client_id in (:ids)`; an empty set matches nothing. */
  selectFrom<T extends ClientTable>(table: T): SelectQueryBuilder<DB, T, object> {
    const qb = this.kysely.selectFrom(table) as unknown as SelectQueryBuilder<DB, T, object>;
    // `in ()` is not SQL; an empty set is a condition no row meets.
    if (this.clientIds.length === 0) return qb.where(sql<boolean>`1 = 0`);
    return qb.where(sql.ref(`${table}.client_id`), 'in', this.clientIds);
  }

  /**
   * Each client's newest row of `table` (by `newest` descending, then id), in one statement: a
   * window function ranks the rows of each client. Only `columns` are read.
   */
  async latestPerClient<T extends ClientTable, C extends keyof Selectable<DB[T]> & string>(table: T, columns: readonly C[], newest: keyof Selectable<DB[T]> & string): Promise<(Pick<Selectable<DB[T]>, C> & { client_id: string })[]> {
    if (this.clientIds.length === 0) return [];
    const picked = [...new Set(['client_id', ...columns])];
    const ranked = this.selectFrom(table)
      .select(picked.map((c) => sql.ref(`${table}.${c}`).as(c)))
      .select(sql<number>`row_number() over (partition by ${sql.ref(`${table}.client_id`)} order by ${sql.ref(`${table}.${newest}`)} desc, ${sql.ref(`${table}.id`)} desc)`.as('newest_rank'));
    const { rows } = await sql<Record<string, unknown>>`select ${sql.join(picked.map((c) => sql.ref(`ranked.${c}`)))} from (${ranked}) as ranked where ranked.newest_rank = 1`.execute(this.kysely);
    return rows as (Pick<Selectable<DB[T]>, C> & { client_id: string })[];
  }
}

/** Rows grouped by their client_id, every client of `ids` present (with no rows: an empty list). */
export function byClient<R extends { client_id: string }>(ids: readonly string[], rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(r.client_id)?.push(r);
  return out;
}

/**
 * Of the caller's clients (their scopes), those whose role may `permission`, by id, and a set
 * confined to them: what a firm's view reads of one module.
 */
export function clientsThatMay(kysely: Kysely<DB>, scopes: Iterable<ClientScope>, permission: Permission): { set: ClientSetDb; scopes: Map<string, ClientScope> } {
  const may = new Map([...scopes].filter((s) => s.can(permission)).map((s) => [s.clientId, s]));
  return { set: new ClientSetDb(kysely, [...may.keys()]), scopes: may };
}
