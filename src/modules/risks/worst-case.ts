/**
 * The ransomware worst case, priced from the register's own ransomware scenario: which one
 * (the largest by expected annual loss when the register is first computed; afterwards only an
 * advisor changes it, audited), the client's gross margin, and the one-pager's figures
 * (src/shared/risks/worst-case.ts), each with the line that says how it was derived.
 */
import { distributionMoments, expectedEventsPerYear } from '../../engine/index.js';
import type { ClientScope } from '../../server/context.js';
import { fromJson, toTimestamp } from '../../server/db/conventions.js';
import { invalid } from '../../server/errors.js';
import { formatMoney, fromMinorUnits } from '../../shared/money.js';
import { TEMPLATES } from '../../shared/risks/templates.js';
import { ransomwareWorstCase, sameInputs } from '../../shared/risks/worst-case.js';
import { expectedRecovery, kept, type CoverTerms } from '../../shared/risks/insured.js';
import { getInsurance } from './insurance.js';
import { assertValid, riskProblems } from './checks.js';
import { engineTreatment, inPortfolio, isCounted, registerRisk, scenarioInputs } from './model.js';
import { enqueueRecompute } from './recompute.js';
import { loadRegisterView, presentResult, type RegisterView } from './register.js';
import { auditScenario } from './scenarios.js';
import type { WorstCaseChoiceInput, WorstCaseOut } from './schema.js';
import { ensureSettings, SETTINGS_ID } from './settings.js';
import type { RiskScenariosTable } from './tables.js';

/** Scenarios the worst case may be priced from: ransomware scenarios in the portfolio. */
function candidates(view: RegisterView): RiskScenariosTable[] {
  return view.register.included.filter((s) => s.template === 'ransomware');
}

export async function getRansomwareWorstCase(scope: ClientScope): Promise<WorstCaseOut> {
  const view = await loadRegisterView(scope);
  const { settings, currency } = view.data;
  const money = (x: number): string => formatMoney(x, currency);
  const list = candidates(view).map((s) => ({ id: s.id, ref: s.ref, title: s.title, mean: presentResult(s, view.present)?.current.mean ?? null }));
  const base = { currency, grossMargin: settings.grossMargin, candidates: list, chosenId: settings.worstCaseScenarioId };
  const empty = { scenario: null, low: 0, expected: 0, high: 0, expectedWithMeasures: null, fromParts: false, components: [], lines: [], exceedsRevenue: false, assumptions: [], insurance: null };
  const chosen = settings.worstCaseScenarioId ? view.data.scenarios.find((s) => s.id === settings.worstCaseScenarioId) : undefined;
  if (!settings.worstCaseScenarioId) {
    return {
      ...base,
      ...empty,
      available: false,
      unavailableReason: list.length > 0 ? 'The ransomware scenario is being computed; the worst case is priced from it once it is.' : 'The risk register has no ransomware scenario yet: add one (from the ransomware template) and the worst case is priced from it.',
    };
  }
  if (!chosen || !inPortfolio(chosen)) {
    return {
      ...base,
      ...empty,
      available: false,
      unavailableReason: `The scenario the worst case was priced from ${chosen ? `(${chosen.ref} ${chosen.title}) is ${chosen.status === 'closed' ? 'closed' : 'not in the register'}` : 'was deleted'}: an advisor chooses another on this page.`,
    };
  }
  const result = presentResult(chosen, view.present);
  const risk = registerRisk(view.data, chosen);
  const estimate = ransomwareWorstCase(
    { ref: chosen.ref, title: chosen.title, inputs: scenarioInputs(chosen), params: fromJson<Record<string, number> | null>(chosen.template_params_json, null), treatments: risk.treatments ?? [] },
    { name: scope.client.name, currency, annualRevenue: fromMinorUnits(scope.client.annual_revenue, currency) },
  );
  const events = expectedEventsPerYear(risk);
  const lines: WorstCaseOut['lines'] = [...estimate.lines];
  const insurance = await keptAfterInsurance(scope, view, chosen, estimate);
  if (insurance) lines.push({ key: 'insurance', text: insurance.line });
  if (result) {
    const every = events > 0 && events < 1 ? ` (one every ${Math.round(1 / events)} years)` : '';
    lines.push({
      key: 'year',
      text: `A year, ${money(result.current.mean)}: the average of the register's ${settings.years.toLocaleString('en-US')} simulated years of ${chosen.ref}${result.residual ? `, with the measures in place and planned (${money(result.inherent.mean)} before them)` : ''}. About ${events.toFixed(events < 0.1 ? 3 : 2)} attacks succeed a year${every}; at ${money(estimate.expected)} each that is ${money(events * estimate.expected)} a year in the long run before the measures, which the simulated average nears as more years are simulated.`,
    });
  }
  return {
    ...base,
    ...estimate,
    lines,
    insurance: insurance ? { policies: insurance.policies, low: insurance.low, expected: insurance.expected, high: insurance.high } : null,
    available: true,
    unavailableReason: null,
    scenario: {
      id: chosen.id,
      ref: chosen.ref,
      title: chosen.title,
      mean: result?.current.mean ?? null,
      inherentMean: result?.inherent.mean ?? null,
      p95: result?.current.p95 ?? null,
      p99: result?.current.p99 ?? null,
      withProposedMean: result?.withProposed?.mean ?? null,
      attacksPerYear: events,
      stale: result ? result.stale : true,
    },
  };
}

