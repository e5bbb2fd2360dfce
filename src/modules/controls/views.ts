/**
 * Reading assessments: the list with their figures, one assessment with its outcomes (statement,
 * examples, answer, evidence, links) and requests, its maturity, its ranked gaps and the
 * comparison of two assessments.
 */
import type { ClientScope } from '../../server/context.js';
import { fromFlag } from '../../server/db/conventions.js';
import { invalid } from '../../server/errors.js';
import { comparison, maturity, rankGaps, tally, type GapInput, type OutcomeFacts } from './analysis.js';
import { answerRights } from './answers.js';
import { answerState, partsOf, proseOf, scopeOf, versionNodes, loadAssessment, type VersionNodes } from './common.js';
import { presentEvidence } from './evidence.js';
import { presentLink } from './links.js';
import { linkedScenarios, linkedTreatments, riskIndex } from './risk.js';
import { SCALES, type AssessmentDetailOut, type AssessmentListOut, type AssessmentSummary, type ComparisonOut, type GapsOut, type GroupOut, type MaturityOut, type OutcomeOut, type RequestOut } from './schema.js';
import type { CtlAnswersTable, CtlAssessmentsTable, CtlEvidenceTable } from './tables.js';

interface Loaded {
  row: CtlAssessmentsTable;
  nodes: VersionNodes;
  answers: CtlAnswersTable[];
  evidence: CtlEvidenceTable[];
  facts: (OutcomeFacts & { title: string })[];
}

/** An assessment with its answers and evidence. */
export async function loadFull(scope: ClientScope, row: CtlAssessmentsTable): Promise<Loaded> {
  const [nodes, answers, evidence] = await Promise.all([
    versionNodes(scope.app, row.version_id),
    scope.db.selectFrom('ctl_answers').selectAll().where('assessment_id', '=', row.id).orderBy('position').execute(),
    scope.db.selectFrom('ctl_evidence').selectAll().where('assessment_id', '=', row.id).orderBy('added_at').execute(),
  ]);
  const count = new Map<string, number>();
  for (const e of evidence) count.set(e.answer_id, (count.get(e.answer_id) ?? 0) + 1);
  const facts = answers.map((a) => {
    const s = answerState(a);
    return { controlId: a.control_id, title: nodes.byId.get(a.control_id)?.title ?? a.control_id, topId: a.top_id, categoryId: a.category_id, position: a.position, current: s.current, target: s.target, notApplicable: s.notApplicable, ownerSeat: s.ownerSeat, evidence: count.get(a.id) ?? 0 };
  });
  return { row, nodes, answers, evidence, facts };
}

async function catalogueInfo(scope: ClientScope, rows: CtlAssessmentsTable[]) {
  const db = scope.app.database.db;
  const catIds = [...new Set(rows.map((r) => r.catalogue_id))];
  const verIds = [...new Set(rows.map((r) => r.version_id))];
  const cats = catIds.length ? await db.selectFrom('ctl_catalogues').select(['id', 'title', 'builtin']).where('id', 'in', catIds).where('firm_id', '=', scope.client.firm_id).execute() : [];
  const vers = verIds.length ? await db.selectFrom('ctl_catalogue_versions').select(['id', 'version']).where('id', 'in', verIds).where('firm_id', '=', scope.client.firm_id).execute() : [];
  return { cats: new Map(cats.map((c) => [c.id, c])), vers: new Map(vers.map((v) => [v.id, v])) };
}

function summary(l: Pick<Loaded, 'row' | 'facts'>, info: Awaited<ReturnType<typeof catalogueInfo>>, titles: Map<string, string>): AssessmentSummary {
  const { row } = l;
  const t = tally(l.facts);
  const s = scopeOf(row);
  const cat = info.cats.get(row.catalogue_id);
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    catalogue: { id: row.catalogue_id, title: cat?.title ?? '(catalogue)', builtin: cat?.builtin ?? null },
    version: { id: row.version_id, version: info.vers.get(row.version_id)?.version ?? '' },
    scale: row.scale,
    scope: { kind: s.kind, ids: s.ids, title: s.title },
    outcomes: t.outcomes,
    answered: t.answered,
    notApplicable: t.notApplicable,
    evidenced: t.evidenced,
    gaps: t.gaps,
    maturity: { current: t.current, target: t.target },
    copiedFrom: row.copied_from_id ? { id: row.copied_from_id, title: titles.get(row.copied_from_id) ?? '' } : null,
    dueOn: row.due_on,
    createdAt: row.created_at,
    createdBy: row.created_by,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    signOffNote: row.sign_off_note,
  };
}

