/**
 * What happens to a risk acceptance in force without anyone acting on it: it lapses on its
 * expiry (its scenarios reopen), reminders go out as the expiry nears, and a material rise in
 * its scenarios' expected loss flags it for re-approval.
 */
import type { ClientScope } from '../../server/context.js';
import { fromJson, toFlag, toJson, toTimestamp } from '../../server/db/conventions.js';
import { formatMoney } from '../../shared/money.js';
import { notify } from '../notifications/api.js';
import { daysBetween, getSettings, today } from './common.js';
import { appetiteOf, riskSnapshots } from './risk-bridge.js';
import { authorityFor } from './authority.js';
import { getDelegation } from './delegation.js';
import { holderOf, seatStates } from './seats.js';
import type { GovAcceptanceRisksTable, GovAcceptancesTable } from './tables.js';
import { auditView, getRow } from './acceptances.js';
import { approvers, reopenRisks } from './acceptance-approval.js';

function money(scope: ClientScope, amount: number | null): string {
  return amount === null ? 'not simulated' : formatMoney(amount, scope.client.currency);
}

/**
 * Lapses an approved acceptance on its expiry: the acceptance becomes expired and its
 * scenarios reopen. Called by the scheduled task with a system scope.
 */
export async function lapseAcceptance(scope: ClientScope, row: GovAcceptancesTable): Promise<void> {
  const riskRows = await scope.db.selectFrom('gov_acceptance_risks').selectAll().where('acceptance_id', '=', row.id).execute();
  const snaps = await riskSnapshots(scope, riskRows.map((r) => r.risk_id));
  const states = await seatStates(scope);
  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    const res = await w.db
      .updateTable('gov_acceptances')
      .set({ status: 'expired', closed_at: now, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return;
    const reopened = await reopenRisks(w, row, riskRows, snaps, `The acceptance "${row.title}" expired on ${row.expires_on}.`);
    await w.audit({
      action: 'acceptance.expire',
      entityType: 'acceptance',
      entityId: row.id,
      before: auditView(row),
      after: { ...auditView({ ...row, status: 'expired' }), reopenedRiskIds: reopened },
    });
    await notify(w, {
      to: { userIds: [row.requested_by_user_id, row.approved_by_user_id, holderOf(states, 'CISO')?.userId], roles: ['executive'] },
      kind: 'acceptance.expired',
      title: `Acceptance expired, risk reopened: ${row.title}`,
      body: `The acceptance approved by ${row.approved_by_name ?? 'unknown'} expired on ${row.expires_on}. ${
        reopened.length > 0 ? 'Its risk is open again: treat it, accept it anew, or close it.' : 'Its scenarios were not reopened: they are held by another acceptance or their status changed.'
      }`,
      path: `governance/acceptances/${row.id}`,
      subject: { type: 'acceptance', id: row.id },
    });
  });
}

/**
 * Sends the reminder due for an acceptance approaching expiry, once per threshold (30 and 7
 * days by default). When several thresholds have passed at once, one reminder goes out.
 */
export async function remindIfDue(scope: ClientScope, row: GovAcceptancesTable, reminderDays: number[]): Promise<boolean> {
  const daysLeft = daysBetween(today(scope), row.expires_on);
  const sent = fromJson<number[]>(row.reminders_sent_json, []);
  const due = reminderDays.filter((d) => daysLeft <= d && !sent.includes(d));
  if (due.length === 0 || daysLeft <= 0) return false;
  const nearest = Math.min(...due);
  const nowSent = [...new Set([...sent, ...due])].sort((a, b) => b - a);
  const states = await seatStates(scope);
  await scope.write(async (w) => {
    const res = await w.db
      .updateTable('gov_acceptances')
      .set({ reminders_sent_json: toJson(nowSent) ?? '[]', updated_at: toTimestamp(scope.now()) })
      .where('id', '=', row.id)
      .where('reminders_sent_json', '=', row.reminders_sent_json)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return;
    await w.audit({ action: 'acceptance.remind', entityType: 'acceptance', entityId: row.id, before: { remindersSent: sent }, after: { remindersSent: nowSent, daysLeft } });
    await notify(w, {
      to: { userIds: [row.requested_by_user_id, row.approved_by_user_id, holderOf(states, 'CISO')?.userId] },
      kind: 'acceptance.expiring',
      title: `Risk acceptance expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}: ${row.title}`,
      body: `The acceptance expires on ${row.expires_on}; the risk then reopens. Renew it (a new request), treat the risk, or let it lapse.`,
      path: `governance/acceptances/${row.id}`,
      subject: { type: 'acceptance', id: row.id },
      dedupeKey: `acceptance:${row.id}:reminder:${nearest}`,
    });
  });
  return true;
}

/**
 * After the register recomputed these scenarios: an acceptance in force whose scenario's mean
 * annual loss rose by more than the client's material share since it was frozen is flagged
 * for re-approval, and the people who can re-approve it are told.
 */
