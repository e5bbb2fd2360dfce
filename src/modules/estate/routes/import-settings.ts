import { z } from 'zod';
import type { ZodApp } from '../../../server/module.js';
import { deleteValueMap, importSettings, ImportSettingsOut, setReplacementCost, setValueMap, ValueMapInput } from '../csv/mapping.js';
import { IdParam } from '../schema.js';
import { SYSTEM_TYPES } from '../vocab.js';

const tags = ['import and export'];
const Ok = z.object({ ok: z.literal(true) });

/** The client's import settings: its words for statuses and types, and replacement costs by type. */
export function importSettingsRoutes(app: ZodApp): void {
  app.get('/estate/import-settings', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'The import settings: how the client\'s words for statuses and types are mapped, and the replacement cost by system type',
      response: { 200: ImportSettingsOut },
    },
  }, async (request) => importSettings(request.scope));

  app.put('/estate/import-settings/value-maps', {
    config: { permission: 'estate.import' },
    schema: {
      tags,
      summary: 'Map a word of the client\'s files (a status, a type) to one of Triad\'s values',
      description: 'The import\'s report lists the words it does not know (unknownValues), with their choices; map each once and import again.',
      body: ValueMapInput,
      response: { 200: Ok },
    },
  }, async (request) => {
    await setValueMap(request.scope, request.body);
    return { ok: true as const };
  });

  app.delete('/estate/import-settings/value-maps/:mapId', {
    config: { permission: 'estate.import' },
    schema: { tags, summary: 'Remove a mapping of the client\'s words', params: z.strictObject({ clientId: z.string(), mapId: IdParam }), response: { 200: Ok } },
  }, async (request) => {
    await deleteValueMap(request.scope, request.params.mapId);
    return { ok: true as const };
  });

  app.put('/estate/import-settings/replacement-costs/:type', {
    config: { permission: 'estate.import' },
    schema: {
      tags,
      summary: 'Set the replacement cost imported systems of a type get when their row gives neither a replacement nor a purchase cost (null removes it)',
      params: z.strictObject({ clientId: z.string(), type: z.enum(SYSTEM_TYPES) }),
      body: z.strictObject({ amount: z.number().min(0).max(1e12).nullable() }),
      response: { 200: Ok },
    },
  }, async (request) => {
    await setReplacementCost(request.scope, request.params.type, request.body.amount);
    return { ok: true as const };
  });
}
