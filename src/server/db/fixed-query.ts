/**
 * Statements of a fixed shape that every request runs (the session's, the client's), compiled
 * once per database rather than built and compiled by Kysely on each request; each run binds
 * its own values.
 *
 * The query is built with named stand-ins (`slot('token')`) where the values go; after compiling,
 * the positions of the stand-ins among the compiled parameters say where each value is bound,
 * whatever the dialect's order of placeholders.
 *
 * ```ts
 * const sessionRow = fixedQuery((db: Kysely<DB>, slot) => db.selectFrom('sessions').selectAll().where('id', '=', slot('id')));
 * const rows = await sessionRow(db, { id: hash });
 * ```
 */
import type { CompiledQuery, Kysely } from 'kysely';

const STAND_IN = '\u0000triad-slot:';

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  /** For each compiled parameter, the name of the value it takes, or null to keep the compiled value. */
  names: (string | null)[];
}

export function fixedQuery<DB, Row, Name extends string>(
  build: (db: Kysely<DB>, slot: (name: Name) => string) => { compile(): CompiledQuery<Row> },
): (db: Kysely<DB>, values: Record<Name, unknown>) => Promise<Row[]> {
  const compiled = new WeakMap<Kysely<DB>, Compiled<Row>>();
  return async (db, values) => {
    let c = compiled.get(db);
    if (!c) {
      const query = build(db, (name) => `${STAND_IN}${name}`).compile();
      const names = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(STAND_IN) ? p.slice(STAND_IN.length) : null));
      const missing = Object.keys(values).filter((n) => !names.includes(n));
      if (missing.length > 0) throw new Error(`fixedQuery: no place for ${missing.join(', ')} in ${query.sql}`);
      c = { query, names };
      compiled.set(db, c);
    }
    const { query, names } = c;
    const parameters = names.map((n, i) => (n === null ? query.parameters[i] : values[n as Name]));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