/** Every assessment of the client, the one in progress first, then the latest completed. */
export async function listAssessments(scope: ClientScope): Promise<AssessmentListOut> {
  scope.require('controls.read');
  const rows = await scope.db.selectFrom('ctl_assessments').selectAll().execute();
  rows.sort((a, b) => (a.status === b.status ? (b.completed_at ?? b.created_at).localeCompare(a.completed_at ?? a.created_at) : a.status === 'in_progress' ? -1 : 1));
  const info = await catalogueInfo(scope, rows);
  const titles = new Map(rows.map((r) => [r.id, r.title]));
  const out: AssessmentSummary[] = [];
  for (const row of rows) out.push(summary(await loadFull(scope, row), info, titles));
  return { assessments: out, can: { manage: scope.can('controls.manage') } };
}

/** One assessment's summary. */
export async function assessmentSummary(scope: ClientScope, row: CtlAssessmentsTable): Promise<AssessmentSummary> {
  const info = await catalogueInfo(scope, [row]);
  const copied = row.copied_from_id ? await scope.db.selectFrom('ctl_assessments').select(['id', 'title']).where('id', '=', row.copied_from_id).executeTakeFirst() : undefined;
  return summary(await loadFull(scope, row), info, new Map(copied ? [[copied.id, copied.title]] : []));
}

export async function listRequests(scope: ClientScope, row: CtlAssessmentsTable, nodes: VersionNodes, answers: CtlAnswersTable[]): Promise<RequestOut[]> {
  const rows = await scope.db
    .selectFrom('ctl_requests')
    .innerJoin('users', 'users.id', 'ctl_requests.assignee_user_id')
    .selectAll('ctl_requests')
    .select(['users.name as assignee_name', 'users.email as assignee_email'])
    .where('ctl_requests.assessment_id', '=', row.id)
    .orderBy('ctl_requests.created_at')
    .execute();
  return rows.map((r) => {
    const mine = answers.filter((a) => {
      for (let id: string | null = a.control_id; id; id = nodes.byId.get(id)?.parent_id ?? null) if (id === r.node_id) return true;
      return false;
    });
    return {
      id: r.id,
      nodeId: r.node_id,
      nodeTitle: r.node_title,
      assignee: { id: r.assignee_user_id, name: r.assignee_name, email: r.assignee_email },
      askedBy: r.asked_by,
      dueOn: r.due_on,
      note: r.note,
      status: r.status,
      returnedNote: r.returned_note,
      outcomes: mine.length,
      answered: mine.filter((a) => fromFlag(a.not_applicable) || a.current_level !== null).length,
      createdAt: r.created_at,
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
      reviewedBy: r.reviewed_by,
    };
  });
}

