/**
 * Delegated approval of risk acceptances. By default only a client executive approves an
 * acceptance; the client may delegate to the advisor holding its CISO seat the approval of
 * acceptances while the portfolio is within appetite, up to an expected annual loss. The
 * delegation is a client setting recorded by an executive (who, since when, up to what amount),
 * audited, and printed in the board pack; it applies only while the delegate holds the CISO seat.
 */
import type { ClientScope } from '../../server/context.js';
import { dateIn, words, type Language } from '../../server/i18n/index.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { invalid } from '../../server/errors.js';
import { formatMoney, fromMinorUnits, toMinorUnits } from '../../shared/money.js';
import { notify } from '../notifications/api.js';
import { actorName, ensureGovernance, peopleById, today } from './common.js';
import { DelegationInput, type DelegationOut } from './schema.js';
import { holderOf, seatStates, type SeatState } from './seats.js';
import type { GovSettingsTable } from './tables.js';

function sentenceOf(scope: ClientScope, d: Omit<DelegationOut, 'sentence'>, language: Language = scope.language): string {
  const say = words(language, 'governance');
  const values = {
    recordedBy: d.recordedBy.name,
    recordedAt: dateIn(language, d.recordedAt),
    client: scope.client.name,
    delegate: d.delegate.name,
    limit: formatMoney(d.limit, scope.client.currency),
    since: dateIn(language, d.since),
  };
  const base = d.note ? say('delegation.sentenceWithNote', { ...values, note: d.note }) : say('delegation.sentence', values);
  return d.holdsCisoSeat ? base : `${base} ${say('delegation.notHolding', values)}`;
}

/** The client's delegation, or null when it has none. */
export async function getDelegation(scope: ClientScope, states?: SeatState[]): Promise<DelegationOut | null> {
  const row = await scope.db.selectFrom('gov_settings').selectAll().executeTakeFirst();
  return presentDelegation(scope, row, states ?? (await seatStates(scope)));
}

export async function presentDelegation(scope: ClientScope, row: GovSettingsTable | undefined, states: SeatState[]): Promise<DelegationOut | null> {
  if (!row?.delegate_user_id || row.delegation_limit === null || !row.delegated_on || !row.delegation_recorded_at) return null;
  const person = (await peopleById(scope, [row.delegate_user_id])).get(row.delegate_user_id);
  const ciso = holderOf(states, 'CISO');
  const d: Omit<DelegationOut, 'sentence'> = {
    delegate: { userId: row.delegate_user_id, name: person?.name ?? 'a former user' },
    holdsCisoSeat: !!ciso && ciso.userId === row.delegate_user_id && ciso.role === 'advisor',
    limit: fromMinorUnits(row.delegation_limit, scope.client.currency),
    since: row.delegated_on,
    note: row.delegation_note,
    recordedBy: { userId: row.delegation_recorded_by_user_id, name: row.delegation_recorded_by_name ?? 'unknown' },
    recordedAt: row.delegation_recorded_at,
  };
  return { ...d, sentence: sentenceOf(scope, d) };
}

const auditView = (d: DelegationOut | null) =>
  d ? { delegateUserId: d.delegate.userId, delegate: d.delegate.name, limit: d.limit, since: d.since, note: d.note, recordedBy: d.recordedBy.name } : null;

/**
 * Records the client's delegation (executives): to the advisor who holds the CISO seat, up to an
 * expected annual loss per acceptance, since a day not after today. Replaces any earlier one.
 */
export async function setDelegation(scope: ClientScope, raw: DelegationInput): Promise<DelegationOut> {
  scope.require('governance.delegate');
  const input = DelegationInput.parse(raw);
  const t = today(scope);
  const since = input.since ?? t;
  if (since > t) throw invalid('A delegation takes effect when it is decided: the date cannot be in the future.', [{ path: 'since', message: `must be on or before ${t}` }]);
  const states = await seatStates(scope);
  const ciso = holderOf(states, 'CISO');
  const person = (await peopleById(scope, [input.delegateUserId])).get(input.delegateUserId);
  if (!person?.role) throw invalid('The delegate must be a member of this client.', [{ path: 'delegateUserId', message: 'not a member of this client' }]);
  if (person.role !== 'advisor') throw invalid(`${person.name} is not an advisor: the approval can be delegated only to the advisor holding the CISO seat.`, [{ path: 'delegateUserId', message: 'not an advisor of this client' }]);
  if (!ciso || ciso.userId !== person.userId) {
    throw invalid(`${person.name} does not hold the CISO seat${ciso ? ` (${ciso.name} does)` : ' (it is vacant)'}: the approval can be delegated only to the advisor holding it.`, [
      { path: 'delegateUserId', message: 'does not hold the CISO seat' },
    ]);
  }
  await ensureGovernance(scope);
  const before = await getDelegation(scope, states);
  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    await w.db
      .updateTable('gov_settings')
      .set({
        delegate_user_id: person.userId,
        delegation_limit: toMinorUnits(input.limit, scope.client.currency),
        delegated_on: since,
        delegation_note: input.note ?? null,
        delegation_recorded_by_user_id: scope.actor.userId,
        delegation_recorded_by_name: actorName(scope),
        delegation_recorded_at: now,
        updated_at: now,
      })
      .execute();
    const row = await w.db.selectFrom('gov_settings').selectAll().executeTakeFirst();
    const after = await presentDelegation(scope, row, states);
    await w.audit({ action: 'governance.delegation.set', entityType: 'governance-settings', entityId: null, before: auditView(before), after: auditView(after) });
    await notify(w, {
      to: { userIds: [person.userId], roles: ['executive'], except: [scope.actor.userId] },
      kind: 'acceptance.delegation',
      title: `Risk acceptances: approval delegated to ${person.name}`,
      // Stored with the notification, so in English (the answer's own sentence is in the reader's language).
      body: after ? sentenceOf(scope, after, 'en') : '',
      path: 'governance/settings',
    });
  });
  return (await getDelegation(scope))!;
}

/** Ends the delegation (executives): every acceptance goes to an executive again. */
export async function revokeDelegation(scope: ClientScope): Promise<void> {
  scope.require('governance.delegate');
  const before = await getDelegation(scope);
  if (!before) return;
  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    await w.db
      .updateTable('gov_settings')
      .set({ delegate_user_id: null, delegation_limit: null, delegated_on: null, delegation_note: null, delegation_recorded_by_user_id: scope.actor.userId, delegation_recorded_by_name: actorName(scope), delegation_recorded_at: now, updated_at: now })
      .execute();
    await w.audit({ action: 'governance.delegation.revoke', entityType: 'governance-settings', entityId: null, before: auditView(before), after: null });
    await notify(w, {
      to: { userIds: [before.delegate.userId], roles: ['executive'], except: [scope.actor.userId] },
      kind: 'acceptance.delegation',
      title: `Risk acceptances: delegation to ${before.delegate.name} ended`,
      body: `${actorName(scope)} ended the delegation. Every risk acceptance now needs an executive's approval.`,
      path: 'governance/settings',
    });
  });
}
