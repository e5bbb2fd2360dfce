/** The register's read views: the register, one scenario, the overview (curves, heat map, top risks), templates. */
import type { ClientScope } from '../../server/context.js';
import { fromJson } from '../../server/db/conventions.js';
import { notFound } from '../../server/errors.js';
import { expectedAnnualLoss, validateModel } from '../../engine/index.js';
import { ratingLevel } from '../../shared/risks/rating.js';
import { TEMPLATE_KEYS, TEMPLATES, templateParams } from '../../shared/risks/templates.js';
import { scenarioInputs } from './model.js';
import { clientProfile } from './profile.js';
import { loadCurves, loadRegisterView, portfolioCurves, presentListItem, presentResult, presentTreatment, topRisks } from './register.js';
import type { OverviewOut, RegisterOut, ScenarioDetailOut, TemplatesOut } from './schema.js';
import { limitProblems } from './schema.js';
import { loadSettings } from './settings.js';

export async function getRegister(scope: ClientScope): Promise<RegisterOut> {
  const view = await loadRegisterView(scope);
  return {
    currency: view.data.currency,
    status: view.status,
    portfolio: view.portfolio,
    appetite: view.appetite,
    scenarios: view.data.scenarios.map((s) => presentListItem(s, view.present)),
  };
}

export async function getScenario(scope: ClientScope, id: string): Promise<ScenarioDetailOut> {
  const view = await loadRegisterView(scope);
  const s = view.data.scenarios.find((x) => x.id === id);
  if (!s) throw notFound('Risk scenario');
  const curves = view.present.results.has(id) ? await loadCurves(scope, id) : null;
  const inputs = scenarioInputs(s);
  const own = s.proposed === 1 && s.created_by !== null && s.created_by === scope.actor.userId;
  return {
    ...presentListItem(s, view.present),
    description: s.description,
    statusReason: s.status_reason,
    templateParams: fromJson<Record<string, number> | null>(s.template_params_json, null),
    inputs,
    treatmentList: (view.data.treatments.get(id) ?? []).map((t) => presentTreatment(t, view.data.currency)),
    expectedMean: validateModel({ risks: [{ id: 'x', ...inputs }] }).length === 0 ? expectedAnnualLoss({ id: 'x', ...inputs }) : 0,
    curves,
    currency: view.data.currency,
    permissions: {
      edit: scope.can('risks.edit') || (scope.can('risks.propose') && own),
      approve: scope.can('risks.edit') && s.proposed === 1,
      treat: scope.can('risks.edit'),
    },
  };
}

export async function getOverview(scope: ClientScope): Promise<OverviewOut> {
  const view = await loadRegisterView(scope);
  const { settings } = view.data;
  const cells: OverviewOut['heatmap']['cells'] = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 1; impact <= 5; impact++) cells.push({ likelihood, impact, level: ratingLevel(likelihood * impact), scenarios: [] });
  }
  for (const s of view.register.included) {
    const r = presentResult(s, view.present);
    if (!r) continue;
    cells[(r.rating.likelihood - 1) * 5 + (r.rating.impact - 1)]!.scenarios.push({ id: s.id, ref: s.ref, title: s.title, mean: r.current.mean });
  }
  for (const c of cells) c.scenarios.sort((a, b) => b.mean - a.mean);
  const curves = portfolioCurves(view.run);
  return {
    currency: view.data.currency,
    status: view.status,
    portfolio: view.portfolio,
    appetite: view.appetite,
    curves: curves ? { inherent: curves.inherent, residual: curves.residual, retained: curves.retained ?? null } : null,
    heatmap: {
      cells,
      bands: { likelihood: settings.likelihoodBands, impact: settings.impactBands, likelihoodIsDefault: settings.likelihoodIsDefault, impactIsDefault: settings.impactIsDefault },
    },
    top: topRisks(view, 10),
  };
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
