/**
 * Export and import of a client's register as the engine's model file (docs/risk-model.md).
 * The export is exactly the model the recompute simulates (scenarios in the portfolio, in ref
 * order, with their planned and in-place treatments, the client's currency, seed, years and
 * appetite), so `triad simulate` on it with the same seed and years gives the stored figures.
 * The import adds and updates scenarios by id (the ref), never deletes any, and leaves an
 * unchanged file unchanged.
 */
import { validateModel, type Risk, type RiskModel, type Treatment } from '../../engine/index.js';
import type { ClientScope } from '../../server/context.js';
import { fromJson, newId, toJson, toTimestamp } from '../../server/db/conventions.js';
import { invalid } from '../../server/errors.js';
import { toMinorUnits } from '../../shared/money.js';
import { riskProblems } from './checks.js';
import { canonicalJson, engineInsurance, engineTreatment, isCounted, registerModel, registerRisk } from './model.js';
import { enqueueRecompute } from './recompute.js';
import { loadRegisterData } from './register.js';
import { limitProblems, type FairInputs } from './schema.js';
import type { ImportReport } from './transfer-schema.js';
import { auditScenario } from './scenarios.js';
import { ensureSettings, SETTINGS_ID } from './settings.js';
import type { RiskScenariosTable, RiskTreatmentsTable } from './tables.js';
import { assertRegisterWork } from './work.js';

/** The client's register as a model file. */
export async function exportModel(scope: ClientScope): Promise<RiskModel> {
  scope.require('risks.read');
  return registerModel(await loadRegisterData(scope)).model;
}

/** The model file as text: JSON (2-space indented) or YAML. */
export async function formatModel(model: RiskModel, format: 'json' | 'yaml'): Promise<string> {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  const { stringify } = await import('yaml');
  return stringify(model, { lineWidth: 0 });
}

/** Parses a model file's text: JSON when it looks like JSON, YAML otherwise. */
export async function parseModelText(text: string, path = 'body.text'): Promise<unknown> {
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw invalid(`${path}: not valid JSON: ${(err as Error).message}`, [{ path, message: `not valid JSON: ${(err as Error).message}` }]);
    }
  }
  const { parse } = await import('yaml');
  try {
    return parse(text) as unknown;
  } catch (err) {
    const message = `not valid YAML: ${(err as Error).message.split('\n')[0]}`;
    throw invalid(`${path}: ${message}`, [{ path, message }]);
  }
}

const REF_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function factors(risk: Risk): FairInputs {
  const { id: _id, name: _name, treatments: _t, ...rest } = risk;
  return rest;
}

/**
 * Imports a model file into the client's register (advisors). Risks are matched to scenarios by
 * id = ref; a matched scenario takes the file's name, factors and treatments; a new id becomes a
 * new scenario. Treatments are matched by id within their scenario; those in the file count
 * (a proposed one becomes planned); counted ones missing from the file go back to proposed.
 * The appetite, seed and years are taken when the file gives them. With `dryRun` nothing is written.
 */
