import { z } from 'zod';
import type { ZodApp } from '../../../server/module.js';
import { estateOverview } from '../overview.js';
import { createService, deleteService, downtimeCheck, getService, listServices, updateService } from '../services.js';
import { createSystem, deleteSystem, getSystem, lifecycle, listSystems, updateSystem } from '../systems.js';
import { EstateOverview } from '../overview-schema.js';
import { DowntimeCheck, IdParam, LifecycleOut, ServiceInput, ServiceList, ServiceOut, ServicePatch, ServiceQuery, ServiceSaved, SystemDetail, SystemInput, SystemList, SystemPatch, SystemQuery } from '../schema.js';

const tags = ['estate'];
export const Ok = z.object({ ok: z.literal(true) });
const ServiceParams = z.strictObject({ clientId: z.string(), serviceId: IdParam });
const SystemParams = z.strictObject({ clientId: z.string(), systemId: IdParam });

/** Business services, systems and assets, lifecycle, and the client home card. */
export function estateRoutes(app: ZodApp): void {
  app.get('/estate/overview', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'The estate at a glance (client home card): counts, renewals and end of life coming up, where restricted data lives, the access review', response: { 200: EstateOverview } },
  }, async (request) => estateOverview(request.scope));

  app.get('/estate/services', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'A page of business services with their downtime cost, operating hours, RTO, RPO and the systems they depend on', querystring: ServiceQuery, response: { 200: ServiceList } },
  }, async (request) => listServices(request.scope, request.query));

  app.get('/estate/services/downtime', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'Whether the business services\' downtime costs, added up over the hours they run, are plausible for the company\'s size', response: { 200: DowntimeCheck } },
  }, async (request) => downtimeCheck(request.scope));

  app.post('/estate/services', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Add a business service (with a warning when the downtime costs become implausible)', body: ServiceInput, response: { 201: ServiceSaved } },
  }, async (request, reply) => reply.code(201).send(await createService(request.scope, request.body)));

  app.get('/estate/services/:serviceId', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'One business service', params: ServiceParams, response: { 200: ServiceOut } },
  }, async (request) => getService(request.scope, request.params.serviceId));

  app.patch('/estate/services/:serviceId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Change a business service (systemIds replaces its dependencies; a warning when the downtime costs become implausible)', params: ServiceParams, body: ServicePatch, response: { 200: ServiceSaved } },
  }, async (request) => updateService(request.scope, request.params.serviceId, request.body));

  app.delete('/estate/services/:serviceId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Remove a business service', params: ServiceParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteService(request.scope, request.params.serviceId);
    return { ok: true as const };
  });

  app.get('/estate/systems', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'A page of systems and assets, filtered and sorted', querystring: SystemQuery, response: { 200: SystemList } },
  }, async (request) => listSystems(request.scope, request.query));

  app.post('/estate/systems', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Add a system or asset', body: SystemInput, response: { 201: SystemDetail } },
  }, async (request, reply) => reply.code(201).send(await createSystem(request.scope, request.body)));

  app.get('/estate/systems/:systemId', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'One system with the services and data sets that depend on it', params: SystemParams, response: { 200: SystemDetail } },
  }, async (request) => getSystem(request.scope, request.params.systemId));

  app.patch('/estate/systems/:systemId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Change a system', params: SystemParams, body: SystemPatch, response: { 200: SystemDetail } },
  }, async (request) => updateSystem(request.scope, request.params.systemId, request.body));

  app.delete('/estate/systems/:systemId', {
    config: { permission: 'estate.edit' },
    schema: { tags, summary: 'Remove a system (with its access grants)', params: SystemParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteSystem(request.scope, request.params.systemId);
    return { ok: true as const };
  });

  app.get('/estate/lifecycle', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'What leaves warranty or reaches end of life in the next N days, what is past end of life, and replacement cost by quarter',
      querystring: z.strictObject({
        days: z.coerce.number().int().min(1).max(3650).default(90),
        quarters: z.coerce.number().int().min(1).max(20).default(8),
        limit: z.coerce.number().int().min(0).max(500).default(100),
      }),
      response: { 200: LifecycleOut },
    },
  }, async (request) => lifecycle(request.scope, request.query));
}
