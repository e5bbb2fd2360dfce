/** HTTP routes of a client's assessments: thin handlers over the domain functions, one schema each. */
import { z } from 'zod';
import type { ZodApp } from '../../../server/module.js';
import { notFound } from '../../../server/errors.js';
import { updateAnswer } from '../answers.js';
import { completeAssessment, createAssessment, deleteAssessment, updateAssessment } from '../assessments.js';
import { firmCatalogues } from '../builtin.js';
import { catalogueTree } from '../catalogues.js';
import { loadAssessment } from '../common.js';
import { riskTargets, setLinks } from '../links.js';
import { createRequest, moveRequest } from '../requests.js';
import {
  AnswerInput,
  AssessmentDetailOut,
  AssessmentInput,
  AssessmentListOut,
  AssessmentPatch,
  AssessmentSummary,
  CatalogueOut,
  CatalogueTreeOut,
  ComparisonOut,
  CompleteInput,
  GapsOut,
  LinksInput,
  MaturityOut,
  OutcomeOut,
  RequestInput,
  RequestOut,
  ReturnInput,
  RiskLinkOut,
  RiskTargetsOut,
} from '../schema.js';
import { assessmentSummary, compareAssessments, getAssessment, getGaps, getMaturity } from '../views.js';

const tags = ['controls'];
const Id = z.string().min(1).max(64);
const AssessmentParams = z.strictObject({ clientId: z.string(), assessmentId: Id });
const OutcomeParams = z.strictObject({ clientId: z.string(), assessmentId: Id, controlId: z.string().min(1).max(200) });
const RequestParams = z.strictObject({ clientId: z.string(), requestId: Id });
const Ok = z.object({ ok: z.literal(true) });

async function outcome(scope: Parameters<typeof getAssessment>[0], assessmentId: string, controlId: string): Promise<OutcomeOut> {
  const found = (await getAssessment(scope, assessmentId)).outcomes.find((o) => o.controlId === controlId);
  if (!found) throw notFound(`Outcome ${controlId} of this assessment`);
  return found;
}

