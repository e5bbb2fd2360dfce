/** HTTP routes of the roadmap: thin handlers over the domain functions, one schema each. */
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { clearOrder, createInitiative, deleteInitiative, getInitiative, getRoadmap, setOrder, updateInitiative } from './initiatives.js';
import { firmDue } from './portfolio.js';
import { frameworkGaps } from './gaps.js';
import { CandidatesOut, FirmRoadmapOut, FromSourceInput, GapCandidatesOut, GapsQuery, InitiativeInput, InitiativeOut, InitiativePatch, OrderInput, QuarterKey, RoadmapOut } from './schema.js';
import { createFromSource, listCandidates } from './sources.js';

const tags = ['roadmap'];
const Params = z.strictObject({ clientId: z.string(), initiativeId: z.string().max(64) });

export function roadmapRoutes(app: ZodApp): void {
  app.get('/roadmap', {
    config: { permission: 'roadmap.read' },
    schema: {
      tags,
      summary: 'The roadmap: every initiative with its costs, the priorities it serves and the risk it reduces in money (from the risk engine), open ones ranked; the board\u2019s eight quarters',
      response: { 200: RoadmapOut },
    },
  }, async (request) => getRoadmap(request.scope));

  app.get('/roadmap/candidates', {
    config: { permission: 'roadmap.read' },
    schema: { tags, summary: 'Where new initiatives can come from now: security options, systems at end of life or out of warranty, contracts up for renewal, treatments no initiative carries, framework gaps', response: { 200: CandidatesOut } },
  }, async (request) => listCandidates(request.scope));

  app.get('/roadmap/gaps', {
    config: { permission: 'roadmap.read' },
    schema: {
      tags,
      summary: 'The framework gaps of an assessment (default: the one in progress, else the latest signed off) as initiative candidates: what each initiative would carry and cost, and the initiatives that close each gap already',
      querystring: GapsQuery,
      response: { 200: GapCandidatesOut },
    },
  }, async (request) => frameworkGaps(request.scope, { ...(request.query.assessmentId ? { assessmentId: request.query.assessmentId } : {}), language: request.scope.language }));

  app.post('/roadmap/initiatives', {
    config: { permission: 'roadmap.propose' },
    schema: { tags, summary: 'Add an initiative by hand (contributors propose; advisors may set any status)', body: InitiativeInput, response: { 201: InitiativeOut } },
  }, async (request, reply) => reply.code(201).send(await createInitiative(request.scope, request.body)));

  app.post('/roadmap/initiatives/from-source', {
    config: { permission: 'roadmap.propose' },
    schema: {
      tags,
      summary: 'Make an initiative from a source: adopt a security option (advisors; its measures become planned treatments, all in one transaction), replace a system, renew a contract, carry treatments of the register, or close a framework gap (refused while another open initiative closes it)',
      body: FromSourceInput,
      response: { 201: InitiativeOut },
    },
  }, async (request, reply) => reply.code(201).send(await createFromSource(request.scope, request.body)));

  app.get('/roadmap/initiatives/:initiativeId', {
    config: { permission: 'roadmap.read' },
    schema: { tags, summary: 'One initiative', params: Params, response: { 200: InitiativeOut } },
  }, async (request) => getInitiative(request.scope, request.params.initiativeId));

  app.patch('/roadmap/initiatives/:initiativeId', {
    config: { permission: 'roadmap.propose' },
    schema: { tags, summary: 'Change an initiative: move it to another quarter, approve it, link priorities or treatments (contributors while it is proposed; advisors always)', params: Params, body: InitiativePatch, response: { 200: InitiativeOut } },
  }, async (request) => updateInitiative(request.scope, request.params.initiativeId, request.body));

  app.delete('/roadmap/initiatives/:initiativeId', {
    config: { permission: 'roadmap.propose' },
    schema: { tags, summary: 'Remove an initiative (contributors while it is proposed; advisors always); its treatments stay in the register', params: Params, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await deleteInitiative(request.scope, request.params.initiativeId);
    return { ok: true as const };
  });

  app.put('/roadmap/order', {
    config: { permission: 'roadmap.edit' },
    schema: { tags, summary: 'Override the ranking (advisors): the initiatives named come first, in this order', body: OrderInput, response: { 200: RoadmapOut } },
  }, async (request) => setOrder(request.scope, request.body));

  app.delete('/roadmap/order', {
    config: { permission: 'roadmap.edit' },
    schema: { tags, summary: 'Drop the advisor\u2019s order: rank by value again (advisors)', response: { 200: RoadmapOut } },
  }, async (request) => clearOrder(request.scope));
}

/** The firm-wide view: what is due in a quarter across the caller's clients. */
export function roadmapFirmRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/roadmap/due', {
    schema: {
      tags,
      summary: 'Open initiatives due in a quarter (default: this one) across every client the caller may see, in one query',
      querystring: z.strictObject({ quarter: QuarterKey.optional() }),
      response: { 200: FirmRoadmapOut },
    },
  }, async (request) => firmDue(ctx, authOf(request).user, request.query.quarter));
}
