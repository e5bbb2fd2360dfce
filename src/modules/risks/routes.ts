/** HTTP routes of the risk register: thin handlers over the domain functions, one schema each. */
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { TEMPLATE_KEYS } from '../../shared/risks/templates.js';
import { checkAgainstAppetite, getRansomwareWorstCase } from './api.js';
import { setWorstCase } from './worst-case.js';
import { insuranceRoutes } from './insurance-routes.js';
import { adoptOption, createOptionSet, deleteOptionSet, listOptionSets, replaceOptionSet } from './options.js';
import { portfolioRisk } from './portfolio.js';
import { linkTargets } from './profile.js';
import { enqueueRecompute } from './recompute.js';
import { OptionSetInput, OptionSetOut } from './options-schema.js';
import { OverviewOut, PortfolioRiskRow } from './overview-schema.js';
import {
  BASES,
  LINK_KINDS,
  RegisterOut,
  RegisterQuery,
  ScenarioDetailOut,
  ScenarioInput,
  ScenarioPatch,
  TreatmentInput,
  TreatmentOut,
  TreatmentPatch,
  WorstCaseOut,
  WorstCaseChoiceInput,
} from './schema.js';
import { AppetiteInput, SettingsInput, SettingsOut } from './settings-schema.js';
import { TemplateParamsInput, TemplatesOut } from './templates-schema.js';
import { ExportQuery, ImportInput, ImportReport } from './transfer-schema.js';
import { approveScenario, createScenario, deleteScenario, updateScenario } from './scenarios.js';
import { loadSettings, presentSettings, setAppetite, setTemplateOverrides, updateSettings } from './settings.js';
import { exportModel, formatModel, importModel, parseModelText } from './transfer.js';
import { assertRegisterWork } from './work.js';
import { createTreatment, deleteTreatment, updateTreatment } from './treatments.js';
import { getScenario, getTemplates, overviewAnswer, registerAnswer } from './views.js';
import { presentTreatment } from './register.js';
import { invalid } from '../../server/errors.js';
import { sendJsonWithEtag } from '../../server/http/etag.js';

const TAGS = ['risks'];
const Id = z.string().min(1).max(64);
const RiskParams = z.strictObject({ clientId: z.string(), riskId: Id });
const TreatmentParams = z.strictObject({ clientId: z.string(), riskId: Id, treatmentId: Id });
const SetParams = z.strictObject({ clientId: z.string(), setId: Id });
const TemplateParams = z.strictObject({ clientId: z.string(), templateKey: z.enum(TEMPLATE_KEYS) });
const Ok = z.object({ ok: z.literal(true) });
/** Conditional reads of the answers sent with an ETag (src/server/http/etag.ts). */
const ConditionalHeaders = z.object({ 'if-none-match': z.string().max(1000).optional().describe('The ETag of the answer you hold: 304 without a body while it is still the answer') });
const NotModified = z.null().describe('Not modified: the answer is still the one whose ETag you sent (no body)');
const ModelFile = z.looseObject({ risks: z.array(z.unknown()) }).describe('The register as a risk model file (docs/risk-model.md); YAML text with format=yaml');

