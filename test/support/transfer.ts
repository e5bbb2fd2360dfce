import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/server/context.js';
import { ClientDb } from '../../src/server/db/scoped.js';
import { sql } from 'kysely';
import { createFirm, systemActor } from '../../src/server/firm.js';
import { createUser } from '../../src/modules/accounts/users.js';
import { EXPORTED } from '../../src/modules/transfer/registry.js';
import { encodeRow } from '../../src/modules/transfer/rows.js';
import type { Row } from '../../src/modules/transfer/schema.js';
import { login, type Caller } from './app.js';

export const OTHER_PASSWORD = 'another-firm-2026!';

/** A second firm with its own admin, on whichever database `ctx` uses; returns the admin signed in. */
export async function otherFirm(ctx: AppContext, server: FastifyInstance, name: string, email: string): Promise<{ firmId: string; admin: Caller }> {
  const firm = await createFirm(ctx, name);
  await createUser(ctx, systemActor(firm.id, 'test'), { email, name: 'Other Admin', password: OTHER_PASSWORD, firmRole: 'admin' });
  return { firmId: firm.id, admin: await login(server, email, OTHER_PASSWORD) };
}

/** Every exported table's rows of a client, as an export file would carry them. */
export async function clientRows(ctx: AppContext, clientId: string): Promise<Record<string, Row[]>> {
  const db = new ClientDb(ctx.database.db, clientId);
  const out: Record<string, Row[]> = {};
  for (const { table } of EXPORTED) {
    out[table] = (await db.selectFrom(table).selectAll().orderBy(sql`id`).execute()).map((r) => encodeRow(r as Record<string, unknown>));
  }
  return out;
}