/**
 * What the company keeps of one attack after the policies that cover the scenario: at the low
 * and high ends exactly, and on average (the expected recovery over the attack's loss
 * distribution); with a line that says so, beside the policies' premiums and expected recoveries.
 */
async function keptAfterInsurance(scope: ClientScope, view: RegisterView, chosen: RiskScenariosTable, e: ReturnType<typeof ransomwareWorstCase>) {
  const covering = view.data.policies.filter((p) => p.covers_all === 1 || (view.data.policyScenarios.get(p.id) ?? []).includes(chosen.id));
  if (covering.length === 0) return null;
  const cur = view.data.currency;
  const money = (x: number): string => formatMoney(x, cur);
  const terms: CoverTerms[] = covering.map((p) => ({
    ref: p.ref,
    name: p.name,
    deductible: fromMinorUnits(p.deductible, cur),
    limit: fromMinorUnits(p.event_limit, cur),
    aggregateLimit: p.aggregate_limit === null ? null : fromMinorUnits(p.aggregate_limit, cur),
  }));
  const inputs = scenarioInputs(chosen);
  const slef = inputs.secondaryLossEventFrequency ? distributionMoments(inputs.secondaryLossEventFrequency, 'probability').mean : 0;
  const recovered = expectedRecovery(terms, inputs.primaryLoss, inputs.secondaryLoss ?? null, slef);
  const out = { policies: terms, low: kept(terms, e.low), expected: recovered === null ? null : e.expected - recovered, high: kept(terms, e.high) };
  const figures = (await getInsurance(scope)).policies.filter((p) => covering.some((c) => c.id === p.id));
  const names = terms.map((t) => `${t.ref} ${t.name} (${money(t.deductible)} deductible, ${money(t.limit)} limit per event)`).join(' and ');
  const yearly = figures.filter((f) => f.figures).map((f) => `${f.ref} costs ${money(f.premium)} a year against an expected recovery of ${money(f.figures!.expectedRecovery)} a year on the risks it covers`);
  const line = `After insurance (${names}), the company keeps ${money(out.low)} of the low end${out.expected !== null ? `, ${money(out.expected)} of an average attack` : ''} and ${money(out.high)} of the high end.${yearly.length ? ` ${yearly.join('; ')}.` : ''}`;
  return { ...out, line };
}

/**
 * An advisor chooses the ransomware scenario the worst case is priced from, and/or sets the
 * client's gross margin. A new gross margin rebuilds the ransomware scenarios made from the
 * template that follow the client's margin (their inputs are the template's for their
 * parameters), each audited, and queues a recompute; scenarios whose inputs were set by hand,
 * or with a margin of their own, are left as they are and named.
 */
