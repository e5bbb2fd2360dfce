/**
 * The register's read views: the register's list, one scenario, the overview (curves, heat map,
 * top risks), templates.
 *
 * The list and the overview are read from the register kept per version of the client's data
 * (register-cache.ts) and sent as serialised there, with an ETag, past the response schema's
 * validation: every part is made by the presenters of register.ts, typed by the response schemas,
 * from rows that were validated when written, so validating a thousand scenarios again on every
 * request (several milliseconds) would protect against nothing the types do not; the API tests
 * check these answers against the schemas instead. Only the refresh state is read per request.
 */
import type { ClientScope } from '../../server/context.js';
import { fromJson } from '../../server/db/conventions.js';
import { notFound } from '../../server/errors.js';
import { expectedAnnualLoss, validateModel } from '../../engine/index.js';
import { ratingLevel } from '../../shared/risks/rating.js';
import { TEMPLATE_KEYS, TEMPLATES, templateParams } from '../../shared/risks/templates.js';
import { scenarioInputs } from './model.js';
import { clientProfile } from './profile.js';
import { cachedRegister, keptAnswer, type Answer } from './register-cache.js';
import { registerCursor, registerPage } from './register-list.js';
import { loadCurves, portfolioCurves, presentListItem, presentResult, presentTreatment, statusOf, topRisks, type RegisterBase } from './register.js';
import type { OverviewOut } from './overview-schema.js';
import type { RegisterOut, RegisterQuery, ScenarioDetailOut } from './schema.js';
import { limitProblems } from './schema.js';
import type { TemplatesOut } from './templates-schema.js';
import { loadSettings } from './settings.js';

/** A page of the register's list (RegisterOut), serialised, with its ETag. */
export async function registerAnswer(scope: ClientScope, query: RegisterQuery): Promise<Answer> {
  const after = registerCursor(query);
  const entry = await cachedRegister(scope);
  const status = JSON.stringify(await statusOf(scope, entry.base));
  return keptAnswer(entry, `list\0${JSON.stringify(query)}\0${status}`, () => {
    const page = registerPage(entry, query, after);
    // The entries are kept serialised (UTF-8): the answer is their bytes end to end.
    const parts: Buffer[] = [Buffer.from(`{"currency":${JSON.stringify(entry.base.data.currency)},"status":${status},${entry.summaryJson},"scenarios":[`)];
    entry.addEntries(parts, page.rows);
    parts.push(Buffer.from(`],"nextCursor":${JSON.stringify(page.nextCursor)},"total":${JSON.stringify(page.total)}}`));
    return Buffer.concat(parts);
  });
}

/** The register's summary without its list: the refresh state, the portfolio and the appetite check. */
export async function registerSummary(scope: ClientScope): Promise<Omit<RegisterOut, 'scenarios' | 'nextCursor' | 'total'>> {
  const { base } = await cachedRegister(scope);
  return { currency: base.data.currency, status: await statusOf(scope, base), portfolio: base.portfolio, appetite: base.appetite };
}

export async function getScenario(scope: ClientScope, id: string): Promise<ScenarioDetailOut> {
  const { base } = await cachedRegister(scope);
  const s = base.data.scenarios.find((x) => x.id === id);
  if (!s) throw notFound('Risk scenario');
  const curves = base.present.results.has(id) ? await loadCurves(scope, id) : null;
  const inputs = scenarioInputs(s);
  const own = s.proposed === 1 && s.created_by !== null && s.created_by === scope.actor.userId;
  return {
    ...presentListItem(s, base.present),
    description: s.description,
    statusReason: s.status_reason,
    templateParams: fromJson<Record<string, number> | null>(s.template_params_json, null),
    inputs,
    treatmentList: (base.data.treatments.get(id) ?? []).map((t) => presentTreatment(t, base.data.currency)),
    expectedMean: validateModel({ risks: [{ id: 'x', ...inputs }] }).length === 0 ? expectedAnnualLoss({ id: 'x', ...inputs }) : 0,
    curves,
    currency: base.data.currency,
    permissions: {
      edit: scope.can('risks.edit') || (scope.can('risks.propose') && own),
      approve: scope.can('risks.edit') && s.proposed === 1,
      treat: scope.can('risks.edit'),
    },
  };
}

/** The overview's own parts: the portfolio's curves, the heat map and the top risks. */
function overviewParts(base: RegisterBase): Pick<OverviewOut, 'curves' | 'heatmap' | 'top'> {
  const { settings } = base.data;
  const cells: OverviewOut['heatmap']['cells'] = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 1; impact <= 5; impact++) cells.push({ likelihood, impact, level: ratingLevel(likelihood * impact), scenarios: [] });
  }
  for (const s of base.register.included) {
    const r = presentResult(s, base.present);
    if (!r) continue;
    cells[(r.rating.likelihood - 1) * 5 + (r.rating.impact - 1)]!.scenarios.push({ id: s.id, ref: s.ref, title: s.title, mean: r.current.mean });
  }
  for (const c of cells) c.scenarios.sort((a, b) => b.mean - a.mean);
  const curves = portfolioCurves(base.run);
  return {
    curves: curves ? { inherent: curves.inherent, residual: curves.residual, retained: curves.retained ?? null } : null,
    heatmap: {
      cells,
      bands: { likelihood: settings.likelihoodBands, impact: settings.impactBands, likelihoodIsDefault: settings.likelihoodIsDefault, impactIsDefault: settings.impactIsDefault },
    },
    top: topRisks(base, 10),
  };
}

/** The overview (OverviewOut), serialised, with its ETag. */
export async function overviewAnswer(scope: ClientScope): Promise<Answer> {
  const entry = await cachedRegister(scope);
  const status = JSON.stringify(await statusOf(scope, entry.base));
  return keptAnswer(entry, `overview\0${status}`, () => {
    if (entry.overviewJson === null) {
      const parts = overviewParts(entry.base);
      entry.overviewJson = `"curves":${JSON.stringify(parts.curves)},"heatmap":${JSON.stringify(parts.heatmap)},"top":${JSON.stringify(parts.top)}`;
    }
    return Buffer.from(`{"currency":${JSON.stringify(entry.base.data.currency)},"status":${status},${entry.summaryJson},${entry.overviewJson}}`);
  });
}

/** Every template with the client's parameters (defaults from its profile and estate, then its own overrides). */
export async function getTemplates(scope: ClientScope): Promise<TemplatesOut> {
  const [profile, settings] = await Promise.all([clientProfile(scope), loadSettings(scope)]);
  return {
    profile,
    templates: TEMPLATE_KEYS.map((key) => {
      const t = TEMPLATES[key];
      const standard = t.defaults(profile);
      const params = templateParams(t, profile, settings.templateOverrides[key] ?? {});
      const inputs = t.build(params);
      const problems = [
        ...validateModel({ risks: [{ id: key, ...inputs }] }).map((p) => ({ path: p.path.replace(new RegExp(`^${key}\\.?`), ''), message: p.message })),
        ...limitProblems(inputs, 'inputs'),
      ];
      return {
        key,
        name: t.name,
        threat: t.threat,
        description: t.description,
        ownerSeat: t.ownerSeat,
        params: t.params.map((p) => ({ ...p, value: params[p.key] ?? 0, standard: standard[p.key] ?? 0 })),
        inputs: problems.length === 0 ? inputs : null,
        problems,
        expectedMean: problems.length === 0 ? expectedAnnualLoss({ id: key, ...inputs }) : null,
      };
    }),
  };
}