export async function importModel(scope: ClientScope, input: unknown, dryRun: boolean, path = 'body.model'): Promise<ImportReport> {
  scope.require('risks.import');
  const problems = validateModel(input).map((p) => ({ path: p.path ? `${path}.${p.path}` : path, message: p.message }));
  if (problems.length === 0) {
    const model = input as RiskModel;
    if (model.currency && model.currency !== scope.client.currency) {
      problems.push({ path: `${path}.currency`, message: `the file is in ${model.currency} but ${scope.client.name} keeps its figures in ${scope.client.currency}` });
    }
    if (model.years !== undefined && (model.years < 1000 || model.years > 1_000_000)) {
      problems.push({ path: `${path}.years`, message: 'the register simulates from 1,000 to 1,000,000 years' });
    }
    for (const r of model.risks) {
      problems.push(...limitProblems(factors(r), 'inputs', `${path}.${r.id}`));
      for (const t of r.treatments ?? []) problems.push(...limitProblems(t.effect, 'effect', `${path}.${r.id}.treatments[${t.id}].effect`));
      if (!REF_RE.test(r.id)) problems.push({ path: `${path}.${r.id}`, message: 'a risk id here must be letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit' });
      for (const t of r.treatments ?? []) {
        if (!REF_RE.test(t.id)) problems.push({ path: `${path}.${r.id}.treatments[${t.id}]`, message: 'a treatment id here must be letters, digits, ".", "_" or "-" (up to 64)' });
      }
    }
  }
  if (problems.length > 0) throw invalid(`The model file is not valid: ${problems[0]!.path}: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems);
  const model = input as RiskModel;
  const data = await loadRegisterData(scope);
  const currency = scope.client.currency;
  const byRef = new Map(data.scenarios.map((s) => [s.ref, s]));
  const allTreatments = [...data.treatments.values()].flat();
  const takenTreatmentRefs = new Set(allTreatments.map((t) => t.ref));
  const takenRiskRefs = new Set(data.scenarios.map((s) => s.ref));
  const report: ImportReport = { dryRun, created: [], updated: [], unchanged: [], treatmentsCreated: 0, treatmentsUpdated: 0, treatmentsSetToProposed: 0, appetiteChanged: false, settingsChanged: false, policiesNotImported: [] };

  interface Plan {
    risk: Risk;
    scenario: RiskScenariosTable | null;
    treatmentPlans: { t: Treatment; existing: RiskTreatmentsTable | null }[];
    unplan: RiskTreatmentsTable[];
  }
  const plans: Plan[] = [];
  for (const risk of model.risks) {
    const scenario = byRef.get(risk.id) ?? null;
    const own = scenario ? (data.treatments.get(scenario.id) ?? []) : [];
    const fileTreatments = risk.treatments ?? [];
    const treatmentPlans = fileTreatments.map((t) => ({ t, existing: own.find((x) => x.ref === t.id) ?? null }));
    const unplan = own.filter((x) => isCounted(x.status) && !fileTreatments.some((t) => t.id === x.ref));
    if (!scenario) {
      report.created.push(risk.id);
      report.treatmentsCreated += fileTreatments.length;
      plans.push({ risk, scenario, treatmentPlans, unplan });
      continue;
    }
    const current = registerRisk(data, scenario);
    const { treatments: fileList, ...rest } = risk;
    const wanted: Risk = { ...rest, name: risk.name ?? scenario.title, ...(fileList && fileList.length > 0 ? { treatments: fileList.map((t) => ({ ...t, name: t.name ?? own.find((x) => x.ref === t.id)?.name ?? t.id })) } : {}) };
    const treatmentsChanged = treatmentPlans.some(({ t, existing }) => !existing || !isCounted(existing.status) || canonicalJson(engineTreatment(existing, currency)) !== canonicalJson({ ...t, name: t.name ?? existing.name }));
    if (canonicalJson(current) === canonicalJson(wanted) && !treatmentsChanged && unplan.length === 0) {
      report.unchanged.push(risk.id);
      continue;
    }
    report.updated.push(risk.id);
    for (const { t, existing } of treatmentPlans) {
      if (!existing) report.treatmentsCreated += 1;
      else if (!isCounted(existing.status) || canonicalJson(engineTreatment(existing, currency)) !== canonicalJson({ ...t, name: t.name ?? existing.name })) report.treatmentsUpdated += 1;
    }
    report.treatmentsSetToProposed += unplan.length;
    plans.push({ risk, scenario, treatmentPlans, unplan });
  }
  // Treatments the register keeps beside the file's (proposed ones, and those set back to proposed)
  // must still fit the scenario's new inputs.
  const kept: { path: string; message: string }[] = [];
  for (const plan of plans) {
    if (!plan.scenario) continue;
    const fileIds = new Set((plan.risk.treatments ?? []).map((t) => t.id));
    const others = (data.treatments.get(plan.scenario.id) ?? []).filter((t) => !fileIds.has(t.ref)).map((t) => engineTreatment(t, currency));
    for (const p of riskProblems(factors(plan.risk), [...(plan.risk.treatments ?? []), ...others], `${path}.${plan.risk.id}`, (ref) => (fileIds.has(ref) ? `${path}.${plan.risk.id}.treatments[${ref}]` : `${path}.${plan.risk.id} (treatment ${ref} of the register, not in the file)`))) {
      kept.push(p);
    }
  }
  if (kept.length > 0) throw invalid(`The model file does not fit the register: ${kept[0]!.path}: ${kept[0]!.message}${kept.length > 1 ? ` (and ${kept.length - 1} more)` : ''}`, kept);
  const appetite = model.appetite ? [...model.appetite].sort((a, b) => a.loss - b.loss) : null;
  report.appetiteChanged = appetite !== null && JSON.stringify(appetite) !== JSON.stringify(data.settings.appetite);
  const seedChanged = model.seed !== undefined && model.seed !== data.settings.seed;
  const yearsChanged = model.years !== undefined && model.years !== data.settings.years;
  report.settingsChanged = seedChanged || yearsChanged;
  // Policies are kept under Insurance (insurer, renewal date… are not in the model file): the
  // file's are not imported, and any that differ from the register's are named, not dropped silently.
  const ours = new Map(engineInsurance(data, registerModel(data).included).map((p) => [p.id, canonicalJson(p)]));
  report.policiesNotImported = (model.insurance ?? []).filter((p) => ours.get(p.id) !== canonicalJson(p)).map((p) => p.id);
  if (dryRun || (plans.length === 0 && !report.appetiteChanged && !report.settingsChanged)) return report;

  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    const settings = await ensureSettings(w, scope);
    let nextRisk = settings.next_risk_number;
    let nextTreatment = settings.next_treatment_number;
    const treatmentRef = (wanted: string): string => {
      if (!takenTreatmentRefs.has(wanted)) {
        takenTreatmentRefs.add(wanted);
        const m = /^C(\d+)$/.exec(wanted);
        if (m) nextTreatment = Math.max(nextTreatment, Number(m[1]) + 1);
        return wanted;
      }
      let ref = `C${nextTreatment++}`;
      while (takenTreatmentRefs.has(ref)) ref = `C${nextTreatment++}`;
      takenTreatmentRefs.add(ref);
      return ref;
    };
    const changedIds: string[] = [];
    for (const plan of plans) {
      const { risk } = plan;
      let scenario = plan.scenario;
      if (!scenario) {
        const m = /^R(\d+)$/.exec(risk.id);
        const number = m && !takenRiskRefs.has(risk.id) ? Number(m[1]) : nextRisk;
        nextRisk = Math.max(nextRisk, number + 1);
        takenRiskRefs.add(risk.id);
        scenario = {
          client_id: scope.clientId,
          id: newId(),
          ref: risk.id,
          ref_number: number,
          title: risk.name ?? risk.id,
          description: null,
          threat: null,
          owner_seat: 'CISO',
          status: 'open',
          proposed: 0,
          template: null,
          template_params_json: null,
          inputs_json: toJson(factors(risk))!,
          status_reason: null,
          created_by: scope.actor.userId,
          created_at: now,
          updated_at: now,
        };
        const { client_id: _c, ...values } = scenario;
        await w.db.insertInto('risk_scenarios', values).execute();
        await w.audit({ action: 'risk.create', entityType: 'risk', entityId: scenario.id, after: { ...auditScenario(scenario, []), importedFrom: 'model file' } });
      } else {
        const before = scenario;
        const after = { ...before, title: risk.name ?? before.title, inputs_json: toJson(factors(risk))!, updated_at: now };
        if (canonicalJson(fromJson(before.inputs_json, {})) !== canonicalJson(factors(risk)) || after.title !== before.title) {
          await w.db.updateTable('risk_scenarios').set({ title: after.title, inputs_json: after.inputs_json, updated_at: now }).where('id', '=', before.id).execute();
          await w.audit({ action: 'risk.update', entityType: 'risk', entityId: before.id, before: auditScenario(before, []), after: { ...auditScenario(after, []), importedFrom: 'model file' } });
        }
      }
      changedIds.push(scenario.id);
      for (const { t, existing } of plan.treatmentPlans) {
        if (!existing) {
          const row = {
            id: newId(),
            ref: treatmentRef(t.id),
            scenario_id: scenario.id,
            name: t.name ?? t.id,
            description: null,
            status: 'planned' as const,
            annual_cost: toMinorUnits(t.annualCost, currency),
            one_time_cost: 0,
            effect_json: toJson(t.effect)!,
            created_at: now,
            updated_at: now,
          };
          await w.db.insertInto('risk_treatments', row).execute();
          await w.audit({ action: 'risk.treatment.create', entityType: 'risk_treatment', entityId: row.id, after: { ref: row.ref, scenarioId: row.scenario_id, name: row.name, status: row.status, annualCost: t.annualCost, effect: t.effect, importedFrom: 'model file' } });
          continue;
        }
        const status = isCounted(existing.status) ? existing.status : 'planned';
        const next = { name: t.name ?? existing.name, status, annual_cost: toMinorUnits(t.annualCost, currency), effect_json: toJson(t.effect)!, updated_at: now };
        if (canonicalJson(engineTreatment(existing, currency)) === canonicalJson({ ...t, name: next.name }) && status === existing.status) continue;
        await w.db.updateTable('risk_treatments').set(next).where('id', '=', existing.id).execute();
        await w.audit({
          action: 'risk.treatment.update',
          entityType: 'risk_treatment',
          entityId: existing.id,
          before: { ref: existing.ref, name: existing.name, status: existing.status, annualCost: engineTreatment(existing, currency).annualCost, effect: fromJson(existing.effect_json, {}) },
          after: { ref: existing.ref, name: next.name, status, annualCost: t.annualCost, effect: t.effect, importedFrom: 'model file' },
        });
      }
      for (const x of plan.unplan) {
        await w.db.updateTable('risk_treatments').set({ status: 'proposed', updated_at: now }).where('id', '=', x.id).execute();
        await w.audit({ action: 'risk.treatment.update', entityType: 'risk_treatment', entityId: x.id, before: { ref: x.ref, status: x.status }, after: { ref: x.ref, status: 'proposed', reason: 'not in the imported model file' } });
      }
    }
    const settingsPatch = {
      next_risk_number: nextRisk,
      next_treatment_number: nextTreatment,
      ...(report.appetiteChanged ? { appetite_json: toJson(appetite && appetite.length > 0 ? appetite : null) } : {}),
      ...(seedChanged ? { seed: model.seed! } : {}),
      ...(yearsChanged ? { years: model.years! } : {}),
      updated_at: now,
    };
    await w.db.updateTable('risk_settings').set(settingsPatch).where('id', '=', SETTINGS_ID).execute();
    if (report.appetiteChanged || report.settingsChanged) {
      await w.audit({
        action: 'risk.settings.update',
        entityType: 'risk_settings',
        entityId: SETTINGS_ID,
        before: { appetite: data.settings.appetite, seed: data.settings.seed, years: data.settings.years },
        after: { appetite: appetite ?? data.settings.appetite, seed: model.seed ?? data.settings.seed, years: model.years ?? data.settings.years, importedFrom: 'model file' },
      });
    }
    await w.audit({ action: 'risk.import', entityType: 'risk_register', entityId: null, after: { ...report } });
    await assertRegisterWork(w, scope, yearsChanged ? `${path}.years` : path);
    await enqueueRecompute(w, scope.clientId);
    if (changedIds.length > 0) w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: changedIds }));
  });
  return report;
}