/** The whole assessment as the web app shows it. */
export async function getAssessment(scope: ClientScope, id: string): Promise<AssessmentDetailOut> {
  scope.require('controls.read');
  const row = await loadAssessment(scope.db, id);
  const l = await loadFull(scope, row);
  const [index, may, head] = await Promise.all([riskIndex(scope), answerRights(scope, row), assessmentSummary(scope, row)]);
  const links = await scope.db.selectFrom('ctl_risk_links').selectAll().where('answer_id', 'in', l.answers.length ? l.answers.map((a) => a.id) : ['']).orderBy('created_at').execute();
  const linksOf = new Map<string, typeof links>();
  for (const k of links) linksOf.set(k.answer_id, [...(linksOf.get(k.answer_id) ?? []), k]);
  const evidenceOf = new Map<string, CtlEvidenceTable[]>();
  for (const e of l.evidence) evidenceOf.set(e.answer_id, [...(evidenceOf.get(e.answer_id) ?? []), e]);
  // The groups and headings above the outcomes, in catalogue order.
  const above = new Set<string>();
  for (const a of l.answers) for (let p = l.nodes.byId.get(a.control_id)?.parent_id ?? null; p; p = l.nodes.byId.get(p)?.parent_id ?? null) above.add(p);
  const groups: GroupOut[] = l.nodes.list.filter((n) => above.has(n.node_id)).map((n) => ({ id: n.node_id, kind: n.kind, parentId: n.parent_id, depth: n.depth, class: n.class, title: n.title, label: n.label, statement: n.statement }));
  const outcomes: OutcomeOut[] = l.answers.map((a) => {
    const n = l.nodes.byId.get(a.control_id);
    const parts = n ? partsOf(n) : [];
    const s = answerState(a);
    return {
      controlId: a.control_id,
      title: n?.title ?? a.control_id,
      label: n?.label ?? null,
      class: n?.class ?? null,
      statement: n?.statement ?? null,
      examples: parts.filter((p) => p.name === 'example').map(proseOf).filter(Boolean),
      guidance: parts.filter((p) => p.name === 'guidance').map(proseOf).join('\n\n') || null,
      functionId: a.top_id,
      categoryId: a.category_id,
      answer: { ...s, answeredBy: a.answered_by, answeredAt: a.answered_at },
      evidence: (evidenceOf.get(a.id) ?? []).map((e) => presentEvidence(scope.clientId, e, a.control_id)),
      links: (linksOf.get(a.id) ?? []).map((k) => presentLink(k, index)),
      canAnswer: may(a.control_id),
    };
  });
  const inProgress = row.status === 'in_progress';
  return {
    assessment: head,
    scale: SCALES[row.scale],
    groups,
    outcomes,
    requests: await listRequests(scope, row, l.nodes, l.answers),
    can: { manage: inProgress && scope.can('controls.manage'), answer: inProgress && outcomes.some((o) => o.canAnswer), signOff: inProgress && scope.can('controls.signoff') },
    evidenceMaxBytes: scope.app.config.evidenceMaxBytes,
  };
}

export async function getMaturity(scope: ClientScope, id: string): Promise<MaturityOut> {
  scope.require('controls.read');
  const row = await loadAssessment(scope.db, id);
  const l = await loadFull(scope, row);
  return maturity(row.id, row.scale, l.facts, l.nodes);
}

/** The gaps of an assessment, largest money at stake first. */
export async function getGaps(scope: ClientScope, id: string): Promise<GapsOut> {
  scope.require('controls.read');
  const row = await loadAssessment(scope.db, id);
  const l = await loadFull(scope, row);
  const index = await riskIndex(scope);
  const links = await scope.db.selectFrom('ctl_risk_links').select(['answer_id', 'kind', 'target_id']).where('answer_id', 'in', l.answers.length ? l.answers.map((a) => a.id) : ['']).orderBy('created_at').orderBy('id').execute();
  const byAnswer = new Map<string, typeof links>();
  for (const k of links) byAnswer.set(k.answer_id, [...(byAnswer.get(k.answer_id) ?? []), k]);
  const items: GapInput[] = l.answers.map((a, i) => ({ ...l.facts[i]!, statement: l.nodes.byId.get(a.control_id)?.statement ?? null, scenarios: linkedScenarios(index, byAnswer.get(a.id) ?? []), treatments: linkedTreatments(index, byAnswer.get(a.id) ?? []) }));
  const gaps = rankGaps(items, l.nodes);
  return { assessmentId: row.id, currency: index.currency, gaps, unlinked: gaps.filter((g) => g.scenarios.length === 0).length };
}

/** Two assessments of the same catalogue and scale side by side: `from` the earlier, `to` the later. */
export async function compareAssessments(scope: ClientScope, fromId: string, toId: string): Promise<ComparisonOut> {
  scope.require('controls.read');
  const [a, b] = [await loadAssessment(scope.db, fromId), await loadAssessment(scope.db, toId)];
  if (a.catalogue_id !== b.catalogue_id) throw invalid('Only assessments of the same catalogue compare.', [{ path: 'querystring.to', message: `"${b.title}" assesses another catalogue than "${a.title}"` }]);
  if (a.scale !== b.scale) throw invalid('Only assessments on the same scale compare.', [{ path: 'querystring.to', message: `"${b.title}" uses ${SCALES[b.scale].name}, "${a.title}" ${SCALES[a.scale].name}: their levels do not mean the same` }]);
  const [la, lb] = [await loadFull(scope, a), await loadFull(scope, b)];
  return { from: await assessmentSummary(scope, a), to: await assessmentSummary(scope, b), scale: a.scale, ...comparison({ facts: la.facts, nodes: la.nodes }, { facts: lb.facts, nodes: lb.nodes }) };
}
