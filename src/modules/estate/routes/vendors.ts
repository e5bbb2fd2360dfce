import { z } from 'zod';
import type { ZodApp } from '../../../server/module.js';
import { addDays, today } from '../common.js';
import { clientConcentration } from '../concentration.js';
import { createContract, deleteContract, listContracts, renewalsBetween, updateContract } from '../contracts.js';
import { addAssessment, addSubcontractor, createVendor, deleteAssessment, deleteVendor, getVendor, listVendors, removeSubcontractor, updateVendor } from '../vendors.js';
import { Ok } from './estate.js';
import { DateString, IdParam } from '../schema.js';
import { AssessmentInput, AssessmentOut, ConcentrationEntry, ContractInput, ContractList, ContractOut, ContractPatch, ContractQuery, RenewalOut, SubcontractorInput, VendorDetail, VendorInput, VendorList, VendorPatch, VendorQuery } from '../vendors-schema.js';

const tags = ['vendors'];
const VendorParams = z.strictObject({ clientId: z.string(), vendorId: IdParam });
const ContractParams = z.strictObject({ clientId: z.string(), contractId: IdParam });

/** Vendors and their fourth parties, contracts, assessments, renewals and concentration. */
export function vendorRoutes(app: ZodApp): void {
  app.get('/estate/vendors', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'A page of vendors and fourth parties with their derived tier, what depends on them, contracts and assessment state', querystring: VendorQuery, response: { 200: VendorList } },
  }, async (request) => listVendors(request.scope, request.query));

  app.post('/estate/vendors', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Add a vendor', body: VendorInput, response: { 201: VendorDetail } },
  }, async (request, reply) => reply.code(201).send(await createVendor(request.scope, request.body)));

  app.get('/estate/vendors/concentration', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'The vendors and fourth parties the most business services and data sets depend on',
      querystring: z.strictObject({ fourthPartiesOnly: z.enum(['true', 'false']).default('false'), limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: z.object({ entries: z.array(ConcentrationEntry) }) },
    },
  }, async (request) => ({ entries: await clientConcentration(request.scope, { fourthPartiesOnly: request.query.fourthPartiesOnly === 'true', limit: request.query.limit }) }));

  app.get('/estate/vendors/:vendorId', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'One vendor: why its tier, contracts, assessments, its fourth-party tree, what depends on it', params: VendorParams, response: { 200: VendorDetail } },
  }, async (request) => getVendor(request.scope, request.params.vendorId));

  app.patch('/estate/vendors/:vendorId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Change a vendor (a tier override needs a reason)', params: VendorParams, body: VendorPatch, response: { 200: VendorDetail } },
  }, async (request) => updateVendor(request.scope, request.params.vendorId, request.body));

  app.delete('/estate/vendors/:vendorId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Remove a vendor with its contracts and assessments (its systems stay, without a vendor)', params: VendorParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteVendor(request.scope, request.params.vendorId);
    return { ok: true as const };
  });

  app.post('/estate/vendors/:vendorId/subcontractors', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Record a subcontractor or sub-processor of the vendor (a fourth party)', params: VendorParams, body: SubcontractorInput, response: { 201: VendorDetail } },
  }, async (request, reply) => reply.code(201).send(await addSubcontractor(request.scope, request.params.vendorId, request.body)));

  app.delete('/estate/vendors/:vendorId/subcontractors/:subVendorId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Remove a subcontractor link', params: VendorParams.extend({ subVendorId: IdParam }), response: { 200: Ok } },
  }, async (request) => {
    await removeSubcontractor(request.scope, request.params.vendorId, request.params.subVendorId);
    return { ok: true as const };
  });

  app.post('/estate/vendors/:vendorId/assessments', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Record an assessment (the next one falls due by the tier\'s cadence)', params: VendorParams, body: AssessmentInput, response: { 201: AssessmentOut } },
  }, async (request, reply) => reply.code(201).send(await addAssessment(request.scope, request.params.vendorId, request.body)));

  app.delete('/estate/vendors/:vendorId/assessments/:assessmentId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Remove an assessment recorded by mistake', params: VendorParams.extend({ assessmentId: IdParam }), response: { 200: Ok } },
  }, async (request) => {
    await deleteAssessment(request.scope, request.params.assessmentId, request.params.vendorId);
    return { ok: true as const };
  });

  app.get('/estate/contracts', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'A page of contracts with their next renewal and notice deadline', querystring: ContractQuery, response: { 200: ContractList } },
  }, async (request) => listContracts(request.scope, request.query));

  app.get('/estate/contracts/renewals', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'Renewals and notice deadlines between two dates (default: the next 90 days)',
      querystring: z.strictObject({ from: DateString.optional(), to: DateString.optional(), days: z.coerce.number().int().min(1).max(3650).default(90) }),
      response: { 200: z.object({ from: z.string(), to: z.string(), renewals: z.array(RenewalOut) }) },
    },
  }, async (request) => {
    const from = request.query.from ?? today(request.scope);
    const to = request.query.to ?? addDays(from, request.query.days);
    return { from, to, renewals: await renewalsBetween(request.scope, { from, to }) };
  });

  app.post('/estate/contracts', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Add a contract with a vendor', body: ContractInput, response: { 201: ContractOut } },
  }, async (request, reply) => reply.code(201).send(await createContract(request.scope, request.body)));

  app.patch('/estate/contracts/:contractId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Change a contract', params: ContractParams, body: ContractPatch, response: { 200: ContractOut } },
  }, async (request) => updateContract(request.scope, request.params.contractId, request.body));

  app.delete('/estate/contracts/:contractId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Remove a contract', params: ContractParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteContract(request.scope, request.params.contractId);
    return { ok: true as const };
  });
}
