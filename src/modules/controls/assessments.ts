/**
 * Assessments of a client against a catalogue: starting one (the whole catalogue, chosen groups
 * or an OSCAL profile; or as a copy of the last completed one), renaming, deleting one still in
 * progress, and the advisor's sign-off that completes and freezes it.
 */
import type { ClientScope, Writer } from '../../server/context.js';
import { fromFlag, newId, toTimestamp } from '../../server/db/conventions.js';
import { AppError, conflict, invalid, type ErrorDetail } from '../../server/errors.js';
import { findCatalogue } from './catalogues.js';
import { answerProblems, answerState, categoryOf, defaultScale, isAnswered, loadAssessment, requireInProgress, scopeOf, versionNodes, type VersionNodes } from './common.js';
import { profileSelection } from './oscal/profile.js';
import { OscalError } from './oscal/types.js';
import { SCALES, type AssessmentInput, type AssessmentPatch, type ScopeOut } from './schema.js';
import type { CtlAnswersTable, CtlAssessmentsTable, CtlCataloguesTable } from './tables.js';

const BATCH = 200;

/** The outcomes a scope selects in a version, in catalogue order; problems name the input's paths. */
function resolveScope(input: AssessmentInput['scope'], nodes: VersionNodes, path: string): { outcomes: string[]; scope: ScopeOut & { controlIds?: string[] } } {
  const assessable = nodes.list.filter((n) => fromFlag(n.assessable));
  if (!input || input.kind === 'all') return { outcomes: assessable.map((n) => n.node_id), scope: { kind: 'all', ids: [], title: null } };
  if (input.kind === 'groups') {
    const problems: ErrorDetail[] = [];
    input.ids.forEach((id, i) => {
      const n = nodes.byId.get(id);
      if (!n) problems.push({ path: `${path}.ids[${i}]`, message: `this catalogue version has no group or control "${id}"` });
      else if (fromFlag(n.withdrawn)) problems.push({ path: `${path}.ids[${i}]`, message: `"${id}" is withdrawn from this catalogue` });
    });
    if (problems.length > 0) throw invalid(`The chosen groups are not all in this catalogue: ${problems[0]!.path} ${problems[0]!.message}.`, problems);
    const chosen = new Set(input.ids);
    const inScope = (id: string): boolean => {
      for (let cur: string | null = id; cur; cur = nodes.byId.get(cur)?.parent_id ?? null) if (chosen.has(cur)) return true;
      return false;
    };
    return { outcomes: assessable.filter((n) => inScope(n.node_id)).map((n) => n.node_id), scope: { kind: 'groups', ids: [...new Set(input.ids)], title: null } };
  }
  try {
    const sel = profileSelection(input.profile, nodes.list.map((n) => ({ nodeId: n.node_id, kind: n.kind, parentId: n.parent_id, withdrawn: fromFlag(n.withdrawn), assessable: fromFlag(n.assessable) })));
    return { outcomes: sel.controlIds, scope: { kind: 'profile', ids: [], title: sel.title, controlIds: sel.controlIds } };
  } catch (err) {
    if (err instanceof OscalError) throw invalid(`${err.message} Nothing was started.`, err.problems.map((p) => ({ path: `${path}.profile.${p.path}`, message: p.message })));
    throw err;
  }
}

/** The scope of a copy: its original's, read again in the (possibly newer) version. */
function copiedScope(prev: CtlAssessmentsTable, nodes: VersionNodes): { outcomes: string[]; scope: ScopeOut & { controlIds?: string[] } } {
  const s = scopeOf(prev);
  if (s.kind === 'groups') return resolveScope({ kind: 'groups', ids: s.ids.filter((id) => nodes.byId.has(id)) }, nodes, 'copyFrom');
  if (s.kind === 'profile') {
    const ids = (s.controlIds ?? []).filter((id) => nodes.byId.get(id) && fromFlag(nodes.byId.get(id)!.assessable));
    return { outcomes: ids, scope: { ...s, controlIds: ids } };
  }
  return resolveScope(undefined, nodes, 'copyFrom');
}

async function inProgressOf(scope: ClientScope, catalogueId: string): Promise<CtlAssessmentsTable | undefined> {
  return scope.db.selectFrom('ctl_assessments').selectAll().where('catalogue_id', '=', catalogueId).where('status', '=', 'in_progress').executeTakeFirst();
}

