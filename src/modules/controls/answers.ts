/**
 * Answering an outcome: its current and target level on the assessment's scale, not
 * applicable (with a reason), the owner seat and notes. Advisors answer any outcome; a
 * contributor answers only the outcomes of a request made to them that is still open.
 */
import type { ClientScope } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { forbidden, invalid } from '../../server/errors.js';
import { answerProblems, answerState, covers, loadAnswer, loadAssessment, requireInProgress, versionNodes, type AnswerState } from './common.js';
import type { AnswerInput } from './schema.js';
import type { CtlAnswersTable, CtlAssessmentsTable } from './tables.js';

/** The open requests made to the caller in an assessment (contributors). */
export async function openRequestsFor(scope: ClientScope, assessmentId: string): Promise<{ node_id: string }[]> {
  if (!scope.actor.userId) return [];
  return scope.db.selectFrom('ctl_requests').select('node_id').where('assessment_id', '=', assessmentId).where('assignee_user_id', '=', scope.actor.userId).where('status', '=', 'open').execute();
}

/**
 * Whether the caller may change an outcome's answer and evidence now: advisors (controls.manage)
 * always while in progress, contributors when an open request to them covers the outcome.
 */
export async function answerRights(scope: ClientScope, row: CtlAssessmentsTable): Promise<(controlId: string) => boolean> {
  if (row.status !== 'in_progress' || !scope.can('controls.answer')) return () => false;
  if (scope.can('controls.manage')) return () => true;
  const requests = await openRequestsFor(scope, row.id);
  if (requests.length === 0) return () => false;
  const nodes = await versionNodes(scope.app, row.version_id);
  return (controlId) => requests.some((r) => covers(nodes, r.node_id, controlId));
}

/** Refuses a contributor who was not asked for this outcome (or whose answers are handed in). */
export async function requireAnswerRight(scope: ClientScope, row: CtlAssessmentsTable, controlId: string): Promise<void> {
  scope.require('controls.answer');
  requireInProgress(row);
  const may = await answerRights(scope, row);
  if (!may(controlId)) {
    throw forbidden(`You were not asked to answer ${controlId}, or your answers on it are handed in: an advisor answers it, or asks you to.`);
  }
}

const FIELDS: Record<keyof AnswerState, keyof CtlAnswersTable> = {
  current: 'current_level',
  target: 'target_level',
  notApplicable: 'not_applicable',
  naReason: 'na_reason',
  ownerSeat: 'owner_seat',
  notes: 'notes',
};

/** Changes an outcome's answer; a change that changes nothing writes nothing. */
export async function updateAnswer(scope: ClientScope, assessmentId: string, controlId: string, input: AnswerInput): Promise<void> {
  const row = await loadAssessment(scope.db, assessmentId);
  const answer = await loadAnswer(scope.db, assessmentId, controlId);
  await requireAnswerRight(scope, row, controlId);
  const before = answerState(answer);
  const clean = (s: string | null | undefined): string | null | undefined => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s.trim());
  const after: AnswerState = {
    current: input.current === undefined ? before.current : input.current,
    target: input.target === undefined ? before.target : input.target,
    notApplicable: input.notApplicable ?? before.notApplicable,
    naReason: clean(input.naReason) === undefined ? before.naReason : (clean(input.naReason) ?? null),
    ownerSeat: input.ownerSeat === undefined ? before.ownerSeat : input.ownerSeat,
    notes: clean(input.notes) === undefined ? before.notes : (clean(input.notes) ?? null),
  };
  const problems = answerProblems(row.scale, after, (f) => `body.${f}`);
  if (problems.length > 0) throw invalid(`${controlId}: ${problems[0]!.path} ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}.`, problems);
  const changed = (Object.keys(after) as (keyof AnswerState)[]).filter((k) => after[k] !== before[k]);
  if (changed.length === 0) return;
  await scope.write(async (w) => {
    const now = toTimestamp(w.now());
    const set: Record<string, unknown> = { updated_at: now, answered_by_user_id: scope.actor.userId, answered_by: scope.actor.label, answered_at: now };
    for (const k of changed) set[FIELDS[k]] = k === 'notApplicable' ? (after.notApplicable ? 1 : 0) : after[k];
    await w.db.updateTable('ctl_answers').set(set).where('id', '=', answer.id).execute();
    await w.audit({
      action: 'assessment.answer',
      entityType: 'assessment',
      entityId: assessmentId,
      before: { controlId, ...Object.fromEntries(changed.map((k) => [k, before[k]])) },
      after: { controlId, ...Object.fromEntries(changed.map((k) => [k, after[k]])) },
    });
  });
}
