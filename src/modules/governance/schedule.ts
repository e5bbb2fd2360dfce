import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import { systemActor } from '../../server/firm.js';
import { clientInfo } from '../clients/clients.js';
import { addDays, getSettings } from './common.js';
import { lapseAcceptance, recheckAccepted, remindIfDue } from './acceptances-in-force.js';

/** No reminder is sent further ahead than this many days. */
const LONGEST_REMINDER = 180;

/** A scope acting for the system in one client (scheduled tasks and event listeners). */
async function systemScope(ctx: AppContext, clientId: string, label: string): Promise<ClientScope | null> {
  const client = await ctx.database.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirst();
  if (!client || client.archived_at) return null;
  return new ClientScope(ctx, clientInfo(client), systemActor(client.firm_id, label), 'advisor');
}

/**
 * The acceptance schedule: lapses every approved acceptance whose expiry has come (its risks
 * reopen) and sends the reminders due before expiry. Everything it needs is read from the
 * database each time, so a restart loses nothing: what fell due while the server was down is
 * done at the next start.
 */
export async function runAcceptanceSchedule(ctx: AppContext): Promise<{ lapsed: number; reminded: number }> {
  const t = toDateString(ctx.clock.now());
  // The one cross-client read of governance: which clients have acceptances near or past expiry.
  const due = await ctx.database.db
    .selectFrom('gov_acceptances')
    .select('client_id')
    .distinct()
    .where('status', '=', 'approved')
    .where('expires_on', '<=', addDays(t, LONGEST_REMINDER))
    .execute();
  let lapsed = 0;
  let reminded = 0;
  for (const { client_id } of due) {
    const scope = await systemScope(ctx, client_id, 'Triad (acceptance expiry)');
    if (!scope) continue;
    const settings = await getSettings(scope.db);
    const rows = await scope.db.selectFrom('gov_acceptances').selectAll().where('status', '=', 'approved').where('expires_on', '<=', addDays(t, LONGEST_REMINDER)).execute();
    for (const row of rows) {
      try {
        if (row.expires_on <= t) {
          await lapseAcceptance(scope, row);
          lapsed += 1;
        } else if (await remindIfDue(scope, row, settings.reminderDays)) {
          reminded += 1;
        }
      } catch (err) {
        ctx.log.error({ err, acceptanceId: row.id }, 'acceptance schedule failed for one acceptance');
      }
    }
  }
  return { lapsed, reminded };
}

/** After the risk register recomputed scenarios: flags accepted ones that changed materially. */
export async function onRiskResultsUpdated(ctx: AppContext, payload: { clientId: string; riskIds: string[] }): Promise<void> {
  const scope = await systemScope(ctx, payload.clientId, 'Triad (accepted risk check)');
  if (scope) await recheckAccepted(scope, payload.riskIds);
}