/** Starts an assessment. One assessment of a catalogue is in progress at a time. */
export async function createAssessment(scope: ClientScope, input: AssessmentInput): Promise<CtlAssessmentsTable> {
  scope.require('controls.manage');
  let catalogue: CtlCataloguesTable;
  try {
    catalogue = await findCatalogue(scope.app, scope.client.firm_id, input.catalogueId);
  } catch {
    throw invalid('The firm has no such catalogue.', [{ path: 'body.catalogueId', message: 'no catalogue of the firm has this id (see GET /controls/catalogues)' }]);
  }
  const version = await scope.app.database.db
    .selectFrom('ctl_catalogue_versions')
    .selectAll()
    .where('catalogue_id', '=', catalogue.id)
    .where('id', '=', input.versionId ?? catalogue.latest_version_id!)
    .executeTakeFirst();
  if (!version) throw invalid('The catalogue has no such version.', [{ path: 'body.versionId', message: `is not a version of "${catalogue.title}"` }]);

  let prev: CtlAssessmentsTable | null = null;
  if (input.copyFrom) {
    prev = (await scope.db.selectFrom('ctl_assessments').selectAll().where('id', '=', input.copyFrom).executeTakeFirst()) ?? null;
    if (!prev) throw invalid('There is no such assessment to copy.', [{ path: 'body.copyFrom', message: 'no assessment of this client has this id' }]);
    if (prev.catalogue_id !== catalogue.id) throw invalid('A copy keeps its catalogue.', [{ path: 'body.copyFrom', message: `"${prev.title}" is an assessment against another catalogue than "${catalogue.title}"` }]);
    if (prev.status !== 'completed') throw invalid('Only a completed assessment is copied.', [{ path: 'body.copyFrom', message: `"${prev.title}" is still in progress; complete it first` }]);
    if (input.scope) throw invalid('A copy keeps the outcomes of its original.', [{ path: 'body.scope', message: 'leave it out when copying: the copy assesses what its original did' }]);
    if (input.scale && input.scale !== prev.scale) {
      throw invalid('A copy keeps the scale of its original.', [{ path: 'body.scale', message: `must be ${SCALES[prev.scale].name}, the scale of "${prev.title}": levels on another scale do not mean the same` }]);
    }
  }
  const scale = input.scale ?? prev?.scale ?? defaultScale(catalogue.builtin);
  const def = SCALES[scale];
  if (input.defaultTarget !== undefined && (input.defaultTarget < def.min || input.defaultTarget > def.max)) {
    throw invalid('The default target is off the scale.', [{ path: 'body.defaultTarget', message: `must be a ${def.unit.toLowerCase()} from ${def.min} to ${def.max} (${def.name})` }]);
  }
  const nodes = await versionNodes(scope.app, version.id);
  const { outcomes, scope: chosen } = prev ? copiedScope(prev, nodes) : resolveScope(input.scope, nodes, 'body.scope');
  if (outcomes.length === 0) throw invalid('The assessment would have no outcome to rate.', [{ path: prev ? 'body.copyFrom' : 'body.scope', message: 'selects no outcome of this catalogue version' }]);
  const open = await inProgressOf(scope, catalogue.id);
  if (open) throw conflict(`"${open.title}" is already in progress against ${catalogue.title}; complete or delete it before starting another.`);

  return scope.write(async (w) => {
    const now = toTimestamp(w.now());
    const row: Omit<CtlAssessmentsTable, 'client_id'> = {
      id: newId(),
      title: input.title,
      catalogue_id: catalogue.id,
      version_id: version.id,
      scale,
      scope_json: JSON.stringify(chosen),
      status: 'in_progress',
      copied_from_id: prev?.id ?? null,
      due_on: input.dueOn ?? null,
      outcome_count: outcomes.length,
      created_by_user_id: scope.actor.userId,
      created_by: scope.actor.label,
      created_at: now,
      updated_at: now,
      completed_at: null,
      completed_by_user_id: null,
      completed_by: null,
      sign_off_note: null,
    };
    await w.db.insertInto('ctl_assessments', row).execute();
    const previous = prev ? new Map((await w.db.selectFrom('ctl_answers').selectAll().where('assessment_id', '=', prev.id).execute()).map((a) => [a.control_id, a])) : new Map<string, CtlAnswersTable>();
    const answers: Omit<CtlAnswersTable, 'client_id'>[] = outcomes.map((id) => {
      const n = nodes.byId.get(id)!;
      const p = previous.get(id);
      const target = p?.target_level ?? (p && fromFlag(p.not_applicable) ? null : (input.defaultTarget ?? null));
      return {
        id: newId(),
        assessment_id: row.id,
        control_id: id,
        position: n.position,
        top_id: n.top_id,
        category_id: categoryOf(nodes, n),
        current_level: p?.current_level ?? null,
        target_level: target,
        not_applicable: p?.not_applicable ?? 0,
        na_reason: p?.na_reason ?? null,
        owner_seat: p?.owner_seat ?? null,
        notes: p?.notes ?? null,
        answered_by_user_id: p?.answered_by_user_id ?? null,
        answered_by: p?.answered_by ?? null,
        answered_at: p?.answered_at ?? null,
        updated_at: now,
      };
    });
    for (let i = 0; i < answers.length; i += BATCH) await w.db.insertInto('ctl_answers', answers.slice(i, i + BATCH)).execute();
    let carried = { evidence: 0, links: 0 };
    if (prev) carried = await carryOver(w, prev.id, row.id, new Map(answers.map((a) => [a.control_id, a.id])), now);
    await w.audit({
      action: 'assessment.create',
      entityType: 'assessment',
      entityId: row.id,
      after: {
        title: row.title,
        catalogue: catalogue.title,
        version: version.version,
        scale,
        scope: { kind: chosen.kind, ids: chosen.ids, title: chosen.title },
        outcomes: outcomes.length,
        copiedFrom: prev ? { id: prev.id, title: prev.title, evidence: carried.evidence, links: carried.links } : null,
        defaultTarget: input.defaultTarget ?? null,
        dueOn: row.due_on,
      },
    });
    return { ...row, client_id: scope.clientId };
  });
}

