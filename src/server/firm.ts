import type { Actor, AppContext } from './context.js';
import { newId, toTimestamp } from './db/conventions.js';
import type { FirmsTable } from './db/platform-tables.js';
import { startChain } from '../modules/audit/chain.js';

/** The firm of this installation (the first one), or undefined on an empty database. */
export async function findFirm(ctx: AppContext): Promise<FirmsTable | undefined> {
  return ctx.database.db.selectFrom('firms').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
}

export async function createFirm(ctx: AppContext, name: string): Promise<FirmsTable> {
  const firm: FirmsTable = { id: newId(), name, created_at: toTimestamp(ctx.clock.now()) };
  await ctx.database.db.transaction().execute(async (tx) => {
    await tx.insertInto('firms').values(firm).execute();
    await startChain(tx, firm.id);
  });
  return firm;
}

/** The actor for administrative work done from the command line or by the system itself. */
export function systemActor(firmId: string, label: string): Actor {
  return { userId: null, label, firmId, firmRole: 'admin', email: null };
}
