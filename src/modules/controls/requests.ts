/**
 * Asking a contributor to answer part of an assessment (a function, a category or one
 * outcome): they answer it and hand it in; an advisor accepts it or sends it back with a note.
 * The assessment is signed off only when no request is open or waiting for review.
 */
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { conflict, forbidden, invalid, notFound } from '../../server/errors.js';
import { notify } from '../notifications/api.js';
import { actorName, covers, loadAssessment, requireInProgress, versionNodes } from './common.js';
import type { RequestInput, RequestStatus } from './schema.js';
import type { CtlRequestsTable } from './tables.js';

export async function createRequest(scope: ClientScope, assessmentId: string, input: RequestInput): Promise<CtlRequestsTable> {
  scope.require('controls.manage');
  const row = await loadAssessment(scope.db, assessmentId);
  requireInProgress(row);
  const nodes = await versionNodes(scope.app, row.version_id);
  const node = nodes.byId.get(input.nodeId);
  const outcomes = await scope.db.selectFrom('ctl_answers').select('control_id').where('assessment_id', '=', assessmentId).execute();
  const covered = node ? outcomes.filter((o) => covers(nodes, node.node_id, o.control_id)).length : 0;
  if (!node || covered === 0) throw invalid('Ask about a part of this assessment.', [{ path: 'body.nodeId', message: `"${input.nodeId}" is not a group, category or outcome of this assessment` }]);
  const member = await scope.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'users.email', 'memberships.role', 'users.disabled_at'])
    .where('memberships.user_id', '=', input.assigneeUserId)
    .executeTakeFirst();
  if (!member || member.disabled_at) throw invalid('Ask a member of this client.', [{ path: 'body.assigneeUserId', message: `no active member of ${scope.client.name} has this id` }]);
  if (member.role !== 'contributor') {
    throw invalid('Only contributors are asked to answer.', [{ path: 'body.assigneeUserId', message: `${member.name} is ${member.role === 'advisor' ? 'an advisor, who answers any outcome' : `a member with the ${member.role} role, who cannot answer`}` }]);
  }
  const dup = await scope.db.selectFrom('ctl_requests').select('id').where('assessment_id', '=', assessmentId).where('node_id', '=', node.node_id).where('assignee_user_id', '=', member.id).where('status', 'in', ['open', 'submitted']).executeTakeFirst();
  if (dup) throw conflict(`${member.name} has already been asked about ${node.node_id} ${node.title}.`);
  return scope.write(async (w) => {
    const now = toTimestamp(w.now());
    const r: Omit<CtlRequestsTable, 'client_id'> = {
      id: newId(), assessment_id: assessmentId, node_id: node.node_id, node_title: node.title, assignee_user_id: member.id, asked_by_user_id: scope.actor.userId, asked_by: scope.actor.label,
      due_on: input.dueOn ?? null, note: input.note?.trim() ? input.note.trim() : null, status: 'open', returned_note: null, submitted_at: null, reviewed_at: null, reviewed_by: null, created_at: now, updated_at: now,
    };
    await w.db.insertInto('ctl_requests', r).execute();
    await w.audit({ action: 'assessment.request', entityType: 'assessment', entityId: assessmentId, after: { requestId: r.id, nodeId: r.node_id, nodeTitle: r.node_title, assignee: member.email, outcomes: covered, dueOn: r.due_on, note: r.note } });
    await notify(w, {
      to: { userIds: [member.id], except: [scope.actor.userId] },
      kind: 'assessment.asked',
      title: `Please answer ${node.node_id} ${node.title} in "${row.title}"`,
      body: `${actorName(scope.actor.label)} asks you to rate the ${covered} outcome${covered === 1 ? '' : 's'} of ${node.node_id} ${node.title}${r.due_on ? ` by ${r.due_on}` : ''}, with evidence where you have it, and to hand them in when done.${r.note ? `\n\n${r.note}` : ''}`,
      path: `controls/${assessmentId}`,
      subject: { type: 'assessment', id: assessmentId },
    });
    return { ...r, client_id: scope.clientId };
  });
}

async function loadRequest(scope: ClientScope, requestId: string): Promise<CtlRequestsTable> {
  const r = await scope.db.selectFrom('ctl_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!r) throw notFound('Request');
  return r;
}

type Move = 'submit' | 'accept' | 'return' | 'withdraw';
const FROM: Record<Move, RequestStatus[]> = { submit: ['open'], accept: ['submitted'], return: ['submitted'], withdraw: ['open', 'submitted'] };
const WORDS: Record<RequestStatus, string> = { open: 'still open', submitted: 'handed in and waiting for review', accepted: 'accepted', withdrawn: 'withdrawn' };

/**
 * Moves a request on: the contributor hands it in (submit); an advisor accepts it, sends it back
 * with a note (it is open again) or withdraws it.
 */
export async function moveRequest(scope: ClientScope, requestId: string, move: Move, note?: string): Promise<void> {
  const r = await loadRequest(scope, requestId);
  if (move === 'submit') {
    scope.require('controls.answer');
    if (r.assignee_user_id !== scope.actor.userId) throw forbidden('Only the person asked hands the answers in.');
  } else scope.require('controls.manage');
  const row = await loadAssessment(scope.db, r.assessment_id);
  requireInProgress(row);
  if (!FROM[move].includes(r.status)) throw conflict(`The request on ${r.node_id} ${r.node_title} is ${WORDS[r.status]}; it cannot be ${move === 'submit' ? 'handed in' : move === 'accept' ? 'accepted' : move === 'return' ? 'sent back' : 'withdrawn'} now.`);
  const next: RequestStatus = move === 'submit' ? 'submitted' : move === 'accept' ? 'accepted' : move === 'return' ? 'open' : 'withdrawn';
  await scope.write(async (w) => {
    const now = toTimestamp(w.now());
    const set: Partial<CtlRequestsTable> = { status: next, updated_at: now };
    if (move === 'submit') set.submitted_at = now;
    if (move === 'accept' || move === 'return') Object.assign(set, { reviewed_at: now, reviewed_by: scope.actor.label });
    if (move === 'return') set.returned_note = note ?? null;
    await w.db.updateTable('ctl_requests').set(set).where('id', '=', requestId).execute();
    await w.audit({ action: `assessment.request.${move}`, entityType: 'assessment', entityId: r.assessment_id, before: { requestId, status: r.status }, after: { requestId, nodeId: r.node_id, status: next, note: note ?? null } });
    const who = actorName(scope.actor.label);
    if (move === 'submit') {
      await notify(w, { to: { roles: ['advisor'], except: [scope.actor.userId] }, kind: 'assessment.handed-in', title: `${who} handed in ${r.node_id} ${r.node_title}`, body: `The answers on ${r.node_id} ${r.node_title} in "${row.title}" wait for your review.`, path: `controls/${r.assessment_id}`, subject: { type: 'assessment', id: r.assessment_id } });
    } else if (move === 'return') {
      await notify(w, { to: { userIds: [r.assignee_user_id] }, kind: 'assessment.returned', title: `${r.node_id} ${r.node_title} needs another look`, body: `${who} sent your answers back: ${note ?? ''}`, path: `controls/${r.assessment_id}`, subject: { type: 'assessment', id: r.assessment_id } });
    }
  });
}