/** Copies the evidence (the files are shared, not duplicated) and the risk links of the outcomes a copy keeps. */
async function carryOver(w: Writer, fromId: string, toId: string, answerIds: Map<string, string>, now: string): Promise<{ evidence: number; links: number }> {
  const oldAnswers = new Map((await w.db.selectFrom('ctl_answers').select(['id', 'control_id']).where('assessment_id', '=', fromId).execute()).map((a) => [a.id, a.control_id]));
  const evidence = await w.db.selectFrom('ctl_evidence').selectAll().where('assessment_id', '=', fromId).orderBy('added_at').execute();
  const ev = evidence.flatMap((e) => {
    const target = answerIds.get(oldAnswers.get(e.answer_id) ?? '');
    if (!target) return [];
    const { client_id: _c, ...rest } = e;
    return [{ ...rest, id: newId(), assessment_id: toId, answer_id: target, carried_from_id: e.carried_from_id ?? fromId }];
  });
  for (let i = 0; i < ev.length; i += BATCH) await w.db.insertInto('ctl_evidence', ev.slice(i, i + BATCH)).execute();
  const links = await w.db.selectFrom('ctl_risk_links').innerJoin('ctl_answers', (j) => j.onRef('ctl_answers.client_id', '=', 'ctl_risk_links.client_id').onRef('ctl_answers.id', '=', 'ctl_risk_links.answer_id')).selectAll('ctl_risk_links').where('ctl_answers.assessment_id', '=', fromId).execute();
  const ln = links.flatMap((l) => {
    const target = answerIds.get(oldAnswers.get(l.answer_id) ?? '');
    return target ? [{ id: newId(), answer_id: target, kind: l.kind, target_id: l.target_id, label: l.label, created_at: now }] : [];
  });
  for (let i = 0; i < ln.length; i += BATCH) await w.db.insertInto('ctl_risk_links', ln.slice(i, i + BATCH)).execute();
  return { evidence: ev.length, links: ln.length };
}

export async function updateAssessment(scope: ClientScope, id: string, patch: AssessmentPatch): Promise<void> {
  scope.require('controls.manage');
  const row = await loadAssessment(scope.db, id);
  requireInProgress(row);
  const next = { title: patch.title ?? row.title, due_on: patch.dueOn === undefined ? row.due_on : patch.dueOn };
  if (next.title === row.title && next.due_on === row.due_on) return;
  await scope.write(async (w) => {
    await w.db.updateTable('ctl_assessments').set({ ...next, updated_at: toTimestamp(w.now()) }).where('id', '=', id).execute();
    await w.audit({ action: 'assessment.update', entityType: 'assessment', entityId: id, before: { title: row.title, dueOn: row.due_on }, after: { title: next.title, dueOn: next.due_on } });
  });
}

