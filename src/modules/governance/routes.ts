import { z } from 'zod';
import type { ZodApp } from '../../server/module.js';
import { PageInfo, pageQuery } from '../../shared/paging.js';
import { approveAcceptance, rejectAcceptance, requestAcceptance, withdrawAcceptance } from './acceptance-approval.js';
import { getAcceptance } from './acceptances.js';
import { boardExport, governanceSummary } from './api.js';
import { governanceChecks } from './checks.js';
import { raiseConcern, respondToConcern } from './concerns.js';
import { createDecision, updateDecision } from './decision-editing.js';
import { decide, recordPosition, withdrawDecision } from './decision-positions.js';
import { getDecision } from './decisions.js';
import {
  AcceptanceInput,
  AcceptanceOut,
  AcceptanceQuery,
  ApproveInput,
  BoardOut,
  CheckOut,
  ConcernInput,
  ConcernOut,
  ConcernQuery,
  ConcernResponseInput,
  DECISION_STATUSES,
  DecideInput,
  DecisionInput,
  DecisionOut,
  DecisionPatch,
  IdParam,
  PositionInput,
  ReasonInput,
  ResponsibilityInput,
  ResponsibilityOut,
  ResponsibilityPatch,
  SEATS,
  SeatInput,
  SeatOut,
  SettingsOut,
  DelegationInput,
  DelegationOut,
  SettingsPatch,
  SummaryOut,
} from './schema.js';
import { addResponsibility, deleteResponsibility, listCharter, listSeats, updateSeat, updateResponsibility } from './seats.js';
import { readSettings, updateSettings } from './settings.js';
import { revokeDelegation, setDelegation } from './delegation.js';
import { pageAcceptances, pageConcerns, pageDecisions } from './lists.js';

const tags = ['governance'];
const Client = { clientId: z.string().max(64) };
const SeatParams = z.strictObject({ ...Client, seat: z.enum(SEATS) });
const ResponsibilityParams = z.strictObject({ ...Client, responsibilityId: IdParam });
const DecisionParams = z.strictObject({ ...Client, decisionId: IdParam });
const PositionParams = z.strictObject({ ...Client, decisionId: IdParam, seat: z.enum(SEATS) });
const ConcernParams = z.strictObject({ ...Client, concernId: IdParam });
const AcceptanceParams = z.strictObject({ ...Client, acceptanceId: IdParam });
const Ok = z.object({ ok: z.literal(true) });