export async function setWorstCase(scope: ClientScope, input: WorstCaseChoiceInput): Promise<{ rebuilt: string[]; leftAsEntered: string[] }> {
  scope.require('risks.edit');
  const view = await loadRegisterView(scope);
  const before = view.data.settings;
  if (input.scenarioId !== undefined) {
    const s = view.data.scenarios.find((x) => x.id === input.scenarioId);
    const problem = !s ? 'no such risk scenario in this client' : !inPortfolio(s) ? `${s.ref} is not in the register (closed or a proposal)` : s.template !== 'ransomware' ? `${s.ref} was not made from the ransomware template` : null;
    if (problem) throw invalid(`Cannot price the worst case from it: ${problem}.`, [{ path: 'body.scenarioId', message: problem }]);
  }
  const margin = input.grossMargin;
  const marginChanged = margin !== undefined && margin !== before.grossMargin;
  const rebuilds: { before: RiskScenariosTable; params: Record<string, number>; inputs_json: string }[] = [];
  const leftAsEntered: string[] = [];
  if (marginChanged) {
    const oldMargin = before.grossMargin ?? 1;
    const newMargin = margin ?? 1;
    for (const s of view.data.scenarios.filter((x) => x.template === 'ransomware')) {
      const params = fromJson<Record<string, number> | null>(s.template_params_json, null);
      if (!params) continue;
      const follows = params.grossMargin === undefined || params.grossMargin === oldMargin;
      const asBuilt = sameInputs(TEMPLATES.ransomware.build(params), scenarioInputs(s));
      if (!follows || !asBuilt) {
        leftAsEntered.push(s.ref);
        continue;
      }
      const next = { ...params, grossMargin: newMargin };
      const inputs = TEMPLATES.ransomware.build(next);
      const treatments = (view.data.treatments.get(s.id) ?? []).filter((t) => isCounted(t.status)).map((t) => engineTreatment(t, view.data.currency));
      assertValid(riskProblems(inputs, treatments, `scenarios.${s.ref}.inputs`, () => null), `${s.ref} cannot be rebuilt with this gross margin`);
      rebuilds.push({ before: s, params: next, inputs_json: JSON.stringify(inputs) });
    }
  }
  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    const row = await ensureSettings(w, scope);
    const after = {
      gross_margin: margin === undefined ? row.gross_margin : margin,
      worst_case_scenario_id: input.scenarioId === undefined ? row.worst_case_scenario_id : input.scenarioId,
    };
    await w.db.updateTable('risk_settings').set({ ...after, updated_at: now }).where('id', '=', SETTINGS_ID).execute();
    const ref = (id: string | null) => (id ? (view.data.scenarios.find((s) => s.id === id)?.ref ?? null) : null);
    await w.audit({
      action: 'risk.worst-case.update',
      entityType: 'risk_settings',
      entityId: SETTINGS_ID,
      before: { grossMargin: row.gross_margin, scenarioId: row.worst_case_scenario_id, ref: ref(row.worst_case_scenario_id) },
      after: { grossMargin: after.gross_margin, scenarioId: after.worst_case_scenario_id, ref: ref(after.worst_case_scenario_id), rebuilt: rebuilds.map((r) => r.before.ref), leftAsEntered },
    });
    for (const r of rebuilds) {
      const next = { ...r.before, template_params_json: JSON.stringify(r.params), inputs_json: r.inputs_json, updated_at: now };
      await w.db.updateTable('risk_scenarios').set({ template_params_json: next.template_params_json, inputs_json: next.inputs_json, updated_at: now }).where('id', '=', r.before.id).execute();
      const links = (await w.db.selectFrom('risk_links').selectAll().where('scenario_id', '=', r.before.id).orderBy('position').execute()).map((l) => ({ kind: l.kind, targetId: l.target_id, label: l.label }));
      await w.audit({ action: 'risk.update', entityType: 'risk', entityId: r.before.id, before: auditScenario(r.before, links), after: { ...auditScenario(next, links), reason: 'The client\u2019s gross margin changed.' } });
    }
    if (rebuilds.length > 0) {
      await enqueueRecompute(w, scope.clientId);
      w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: rebuilds.map((r) => r.before.id) }));
    }
  });
  return { rebuilt: rebuilds.map((r) => r.before.ref), leftAsEntered };
}