export function riskClientRoutes(app: ZodApp): void {
  insuranceRoutes(app);

  app.get('/risks', {
    config: { permission: 'risks.read' },
    schema: {
      tags: TAGS,
      summary: 'The risk register: its scenarios with their stored results a page at a time (filtered and sorted), with the portfolio, the appetite check and whether a refresh is under way; curves are on each scenario\'s own route',
      querystring: RegisterQuery,
      headers: ConditionalHeaders,
      response: { 200: RegisterOut, 304: NotModified },
    },
  }, async (request, reply) => sendJsonWithEtag(request, reply, await registerAnswer(request.scope, request.query)));

  app.post('/risks', {
    config: { permission: 'risks.propose' },
    schema: {
      tags: TAGS,
      summary: 'Add a scenario from a template or with its FAIR inputs (a contributor\'s is a proposal until an advisor approves it)',
      body: ScenarioInput,
      response: { 201: ScenarioDetailOut },
    },
  }, async (request, reply) => {
    const row = await createScenario(request.scope, request.body);
    return reply.code(201).send(await getScenario(request.scope, row.id));
  });

  app.get('/risks/overview', {
    config: { permission: 'risks.read' },
    schema: {
      tags: TAGS,
      summary: 'Portfolio loss exceedance curves with the tolerance curve, the 5 × 5 heat map and the top risks',
      headers: ConditionalHeaders,
      response: { 200: OverviewOut, 304: NotModified },
    },
  }, async (request, reply) => sendJsonWithEtag(request, reply, await overviewAnswer(request.scope)));

  app.get('/risks/templates', {
    config: { permission: 'risks.read' },
    schema: { tags: TAGS, summary: 'Scenario templates with this client\'s parameters and the FAIR inputs they give', response: { 200: TemplatesOut } },
  }, async (request) => getTemplates(request.scope));

  app.put('/risks/templates/:templateKey', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Set the client\'s own defaults for a template\'s parameters (advisors)', params: TemplateParams, body: TemplateParamsInput, response: { 200: TemplatesOut } },
  }, async (request) => {
    await setTemplateOverrides(request.scope, request.params.templateKey, request.body.params);
    return getTemplates(request.scope);
  });

  app.get('/risks/link-targets', {
    config: { permission: 'risks.read' },
    schema: {
      tags: TAGS,
      summary: 'Estate records a scenario can link to: business services, systems, data sets and vendors',
      response: { 200: z.object({ targets: z.array(z.object({ kind: z.enum(LINK_KINDS), id: z.string(), name: z.string() })) }) },
    },
  }, async (request) => ({ targets: await linkTargets(request.scope) }));

  app.get('/risks/settings', {
    config: { permission: 'risks.read' },
    schema: { tags: TAGS, summary: 'Simulation seed and years, rating bands and the risk appetite', response: { 200: SettingsOut } },
  }, async (request) => presentSettings(await loadSettings(request.scope)));

  app.put('/risks/settings', {
    config: { permission: 'risks.appetite' },
    schema: { tags: TAGS, summary: 'Change the seed, the simulated years or the rating bands (advisors)', body: SettingsInput, response: { 200: SettingsOut } },
  }, async (request) =>
    presentSettings(
      await updateSettings(request.scope, request.body, async (w) => {
        if (request.body.years !== undefined) await assertRegisterWork(w, request.scope, 'body.years');
        await enqueueRecompute(w, request.scope.clientId);
      }),
    ));

  app.put('/risks/appetite', {
    config: { permission: 'risks.appetite' },
    schema: { tags: TAGS, summary: 'Set the loss-tolerance curve and the appetite statement (advisors)', body: AppetiteInput, response: { 200: SettingsOut } },
  }, async (request) => presentSettings(await setAppetite(request.scope, request.body, (w) => enqueueRecompute(w, request.scope.clientId))));

  app.post('/risks/appetite-check', {
    config: { permission: 'risks.read' },
    schema: {
      tags: TAGS,
      summary: 'Whether the client\'s whole portfolio, with the given scenarios accepted as they stand, breaches the risk appetite (the rule risk acceptances are weighed by)',
      body: z.strictObject({ riskIds: z.array(Id).min(1).max(200) }),
      response: {
        200: z.object({
          appetiteDefined: z.boolean(),
          aboveAppetite: z.boolean(),
          settled: z.boolean().describe('The simulated years settle the verdict'),
          explanation: z.string(),
          basis: z.enum(BASES).nullable(),
          points: z.array(z.object({ loss: z.number(), limit: z.number(), probability: z.number(), breached: z.boolean(), stdError: z.number(), confident: z.boolean() })),
          combined: z.object({ mean: z.number(), p90: z.number(), p99: z.number() }).nullable().describe('The portfolio\'s annual loss on the basis'),
          size: z.number().describe('The named scenarios\' current expected annual loss together'),
          scenarioCount: z.number(),
        }),
      },
    },
  }, async (request) => checkAgainstAppetite(request.scope, request.body.riskIds, request.scope.language));

  app.get('/risks/worst-case', {
    config: { permission: 'risks.read' },
    schema: { tags: TAGS, summary: 'The ransomware worst case, priced from the register\'s chosen ransomware scenario: each figure with how it was derived', response: { 200: WorstCaseOut } },
  }, async (request) => getRansomwareWorstCase(request.scope));

  app.put('/risks/worst-case', {
    config: { permission: 'risks.edit' },
    schema: {
      tags: TAGS,
      summary: 'Choose the ransomware scenario the worst case is priced from, and set the client\'s gross margin (advisors); a new margin rebuilds the template-made ransomware scenarios that follow it',
      body: WorstCaseChoiceInput,
      response: { 200: z.object({ worstCase: WorstCaseOut, rebuilt: z.array(z.string()), leftAsEntered: z.array(z.string()) }) },
    },
  }, async (request) => {
    const r = await setWorstCase(request.scope, request.body);
    return { worstCase: await getRansomwareWorstCase(request.scope), ...r };
  });

  app.get('/risks/export', {
    config: { permission: 'risks.read' },
    schema: {
      tags: TAGS,
      summary: 'The register as a risk model file for `triad simulate` (JSON or YAML)',
      querystring: ExportQuery.extend({ download: z.enum(['0', '1']).optional() }),
      response: { 200: ModelFile },
    },
  }, async (request, reply) => {
    const { scope } = request;
    const model = await exportModel(scope);
    const format = request.query.format;
    if (request.query.download === '1') {
      const name = scope.client.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'client';
      void reply.header('content-disposition', `attachment; filename="${name}-risks.${format === 'yaml' ? 'yaml' : 'json'}"`);
    }
    // A non-JSON content type goes out as it is, past the JSON serialiser.
    if (format === 'yaml') return reply.type('application/yaml; charset=utf-8').send((await formatModel(model, 'yaml')) as unknown as z.infer<typeof ModelFile>);
    return model as unknown as z.infer<typeof ModelFile>;
  });

  app.post('/risks/import', {
    config: { permission: 'risks.import' },
    schema: { tags: TAGS, summary: 'Import a risk model file: adds and updates scenarios by id, never deletes (advisors); dryRun reports without writing', body: ImportInput, response: { 200: ImportReport } },
  }, async (request) => {
    const { model, text, dryRun } = request.body;
    if ((model === undefined) === (text === undefined)) throw invalid('Send the model file either parsed (`model`) or as text (`text`).', [{ path: 'body.model', message: 'give model or text' }]);
    const parsed = text !== undefined ? await parseModelText(text) : model;
    return importModel(request.scope, parsed, dryRun, text !== undefined ? 'body.text' : 'body.model');
  });

  app.post('/risks/recompute', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Queue a recompute of the client\'s results now', body: z.strictObject({}), response: { 202: Ok } },
  }, async (request, reply) => {
    const { scope } = request;
    await scope.write(async (w) => {
      await w.audit({ action: 'risk.results.refresh', entityType: 'risk_results', entityId: null });
      await enqueueRecompute(w, scope.clientId);
    });
    return reply.code(202).send({ ok: true as const });
  });

  app.get('/risks/options', {
    config: { permission: 'risks.read' },
    schema: { tags: TAGS, summary: 'Security options: alternative treatment sets compared side by side', response: { 200: z.object({ sets: z.array(OptionSetOut) }) } },
  }, async (request) => ({ sets: await listOptionSets(request.scope) }));

  app.post('/risks/options', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Add a set of two or more security options for one or more scenarios (advisors)', body: OptionSetInput, response: { 201: OptionSetOut } },
  }, async (request, reply) => {
    const id = await createOptionSet(request.scope, request.body);
    return reply.code(201).send((await listOptionSets(request.scope, id))[0]!);
  });

  app.get('/risks/options/:setId', {
    config: { permission: 'risks.read' },
    schema: { tags: TAGS, summary: 'One set of security options with its comparison', params: SetParams, response: { 200: OptionSetOut } },
  }, async (request) => (await listOptionSets(request.scope, request.params.setId))[0]!);

  app.put('/risks/options/:setId', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Replace a set of security options (advisors)', params: SetParams, body: OptionSetInput, response: { 200: OptionSetOut } },
  }, async (request) => {
    await replaceOptionSet(request.scope, request.params.setId, request.body);
    return (await listOptionSets(request.scope, request.params.setId))[0]!;
  });

  app.delete('/risks/options/:setId', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Delete a set of security options (advisors)', params: SetParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteOptionSet(request.scope, request.params.setId);
    return { ok: true as const };
  });

  app.post('/risks/options/:setId/adopt', {
    config: { permission: 'risks.edit' },
    schema: {
      tags: TAGS,
      summary: 'Adopt an option: its measures become planned treatments of the scenarios (advisors)',
      params: SetParams,
      body: z.strictObject({ optionId: Id }),
      response: { 200: z.object({ treatmentsCreated: z.number() }) },
    },
  }, async (request) => ({ treatmentsCreated: await adoptOption(request.scope, request.params.setId, request.body.optionId) }));

  app.get('/risks/:riskId', {
    config: { permission: 'risks.read' },
    schema: { tags: TAGS, summary: 'One scenario: inputs, treatments, result with its curves', params: RiskParams, response: { 200: ScenarioDetailOut } },
  }, async (request) => getScenario(request.scope, request.params.riskId));

  app.patch('/risks/:riskId', {
    config: { permission: 'risks.propose' },
    schema: {
      tags: TAGS,
      summary: 'Change a scenario (advisors; contributors their own proposals). The status cannot be set to accepted here.',
      params: RiskParams,
      body: ScenarioPatch,
      response: { 200: ScenarioDetailOut },
    },
  }, async (request) => {
    await updateScenario(request.scope, request.params.riskId, request.body);
    return getScenario(request.scope, request.params.riskId);
  });

  app.delete('/risks/:riskId', {
    config: { permission: 'risks.propose' },
    schema: { tags: TAGS, summary: 'Delete a scenario (advisors; contributors withdraw their own proposals)', params: RiskParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteScenario(request.scope, request.params.riskId);
    return { ok: true as const };
  });

  app.post('/risks/:riskId/approve', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Approve a contributor\'s proposal into the register (advisors)', params: RiskParams, body: z.strictObject({}), response: { 200: ScenarioDetailOut } },
  }, async (request) => {
    await approveScenario(request.scope, request.params.riskId);
    return getScenario(request.scope, request.params.riskId);
  });

  app.post('/risks/:riskId/treatments', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Add a treatment to a scenario (advisors)', params: RiskParams, body: TreatmentInput, response: { 201: TreatmentOut } },
  }, async (request, reply) => {
    const row = await createTreatment(request.scope, request.params.riskId, request.body);
    return reply.code(201).send(presentTreatment(row, request.scope.client.currency));
  });

  app.patch('/risks/:riskId/treatments/:treatmentId', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Change a treatment (advisors)', params: TreatmentParams, body: TreatmentPatch, response: { 200: TreatmentOut } },
  }, async (request) => presentTreatment(await updateTreatment(request.scope, request.params.riskId, request.params.treatmentId, request.body), request.scope.client.currency));

  app.delete('/risks/:riskId/treatments/:treatmentId', {
    config: { permission: 'risks.edit' },
    schema: { tags: TAGS, summary: 'Remove a treatment (advisors)', params: TreatmentParams, response: { 200: Ok } },
  }, async (request) => {
    await deleteTreatment(request.scope, request.params.riskId, request.params.treatmentId);
    return { ok: true as const };
  });
}

/** Firm-level routes: the portfolio page's risk columns. */
export function riskRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/portfolio/risk', {
    schema: {
      tags: TAGS,
      summary: 'Each client the caller may see: current mean annual loss, P90, P99 and appetite status',
      response: { 200: z.object({ clients: z.array(PortfolioRiskRow) }) },
    },
  }, async (request) => {
    const auth = authOf(request);
    return { clients: await portfolioRisk(ctx, auth.user, auth.actor) };
  });
}