/** Governance routes under /api/clients/:clientId/governance; thin: parse, call the domain, present. */
export function governanceRoutes(app: ZodApp): void {
  // --- Overview ---
  app.get('/governance/summary', {
    config: { permission: 'governance.read' },
    schema: { tags, summary: 'Governance at a glance: checks, seats, what waits for whom (the home page card)', response: { 200: SummaryOut } },
  }, async (request) => governanceSummary(request.scope));

  app.get('/governance/checks', {
    config: { permission: 'governance.read' },
    schema: { tags, summary: 'The governance checks, computed now, most severe first', response: { 200: z.object({ checks: z.array(CheckOut) }) } },
  }, async (request) => ({ checks: await governanceChecks(request.scope) }));

  app.get('/governance/board', {
    config: { permission: 'governance.read' },
    schema: { tags, summary: 'What the board pack takes from governance: checks, decisions for the board, acceptances', response: { 200: BoardOut } },
  }, async (request) => boardExport(request.scope));

  // --- Seats and charter ---
  app.get('/governance/seats', {
    config: { permission: 'governance.read' },
    schema: { tags, summary: 'The CIO, CTO and CISO seats: holder, since, reporting line', response: { 200: z.object({ seats: z.array(SeatOut) }) } },
  }, async (request) => ({ seats: await listSeats(request.scope) }));

  app.put('/governance/seats/:seat', {
    config: { permission: 'governance.edit' },
    schema: { tags, summary: 'Set a seat\'s holder (or vacant), since when, and whom it reports to', params: SeatParams, body: SeatInput, response: { 200: SeatOut } },
  }, async (request) => updateSeat(request.scope, request.params.seat, request.body));

  app.get('/governance/charter', {
    config: { permission: 'governance.read' },
    schema: { tags, summary: 'Each seat\'s responsibilities and which seat covers them', response: { 200: z.object({ responsibilities: z.array(ResponsibilityOut) }) } },
  }, async (request) => ({ responsibilities: await listCharter(request.scope) }));

  app.post('/governance/charter', {
    config: { permission: 'governance.edit' },
    schema: { tags, summary: 'Add a responsibility to a seat\'s charter', body: ResponsibilityInput, response: { 201: ResponsibilityOut } },
  }, async (request, reply) => reply.code(201).send(await addResponsibility(request.scope, request.body)));

  app.patch('/governance/charter/:responsibilityId', {
    config: { permission: 'governance.edit' },
    schema: { tags, summary: 'Change a responsibility: title, description, covering seat (null: uncovered), order', params: ResponsibilityParams, body: ResponsibilityPatch, response: { 200: ResponsibilityOut } },
  }, async (request) => updateResponsibility(request.scope, request.params.responsibilityId, request.body));

  app.delete('/governance/charter/:responsibilityId', {
    config: { permission: 'governance.edit' },
    schema: { tags, summary: 'Remove a responsibility from the charter', params: ResponsibilityParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteResponsibility(request.scope, request.params.responsibilityId);
    return { ok: true as const };
  });

  app.get('/governance/settings', {
    config: { permission: 'governance.read' },
    schema: { tags, summary: 'Governance settings: acceptance expiry default and limit, material change, reminders', response: { 200: SettingsOut } },
  }, async (request) => readSettings(request.scope));

  app.patch('/governance/settings', {
    config: { permission: 'governance.edit' },
    schema: { tags, summary: 'Change the governance settings', body: SettingsPatch, response: { 200: SettingsOut } },
  }, async (request) => updateSettings(request.scope, request.body));

  app.put('/governance/delegation', {
    config: { permission: 'governance.delegate' },
    schema: {
      tags,
      summary: 'Delegate the approval of risk acceptances within appetite, up to an expected annual loss, to the advisor holding the CISO seat (executives)',
      body: DelegationInput,
      response: { 200: DelegationOut },
    },
  }, async (request) => setDelegation(request.scope, request.body));

  app.delete('/governance/delegation', {
    config: { permission: 'governance.delegate' },
    schema: { tags, summary: 'End the delegation: every acceptance needs an executive again (executives)', response: { 200: Ok } },
  }, async (request) => {
    await revokeDelegation(request.scope);
    return { ok: true as const };
  });

  // --- Decisions ---
  app.get('/governance/decisions', {
    config: { permission: 'governance.read' },
    schema: {
      tags,
      summary: 'Decision records, newest first, a page at a time',
      querystring: z.strictObject({ status: z.enum(DECISION_STATUSES).optional(), awaitingExecutive: z.enum(['true', 'false']).optional(), ...pageQuery() }),
      response: { 200: z.object({ decisions: z.array(DecisionOut), ...PageInfo }) },
    },
  }, async (request) => {
    const { status, awaitingExecutive, ...page } = request.query;
    return pageDecisions(request.scope, { status, awaitingExecutive: awaitingExecutive === 'true' }, page);
  });

  app.post('/governance/decisions', {
    config: { permission: 'governance.edit' },
    schema: { tags, summary: 'Open a decision record; the seats concerned are asked for their position', body: DecisionInput, response: { 201: DecisionOut } },
  }, async (request, reply) => reply.code(201).send(await createDecision(request.scope, request.body)));

  app.get('/governance/decisions/:decisionId', {
    config: { permission: 'governance.read' },
    schema: { tags, summary: 'One decision with every seat\'s position and what the caller may do', params: DecisionParams, response: { 200: DecisionOut } },
  }, async (request) => getDecision(request.scope, request.params.decisionId));

  app.patch('/governance/decisions/:decisionId', {
    config: { permission: 'governance.edit' },
    schema: { tags, summary: 'Change an open decision (a decided one: only its revisit date)', params: DecisionParams, body: DecisionPatch, response: { 200: DecisionOut } },
  }, async (request) => updateDecision(request.scope, request.params.decisionId, request.body));

  app.put('/governance/decisions/:decisionId/positions/:seat', {
    config: { permission: 'governance.position' },
    schema: {
      tags,
      summary: 'Record a seat\'s position (its holder; or an advisor on the holder\'s behalf). Disagreement escalates to the executives.',
      params: PositionParams,
      body: PositionInput,
      response: { 200: DecisionOut },
    },
  }, async (request) => recordPosition(request.scope, request.params.decisionId, request.params.seat, request.body));

  app.post('/governance/decisions/:decisionId/decide', {
    config: { permission: 'governance.decide' },
    schema: { tags, summary: 'Decide an open decision (an escalated one: executives only)', params: DecisionParams, body: DecideInput, response: { 200: DecisionOut } },
  }, async (request) => decide(request.scope, request.params.decisionId, request.body));

  app.post('/governance/decisions/:decisionId/withdraw', {
    config: { permission: 'governance.decide' },
    schema: { tags, summary: 'Withdraw an open decision (an escalated one: executives only)', params: DecisionParams, body: ReasonInput, response: { 200: DecisionOut } },
  }, async (request) => withdrawDecision(request.scope, request.params.decisionId, request.body));

  // --- Concerns (no blindsiding) ---
  app.get('/governance/concerns', {
    config: { permission: 'governance.read' },
    schema: {
      tags,
      summary: 'Findings, decisions and report sections that concern a seat\'s area, with the seat\'s response; newest first, a page at a time',
      querystring: ConcernQuery.extend(pageQuery()),
      response: { 200: z.object({ concerns: z.array(ConcernOut), ...PageInfo }) },
    },
  }, async (request) => {
    const { subjectType, subjectId, seat, state, ...page } = request.query;
    return pageConcerns(request.scope, { subjectType, subjectId, seat, state }, page);
  });

  app.post('/governance/concerns', {
    config: { permission: 'governance.concern.raise' },
    schema: { tags, summary: 'Show something to the seat whose area it concerns; the seat is notified and may respond', body: ConcernInput, response: { 201: ConcernOut } },
  }, async (request, reply) => reply.code(201).send(await raiseConcern(request.scope, request.body)));

  app.post('/governance/concerns/:concernId/response', {
    config: { permission: 'governance.concern.respond' },
    schema: { tags, summary: 'The concerned seat\'s holder responds (or acknowledges without comment)', params: ConcernParams, body: ConcernResponseInput, response: { 200: ConcernOut } },
  }, async (request) => respondToConcern(request.scope, request.params.concernId, request.body));

  // --- Risk acceptances ---
  app.get('/governance/acceptances', {
    config: { permission: 'governance.read' },
    schema: {
      tags,
      summary: 'Risk acceptances, newest first, a page at a time',
      querystring: AcceptanceQuery.extend(pageQuery()),
      response: { 200: z.object({ acceptances: z.array(AcceptanceOut), ...PageInfo }) },
    },
  }, async (request) => {
    const { status, ...page } = request.query;
    return pageAcceptances(request.scope, { status }, page);
  });

  app.post('/governance/acceptances', {
    config: { permission: 'governance.acceptance.request' },
    schema: { tags, summary: 'Request that risk scenarios be accepted until a date (at most 12 months)', body: AcceptanceInput, response: { 201: AcceptanceOut } },
  }, async (request, reply) => reply.code(201).send(await requestAcceptance(request.scope, request.body)));

  app.get('/governance/acceptances/:acceptanceId', {
    config: { permission: 'governance.read' },
    schema: { tags, summary: 'One risk acceptance with the risk as it stood when frozen', params: AcceptanceParams, response: { 200: AcceptanceOut } },
  }, async (request) => getAcceptance(request.scope, request.params.acceptanceId));

  app.post('/governance/acceptances/:acceptanceId/approve', {
    config: { permission: 'governance.acceptance.approve' },
    schema: {
      tags,
      summary: 'Approve (or re-approve) an acceptance: not by its requester; above appetite only an executive',
      params: AcceptanceParams,
      body: ApproveInput,
      response: { 200: AcceptanceOut },
    },
  }, async (request) => approveAcceptance(request.scope, request.params.acceptanceId, request.body));

  app.post('/governance/acceptances/:acceptanceId/reject', {
    config: { permission: 'governance.acceptance.approve' },
    schema: { tags, summary: 'Turn an acceptance down (with the authority to approve it)', params: AcceptanceParams, body: ReasonInput, response: { 200: AcceptanceOut } },
  }, async (request) => rejectAcceptance(request.scope, request.params.acceptanceId, request.body));

  app.post('/governance/acceptances/:acceptanceId/withdraw', {
    config: { permission: 'governance.acceptance.request' },
    schema: { tags, summary: 'Withdraw a request not yet approved (its requester or an advisor)', params: AcceptanceParams, body: ReasonInput, response: { 200: AcceptanceOut } },
  }, async (request) => withdrawAcceptance(request.scope, request.params.acceptanceId, request.body));
}
