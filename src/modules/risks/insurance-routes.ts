/** HTTP routes of the client's insurance policies, under /api/clients/:clientId/risks/insurance. */
import { z } from 'zod';
import type { ZodApp } from '../../server/module.js';
import { createPolicy, deletePolicy, getInsurance, updatePolicy } from './insurance.js';
import { InsuranceOut, PolicyInput, PolicyOut, PolicyPatch } from './insurance-schema.js';

const TAGS = ['risks'];
const PolicyParams = z.strictObject({ clientId: z.string(), policyId: z.string().min(1).max(64) });

export function insuranceRoutes(app: ZodApp): void {
  app.get('/risks/insurance', {
    config: { permission: 'risks.read' },
    schema: { tags: TAGS, summary: 'The client\'s insurance policies, each with its premium against its expected recovery, and the register\'s loss before and after insurance', response: { 200: InsuranceOut } },
  }, async (request) => getInsurance(request.scope));

  app.post('/risks/insurance', {
    config: { permission: 'risks.insurance' },
    schema: { tags: TAGS, summary: 'Add an insurance policy (advisors); the register is recomputed with it', body: PolicyInput, response: { 201: PolicyOut } },
  }, async (request, reply) => reply.code(201).send(await createPolicy(request.scope, request.body)));

  app.patch('/risks/insurance/:policyId', {
    config: { permission: 'risks.insurance' },
    schema: { tags: TAGS, summary: 'Change an insurance policy (advisors); the register is recomputed', params: PolicyParams, body: PolicyPatch, response: { 200: PolicyOut } },
  }, async (request) => updatePolicy(request.scope, request.params.policyId, request.body));

  app.delete('/risks/insurance/:policyId', {
    config: { permission: 'risks.insurance' },
    schema: { tags: TAGS, summary: 'Remove an insurance policy (advisors); the register is recomputed', params: PolicyParams, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await deletePolicy(request.scope, request.params.policyId);
    return { ok: true as const };
  });
}