export async function recheckAccepted(scope: ClientScope, riskIds: readonly string[]): Promise<string[]> {
  if (riskIds.length === 0) return [];
  const links = await scope.db
    .selectFrom('gov_acceptance_risks')
    .innerJoin('gov_acceptances', (j) => j.onRef('gov_acceptances.client_id', '=', 'gov_acceptance_risks.client_id').onRef('gov_acceptances.id', '=', 'gov_acceptance_risks.acceptance_id'))
    .selectAll('gov_acceptance_risks')
    .where('gov_acceptance_risks.risk_id', 'in', [...riskIds])
    .where('gov_acceptances.status', '=', 'approved')
    .where('gov_acceptances.reapproval_required_at', 'is', null)
    .execute();
  if (links.length === 0) return [];
  const settings = await getSettings(scope.db);
  const snaps = await riskSnapshots(scope, links.map((l) => l.risk_id));
  const share = settings.materialChangePercent / 100;
  const changed = new Map<string, { link: GovAcceptanceRisksTable; mean: number }[]>();
  const baselines: { link: GovAcceptanceRisksTable; mean: number; p90: number | null }[] = [];
  for (const link of links) {
    const snap = snaps.get(link.risk_id);
    if (!snap || snap.mean === null) continue;
    if (link.frozen_mean === null) {
      // Accepted before its first simulation: the first result becomes the baseline.
      baselines.push({ link, mean: snap.mean, p90: snap.p90 });
      continue;
    }
    const material = link.frozen_mean <= 0 ? snap.mean > 0 : snap.mean > link.frozen_mean * (1 + share);
    if (material) changed.set(link.acceptance_id, [...(changed.get(link.acceptance_id) ?? []), { link, mean: snap.mean }]);
  }
  if (baselines.length > 0) {
    await scope.write(async (w) => {
      for (const b of baselines) {
        await w.db.updateTable('gov_acceptance_risks').set({ frozen_mean: b.mean, frozen_p90: b.p90 }).where('id', '=', b.link.id).execute();
        await w.audit({
          action: 'acceptance.baseline',
          entityType: 'acceptance',
          entityId: b.link.acceptance_id,
          before: { riskId: b.link.risk_id, frozenMean: null },
          after: { riskId: b.link.risk_id, frozenMean: b.mean, frozenP90: b.p90, note: 'first result computed after the acceptance' },
        });
      }
    });
  }
  if (changed.size === 0) return [];
  const delegation = await getDelegation(scope);
  const flagged: string[] = [];
  for (const [acceptanceId, items] of changed) {
    const row = await getRow(scope, acceptanceId);
    const reason = items
      .map(({ link, mean }) => {
        const pct = link.frozen_mean ? ` (+${Math.round(((mean - link.frozen_mean) / link.frozen_mean) * 100)} %)` : '';
        return `${link.risk_title}: expected annual loss rose from ${money(scope, link.frozen_mean)} to ${money(scope, mean)}${pct}`;
      })
      .join('; ');
    const fullReason = `${reason}, more than the ${settings.materialChangePercent} % that needs re-approval.`;
    const now = toTimestamp(scope.now());
    const appetite = await appetiteOf(scope, (await scope.db.selectFrom('gov_acceptance_risks').select('risk_id').where('acceptance_id', '=', acceptanceId).execute()).map((r) => r.risk_id));
    await scope.write(async (w) => {
      await w.db
        .updateTable('gov_acceptances')
        .set({
          reapproval_required_at: now,
          reapproval_reason: fullReason,
          appetite_defined: toFlag(appetite.appetiteDefined),
          above_appetite: toFlag(appetite.aboveAppetite),
          appetite_explanation: appetite.explanation,
          appetite_settled: toFlag(appetite.settled),
          updated_at: now,
        })
        .where('id', '=', acceptanceId)
        .execute();
      for (const { link, mean } of items) {
        await w.db.updateTable('gov_acceptance_risks').set({ latest_mean: mean, latest_at: now }).where('id', '=', link.id).execute();
      }
      await w.audit({
        action: 'acceptance.reapproval-required',
        entityType: 'acceptance',
        entityId: acceptanceId,
        before: { reapprovalRequiredAt: null },
        after: { reapprovalRequiredAt: now, reason: fullReason, appetite },
      });
      const who = approvers(delegation, authorityFor(appetite, delegation, scope.client).authority);
      await notify(w, {
        to: { roles: who.roles, userIds: [...who.userIds, row.requested_by_user_id, row.approved_by_user_id] },
        kind: 'acceptance.reapproval',
        title: `Accepted risk changed; re-approval needed: ${row.title}`,
        body: fullReason,
        path: `governance/acceptances/${acceptanceId}`,
        subject: { type: 'acceptance', id: acceptanceId },
      });
    });
    flagged.push(acceptanceId);
  }
  return flagged;
}