export function assessmentRoutes(app: ZodApp): void {
  app.get('/controls/catalogues', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'The catalogues an assessment can use (the firm\u2019s), with their versions and counts', response: { 200: z.object({ catalogues: z.array(CatalogueOut) }) } },
  }, async (request) => ({ catalogues: await firmCatalogues(request.scope.app, request.scope.client.firm_id) }));

  app.get('/controls/catalogues/:catalogueId/tree', {
    config: { permission: 'controls.read' },
    schema: {
      tags,
      summary: 'A catalogue version\u2019s groups and controls with their outcome counts (to choose what an assessment covers)',
      params: z.strictObject({ clientId: z.string(), catalogueId: Id }),
      querystring: z.strictObject({ versionId: Id.optional() }),
      response: { 200: CatalogueTreeOut },
    },
  }, async (request) => catalogueTree(request.scope.app, request.scope.client.firm_id, request.params.catalogueId, request.query.versionId));

  app.get('/controls/risk-targets', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'The risk scenarios and treatments an outcome can be linked to, with each scenario\u2019s current mean annual loss', response: { 200: RiskTargetsOut } },
  }, async (request) => riskTargets(request.scope));

  app.get('/controls/assessments', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'The client\u2019s assessments with their progress and maturity', response: { 200: AssessmentListOut } },
  }, async (request) => {
    const { listAssessments } = await import('../views.js');
    return listAssessments(request.scope);
  });

  app.post('/controls/assessments', {
    config: { permission: 'controls.manage' },
    schema: {
      tags,
      summary: 'Start an assessment (advisors): a catalogue or part of it (groups, or an OSCAL profile), on a scale; or a copy of the last completed one',
      body: AssessmentInput,
      response: { 201: AssessmentDetailOut },
    },
  }, async (request, reply) => {
    const row = await createAssessment(request.scope, request.body);
    return reply.code(201).send(await getAssessment(request.scope, row.id));
  });

  app.get('/controls/assessments/:assessmentId', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'An assessment: its outcomes with statements, answers, evidence and links to risk, and the requests to contributors', params: AssessmentParams, response: { 200: AssessmentDetailOut } },
  }, async (request) => getAssessment(request.scope, request.params.assessmentId));

  app.patch('/controls/assessments/:assessmentId', {
    config: { permission: 'controls.manage' },
    schema: { tags, summary: 'Rename an assessment in progress or change its due date (advisors)', params: AssessmentParams, body: AssessmentPatch, response: { 200: AssessmentSummary } },
  }, async (request) => {
    await updateAssessment(request.scope, request.params.assessmentId, request.body);
    return assessmentSummary(request.scope, await loadAssessment(request.scope.db, request.params.assessmentId));
  });

  app.delete('/controls/assessments/:assessmentId', {
    config: { permission: 'controls.manage' },
    schema: { tags, summary: 'Delete an assessment still in progress, with its answers and evidence (advisors); a completed one is kept', params: AssessmentParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteAssessment(request.scope, request.params.assessmentId);
    return { ok: true as const };
  });

  app.patch('/controls/assessments/:assessmentId/outcomes/:controlId', {
    config: { permission: 'controls.answer' },
    schema: {
      tags,
      summary: 'Answer an outcome: current and target level, not applicable with a reason, owner seat, notes (advisors; contributors for what they were asked)',
      params: OutcomeParams,
      body: AnswerInput,
      response: { 200: OutcomeOut },
    },
  }, async (request) => {
    const { assessmentId, controlId } = request.params;
    await updateAnswer(request.scope, assessmentId, controlId, request.body);
    return outcome(request.scope, assessmentId, controlId);
  });

  app.put('/controls/assessments/:assessmentId/outcomes/:controlId/links', {
    config: { permission: 'controls.manage' },
    schema: {
      tags,
      summary: 'Link an outcome to risk scenarios (its gap leaves them exposed) and to treatments that implement it (advisors); replaces the links',
      params: OutcomeParams,
      body: LinksInput,
      response: { 200: z.object({ links: z.array(RiskLinkOut) }) },
    },
  }, async (request) => ({ links: await setLinks(request.scope, request.params.assessmentId, request.params.controlId, request.body) }));

  app.post('/controls/assessments/:assessmentId/requests', {
    config: { permission: 'controls.manage' },
    schema: { tags, summary: 'Ask a contributor to answer a function, a category or an outcome (advisors); they are notified', params: AssessmentParams, body: RequestInput, response: { 201: RequestOut } },
  }, async (request, reply) => {
    const r = await createRequest(request.scope, request.params.assessmentId, request.body);
    const detail = await getAssessment(request.scope, request.params.assessmentId);
    return reply.code(201).send(detail.requests.find((x) => x.id === r.id)!);
  });

  const move = (path: string, permission: 'controls.answer' | 'controls.manage', verb: 'submit' | 'accept' | 'withdraw', summary: string): void => {
    app.post(`/controls/requests/:requestId/${path}`, {
      config: { permission },
      schema: { tags, summary, params: RequestParams, response: { 200: Ok } },
    }, async (request) => {
      await moveRequest(request.scope, request.params.requestId, verb);
      return { ok: true as const };
    });
  };
  move('submit', 'controls.answer', 'submit', 'Hand in the answers of a request (the contributor asked); they can no longer change them unless sent back');
  move('accept', 'controls.manage', 'accept', 'Accept the answers handed in (advisors)');
  move('withdraw', 'controls.manage', 'withdraw', 'Withdraw a request (advisors)');
  app.post('/controls/requests/:requestId/return', {
    config: { permission: 'controls.manage' },
    schema: { tags, summary: 'Send handed-in answers back to the contributor with a note (advisors)', params: RequestParams, body: ReturnInput, response: { 200: Ok } },
  }, async (request) => {
    await moveRequest(request.scope, request.params.requestId, 'return', request.body.note);
    return { ok: true as const };
  });

  app.post('/controls/assessments/:assessmentId/complete', {
    config: { permission: 'controls.signoff' },
    schema: {
      tags,
      summary: 'Sign off and complete the assessment (advisors): every outcome answered, no request open; it is then frozen',
      params: AssessmentParams,
      body: CompleteInput,
      response: { 200: AssessmentSummary },
    },
  }, async (request) => {
    await completeAssessment(request.scope, request.params.assessmentId, request.body.note);
    return assessmentSummary(request.scope, await loadAssessment(request.scope.db, request.params.assessmentId));
  });

  app.get('/controls/assessments/:assessmentId/maturity', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'Maturity current against target, overall, by function and by category, with evidence coverage', params: AssessmentParams, response: { 200: MaturityOut } },
  }, async (request) => getMaturity(request.scope, request.params.assessmentId));

  app.get('/controls/assessments/:assessmentId/gaps', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'Gaps (current below target), ranked by the money at stake: the current mean annual loss of the linked scenarios', params: AssessmentParams, response: { 200: GapsOut } },
  }, async (request) => getGaps(request.scope, request.params.assessmentId));

  app.get('/controls/compare', {
    config: { permission: 'controls.read' },
    schema: {
      tags,
      summary: 'Two assessments of the same catalogue and scale side by side: what moved up or down',
      querystring: z.strictObject({ from: Id.describe('The earlier assessment'), to: Id.describe('The later assessment') }),
      response: { 200: ComparisonOut },
    },
  }, async (request) => compareAssessments(request.scope, request.query.from, request.query.to));
}
