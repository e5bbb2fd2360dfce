/** HTTP routes of the business context: thin handlers over the domain functions, one schema each. */
import { z } from 'zod';
import type { ZodApp } from '../../server/module.js';
import { createPriority, deletePriority, executives, listPriorities, updatePriority } from './priorities.js';
import { BusinessOut, PriorityInput, PriorityOut, PriorityPatch, ServiceContextOut, ServiceLinkInput, UnitInput, UnitOut, UnitPatch } from './schema.js';
import { listServiceContext, setServiceContext } from './services.js';
import { createUnit, deleteUnit, listUnits, updateUnit } from './units.js';

const tags = ['business'];
const Ok = z.object({ ok: z.literal(true) });
const UnitParams = z.strictObject({ clientId: z.string(), unitId: z.string().max(64) });
const PriorityParams = z.strictObject({ clientId: z.string(), priorityId: z.string().max(64) });
const ServiceParams = z.strictObject({ clientId: z.string(), serviceId: z.string().max(64) });

export function businessRoutes(app: ZodApp): void {
  app.get('/business', {
    config: { permission: 'business.read' },
    schema: { tags, summary: 'The business context: units, weighted priorities with their executive owners, and the services\u2019 links to them', response: { 200: BusinessOut } },
  }, async (request) => {
    const { scope } = request;
    const [units, priorities, services, people] = await Promise.all([listUnits(scope), listPriorities(scope), listServiceContext(scope), executives(scope)]);
    return {
      units,
      priorities,
      services,
      activeWeight: priorities.filter((p) => p.status === 'active').reduce((s, p) => s + p.weight, 0),
      executives: people,
      can: { edit: scope.can('business.edit'), editPriorities: scope.can('business.priorities.manage') },
    };
  });

  app.post('/business/units', {
    config: { permission: 'business.edit' },
    schema: { tags, summary: 'Add a business unit', body: UnitInput, response: { 201: UnitOut } },
  }, async (request, reply) => reply.code(201).send(await createUnit(request.scope, request.body)));

  app.patch('/business/units/:unitId', {
    config: { permission: 'business.edit' },
    schema: { tags, summary: 'Change a business unit (a new name is also written on its services)', params: UnitParams, body: UnitPatch, response: { 200: UnitOut } },
  }, async (request) => updateUnit(request.scope, request.params.unitId, request.body));

  app.delete('/business/units/:unitId', {
    config: { permission: 'business.edit' },
    schema: { tags, summary: 'Remove a business unit (its services and priorities are unlinked from it)', params: UnitParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteUnit(request.scope, request.params.unitId);
    return { ok: true as const };
  });

  app.post('/business/priorities', {
    config: { permission: 'business.priorities' },
    schema: { tags, summary: 'Add a business priority (advisors): weight in percent, owned by an executive', body: PriorityInput, response: { 201: PriorityOut } },
  }, async (request, reply) => reply.code(201).send(await createPriority(request.scope, request.body)));

  app.patch('/business/priorities/:priorityId', {
    config: { permission: 'business.priorities' },
    schema: { tags, summary: 'Change a business priority (advisors, or the executive who owns it)', params: PriorityParams, body: PriorityPatch, response: { 200: PriorityOut } },
  }, async (request) => updatePriority(request.scope, request.params.priorityId, request.body));

  app.delete('/business/priorities/:priorityId', {
    config: { permission: 'business.priorities.manage' },
    schema: { tags, summary: 'Remove a business priority (advisors)', params: PriorityParams, response: { 200: Ok } },
  }, async (request) => {
    await deletePriority(request.scope, request.params.priorityId);
    return { ok: true as const };
  });

  app.put('/business/services/:serviceId', {
    config: { permission: 'business.edit' },
    schema: { tags, summary: 'Set a business service\u2019s unit and the priorities it serves', params: ServiceParams, body: ServiceLinkInput, response: { 200: ServiceContextOut } },
  }, async (request) => setServiceContext(request.scope, request.params.serviceId, request.body));
}