/** Deletes an assessment still in progress, with its answers and evidence (files no other assessment uses go too). */
export async function deleteAssessment(scope: ClientScope, id: string): Promise<void> {
  scope.require('controls.manage');
  const row = await loadAssessment(scope.db, id);
  requireInProgress(row);
  await scope.write(async (w) => {
    const files = (await w.db.selectFrom('ctl_evidence').select('file_id').where('assessment_id', '=', id).where('file_id', 'is not', null).execute()).map((f) => f.file_id!);
    const counts = await w.db.selectFrom('ctl_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('assessment_id', '=', id).executeTakeFirst();
    await w.db.deleteFrom('ctl_requests').where('assessment_id', '=', id).execute();
    await w.db.deleteFrom('ctl_evidence').where('assessment_id', '=', id).execute();
    await w.db.deleteFrom('ctl_risk_links').where('answer_id', 'in', (eb) => eb.selectFrom('ctl_answers').select('id').where('client_id', '=', scope.clientId).where('assessment_id', '=', id)).execute();
    await w.db.deleteFrom('ctl_answers').where('assessment_id', '=', id).execute();
    await w.db.deleteFrom('ctl_assessments').where('id', '=', id).execute();
    const removed = await removeUnusedFiles(w, files);
    await w.audit({ action: 'assessment.delete', entityType: 'assessment', entityId: id, before: { title: row.title, status: row.status, outcomes: Number(counts?.n ?? 0), filesRemoved: removed } });
  });
}

/** Deletes the files no evidence points at any more; returns how many. */
export async function removeUnusedFiles(w: Writer, fileIds: string[]): Promise<number> {
  let removed = 0;
  for (const fileId of new Set(fileIds)) {
    const used = await w.db.selectFrom('ctl_evidence').select('id').where('file_id', '=', fileId).limit(1).executeTakeFirst();
    if (used) continue;
    await w.db.deleteFrom('ctl_evidence_files').where('id', '=', fileId).execute();
    removed += 1;
  }
  return removed;
}

/**
 * The advisor's sign-off: every outcome answered (a current level, or not applicable with a
 * reason), no request to a contributor still open or waiting for review. The assessment is then
 * completed and frozen.
 */
export async function completeAssessment(scope: ClientScope, id: string, note: string | undefined): Promise<void> {
  scope.require('controls.signoff');
  const row = await loadAssessment(scope.db, id);
  requireInProgress(row);
  const answers = await scope.db.selectFrom('ctl_answers').selectAll().where('assessment_id', '=', id).orderBy('position').execute();
  const problems: ErrorDetail[] = [];
  for (const a of answers) {
    const s = answerState(a);
    if (!isAnswered(s)) problems.push({ path: `outcomes.${a.control_id}`, message: 'has no current level and is not marked not applicable' });
    else problems.push(...answerProblems(row.scale, s, (f) => `outcomes.${a.control_id}.${f}`));
  }
  const waiting = await scope.db.selectFrom('ctl_requests').select(['id', 'node_id', 'node_title', 'status']).where('assessment_id', '=', id).where('status', 'in', ['open', 'submitted']).execute();
  for (const r of waiting) {
    problems.push({ path: `requests.${r.id}`, message: r.status === 'open' ? `the request on ${r.node_id} ${r.node_title} is still open: withdraw it or wait for the answers` : `the answers on ${r.node_id} ${r.node_title} wait for your review: accept them or send them back` });
  }
  if (problems.length > 0) {
    const missing = problems.filter((p) => p.message.startsWith('has no current level')).length;
    const parts = [missing > 0 ? `${missing} of ${answers.length} outcomes are not answered yet` : null, waiting.length > 0 ? `${waiting.length} request${waiting.length === 1 ? ' is' : 's are'} not closed` : null].filter(Boolean);
    throw new AppError('CONFLICT', `The assessment cannot be signed off: ${parts.join(' and ') || 'some answers are not valid'}.`, problems);
  }
  await scope.write(async (w) => {
    const now = toTimestamp(w.now());
    await w.db.updateTable('ctl_assessments').set({ status: 'completed', completed_at: now, completed_by_user_id: scope.actor.userId, completed_by: scope.actor.label, sign_off_note: note ?? null, updated_at: now }).where('id', '=', id).where('status', '=', 'in_progress').execute();
    await w.audit({ action: 'assessment.complete', entityType: 'assessment', entityId: id, before: { status: 'in_progress' }, after: { status: 'completed', title: row.title, note: note ?? null, outcomes: answers.length } });
  });
}
