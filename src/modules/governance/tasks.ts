/**
 * What governance asks of the caller: decisions to make, positions to record, concerns to
 * answer and risk acceptances to approve. Built from the same presenters as the pages, so a
 * task appears only when the action it leads to can succeed.
 */
import type { ClientScope } from '../../server/context.js';
import { words } from '../../server/i18n/index.js';
import type { TaskOut } from '../tasks/schema.js';
import { presentAcceptances } from './acceptances.js';
import { today } from './common.js';
import { presentDecisions } from './decisions.js';

export async function governanceTasks(scope: ClientScope): Promise<TaskOut[]> {
  const t = today(scope);
  const me = scope.actor.userId;
  const say = words(scope.language, 'tasks');
  const tasks: TaskOut[] = [];
  const open = await presentDecisions(scope, await scope.db.selectFrom('gov_decisions').selectAll().where('status', '=', 'open').orderBy('created_at').execute());
  for (const d of open) {
    const path = `governance/decisions/${d.id}`;
    const dueOn = d.decideBy;
    if (d.can.decide && (d.awaitingExecutive || scope.role !== 'executive')) {
      tasks.push({
        id: `decision.decide:${d.id}`,
        kind: 'decision.decide',
        title: say('decision.decide.title', { title: d.title }),
        detail: say(d.awaitingExecutive ? 'decision.decide.escalated' : 'decision.decide.ready'),
        path,
        dueOn,
        overdue: d.overdue,
      });
    }
    for (const p of d.positions) {
      if (p.stance === null && p.holder?.userId === me && d.can.recordPositionFor.includes(p.seat)) {
        tasks.push({
          id: `decision.position:${d.id}:${p.seat}`,
          kind: 'decision.position',
          title: say('decision.position.title', { seat: p.seat, title: d.title }),
          detail: say('decision.position.detail'),
          path,
          dueOn,
          overdue: d.overdue,
        });
      }
    }
  }
  if (me !== null) {
    const concerns = await scope.db
      .selectFrom('gov_concerns')
      .selectAll()
      .where('response_status', '=', 'owed')
      .where('holder_user_id', '=', me)
      .where('respond_by', '>=', t)
      .orderBy('respond_by')
      .execute();
    for (const c of concerns) {
      tasks.push({
        id: `concern.respond:${c.id}`,
        kind: 'concern.respond',
        title: say('concern.respond.title', { seat: c.seat, title: c.subject_title }),
        detail: c.summary,
        path: 'governance/concerns',
        dueOn: c.respond_by,
        overdue: false,
      });
    }
  }
  if (scope.can('governance.acceptance.approve')) {
    const rows = await scope.db
      .selectFrom('gov_acceptances')
      .selectAll()
      .where((eb) => eb.or([eb('status', '=', 'requested'), eb.and([eb('status', '=', 'approved'), eb('reapproval_required_at', 'is not', null)])]))
      .orderBy('requested_at')
      .execute();
    for (const a of await presentAcceptances(scope, rows)) {
      if (!a.can.approve) continue;
      tasks.push({
        id: `acceptance.approve:${a.id}`,
        kind: 'acceptance.approve',
        title: say('acceptance.approve.title', { title: a.title }),
        detail: a.reapprovalRequired ? say('acceptance.approve.again', { reason: a.reapprovalReason ?? say('acceptance.approve.riskChanged') }) : say('acceptance.approve.asked', { name: a.requestedBy.name, date: a.expiresOn }),
        path: `governance/acceptances/${a.id}`,
        dueOn: null,
        overdue: false,
      });
    }
  }
  return tasks;
}

/** Open decisions escalated to the executives, for the portfolio's "Needs action". */
export async function openEscalations(scope: ClientScope): Promise<number> {
  const row = await scope.db
    .selectFrom('gov_decisions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'open')
    .where('escalated_at', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
