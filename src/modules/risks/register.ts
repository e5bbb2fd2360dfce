/**
 * Reading a client's register: its scenarios, treatments, links, settings and stored results,
 * and the presenters that turn them into what the API sends.
 */
import type { ClientScope } from '../../server/context.js';
import { fromJson, fromFlag } from '../../server/db/conventions.js';
import { jobIsLive } from '../../server/jobs/queue.js';
import { fromMinorUnits } from '../../shared/money.js';
import { verdictOf } from '../../shared/risks/verdict.js';
import { rate } from '../../shared/risks/rating.js';
import { inPortfolio, isCounted, memoisedScenarioHash, memoisedWithProposed, registerModel, type RegisterData, type RegisterModel } from './model.js';
import type {
  AppetiteStatus,
  PortfolioOut,
  RecomputeStatus,
  ScenarioListItem,
  ScenarioResultOut,
  Stats,
  TreatmentOut,
} from './schema.js';
import type { TopRisk } from './overview-schema.js';
import { carryLists, carryRows, sameRowValues } from './same-rows.js';
import { loadSettings, type RiskSettings } from './settings.js';
import { basisCheck, type FullStats, type StoredPortfolio, type StoredPortfolioDetail, type StoredScenarioCurves, type StoredScenarioResult } from './stored.js';
import type { RiskLinksTable, RiskRunsTable, RiskScenarioResultsTable, RiskScenariosTable, RiskTreatmentsTable } from './tables.js';

import { RECOMPUTE_JOB } from '../../shared/job-kinds.js';

export {
  basisCheck,
  basisOf,
  type Basis,
  type FullStats,
  type StoredAppetiteCheck,
  type StoredCurves,
  type StoredPolicyResult,
  type StoredPortfolio,
  type StoredPortfolioDetail,
  type StoredScenarioCurves,
  type StoredScenarioResult,
} from './stored.js';

export async function loadRegisterData(scope: ClientScope, settings?: RiskSettings): Promise<RegisterData> {
  const [s, scenarios, treatments, policies, covered] = await Promise.all([
    settings ? Promise.resolve(settings) : loadSettings(scope),
    scope.db.selectFrom('risk_scenarios').selectAll().orderBy('ref_number').orderBy('id').execute(),
    scope.db.selectFrom('risk_treatments').selectAll().orderBy('created_at').orderBy('id').execute(),
    scope.db.selectFrom('risk_policies').selectAll().orderBy('created_at').orderBy('id').execute(),
    scope.db.selectFrom('risk_policy_scenarios').select(['policy_id', 'scenario_id']).orderBy('id').execute(),
  ]);
  const policyScenarios = new Map<string, string[]>();
  for (const c of covered) policyScenarios.set(c.policy_id, [...(policyScenarios.get(c.policy_id) ?? []), c.scenario_id]);
  const byScenario = new Map<string, RiskTreatmentsTable[]>();
  for (const t of treatments) {
    const list = byScenario.get(t.scenario_id) ?? [];
    list.push(t);
    byScenario.set(t.scenario_id, list);
  }
  return { currency: scope.client.currency, settings: s, scenarios, treatments: byScenario, policies, policyScenarios };
}

export async function loadLinks(scope: ClientScope, scenarioId?: string): Promise<Map<string, RiskLinksTable[]>> {
  let q = scope.db.selectFrom('risk_links').selectAll();
  if (scenarioId) q = q.where('scenario_id', '=', scenarioId);
  const rows = await q.orderBy('position').execute();
  const map = new Map<string, RiskLinksTable[]>();
  for (const l of rows) {
    const list = map.get(l.scenario_id) ?? [];
    list.push(l);
    map.set(l.scenario_id, list);
  }
  return map;
}

/** The hash each scenario's stored result must carry to be current. */
export function expectedHashes(data: RegisterData, register: RegisterModel): Map<string, string> {
  const hashes = new Map<string, string>();
  // A scenario's result also holds the figures with its proposed treatments.
  register.included.forEach((s, i) => hashes.set(s.id, memoisedWithProposed(data, s, register.riskHashes[i]!)));
  let next = register.included.length;
  for (const s of data.scenarios) {
    if (s.proposed !== 1 || s.status === 'closed') continue;
    hashes.set(s.id, memoisedWithProposed(data, s, memoisedScenarioHash(data, s, next++)));
  }
  return hashes;
}

export async function latestRun(scope: ClientScope): Promise<RiskRunsTable | undefined> {
  return scope.db.selectFrom('risk_runs').selectAll().orderBy('computed_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export type ResultRow = Omit<RiskScenarioResultsTable, 'curves_json' | 'client_id'>;

/** Stored results without their curves (those are read per scenario, see loadCurves). */
export async function loadResults(scope: ClientScope, scenarioId?: string): Promise<Map<string, ResultRow>> {
  let q = scope.db.selectFrom('risk_scenario_results').select(['id', 'run_id', 'input_hash', 'in_portfolio', 'mean', 'p90', 'result_json', 'computed_at', 'list_figures', 'probability_of_loss']);
  if (scenarioId) q = q.where('id', '=', scenarioId);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function loadCurves(scope: ClientScope, scenarioId: string): Promise<StoredScenarioCurves | null> {
  const row = await scope.db.selectFrom('risk_scenario_results').select('curves_json').where('id', '=', scenarioId).executeTakeFirst();
  return row ? fromJson<StoredScenarioCurves | null>(row.curves_json, null) : null;
}

export async function recomputeStatus(scope: ClientScope, run: RiskRunsTable | undefined, currentHash: string): Promise<RecomputeStatus> {
  const jobs = await scope.app.database.db
    .selectFrom('jobs')
    .select(['status', 'progress', 'error', 'created_at', 'started_at', 'lease_until'])
    .where('client_id', '=', scope.clientId)
    .where('kind', '=', RECOMPUTE_JOB)
    .orderBy('created_at', 'desc')
    .limit(5)
    .execute();
  // A running job whose worker died (its lease ran out) is not refreshing anything.
  const now = scope.now();
  const active = jobs.filter((j) => jobIsLive(j, now));
  const running = active.find((j) => j.status === 'running');
  const last = jobs[0];
  return {
    refreshing: active.length > 0,
    jobStatus: running ? 'running' : active.length > 0 ? 'queued' : null,
    progress: running ? running.progress : active.length > 0 ? 0 : null,
    lastError: last && (last.status === 'failed' || (last.status === 'queued' && last.error)) ? last.error : null,
    stale: !run || run.inputs_hash !== currentHash,
    computedAt: run?.computed_at ?? null,
    runId: run?.id ?? null,
    seed: run?.seed ?? null,
    years: run?.years ?? null,
    inputsHash: run?.inputs_hash ?? null,
    currentInputsHash: currentHash,
  };
}

export function pickStats(s: FullStats): Stats {
  return { mean: s.mean, p50: s.p50, p90: s.p90, p95: s.p95, p99: s.p99, probabilityOfLoss: s.probabilityOfLoss, whenLoss: s.whenLoss ?? null };
}

export function presentPortfolio(run: RiskRunsTable | undefined): PortfolioOut | null {
  if (!run) return null;
  const p = fromJson<StoredPortfolio | null>(run.summary_json, null);
  if (!p) return null;
  const i = p.inherent;
  return {
    mean: i.mean,
    sd: i.sd,
    p10: i.p10,
    p50: i.p50,
    p90: i.p90,
    p95: i.p95,
    p99: i.p99,
    max: i.max,
    probabilityOfLoss: i.probabilityOfLoss,
    residual: p.residual ? pickStats(p.residual) : null,
    current: pickStats(p.residual ?? p.inherent),
    retained: p.retained ? pickStats(p.retained) : null,
    insurance: p.insurance ? { premium: p.insurance.reduce((x, q) => x + q.premium, 0), expectedRecovery: p.insurance.reduce((x, q) => x + q.expectedRecovery, 0) } : null,
    treatmentCost: p.treatmentCost,
    rosi: p.rosi,
    scenarioCount: run.risk_count,
  };
}

export function presentAppetite(settings: RiskSettings, run: RiskRunsTable | undefined): AppetiteStatus {
  const stored = run ? fromJson<StoredPortfolio | null>(run.summary_json, null) : null;
  const defined = settings.appetite.length > 0;
  // A stored check counts only if it was made against the current curve.
  const sameCurve = !!stored && JSON.stringify(stored.appetite) === JSON.stringify(settings.appetite);
  const inherent = sameCurve ? stored.inherentAppetite : null;
  const { basis, check: current } = sameCurve ? basisCheck(stored) : { basis: null, check: null };
  const verdict = defined && current && run ? verdictOf(current.points, run.years) : null;
  return {
    defined,
    statement: settings.statement,
    points: settings.appetite,
    basis: defined ? basis : null,
    breached: verdict ? verdict.breached : null,
    settled: verdict ? verdict.settled : null,
    inherentBreached: defined && inherent ? inherent.breached : null,
    checks:
      verdict && inherent
        ? verdict.points.map((c, k) => ({ loss: c.loss, limit: c.limit, probability: c.probability, inherentProbability: inherent.points[k]?.probability ?? c.probability, breached: c.breached, stdError: c.stdError, confident: c.confident }))
        : [],
  };
}

export function presentTreatment(t: RiskTreatmentsTable, currency: string): TreatmentOut {
  return {
    id: t.id,
    ref: t.ref,
    scenarioId: t.scenario_id,
    name: t.name,
    description: t.description,
    status: t.status,
    annualCost: fromMinorUnits(t.annual_cost, currency),
    oneTimeCost: fromMinorUnits(t.one_time_cost, currency),
    effect: fromJson(t.effect_json, {}),
    counted: isCounted(t.status),
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  };
}

export interface PresentContext {
  data: RegisterData;
  hashes: Map<string, string>;
  results: Map<string, ResultRow>;
  links: Map<string, RiskLinksTable[]>;
  /** The portfolio's current mean annual loss, for shares. */
  portfolioMean: number | null;
}

/** Each stored result parsed once per row read (a register view presents a result several times). */
const parsedResults = new WeakMap<ResultRow, StoredScenarioResult | null>();

function storedResult(row: ResultRow): StoredScenarioResult | null {
  let r = parsedResults.get(row);
  if (r === undefined) {
    r = fromJson<StoredScenarioResult | null>(row.result_json, null);
    parsedResults.set(row, r);
  }
  return r;
}

/**
 * Results read again that are the same as ones read before keep their parsed form (a register
 * read again after a change): a row the same in every column is replaced by the row read before
 * (so what was made from it, such as its list entry, can tell it by identity), a row with the
 * same result but another column changed gets its parsed result.
 */
function carryParsed(before: Map<string, ResultRow>, now: Map<string, ResultRow>): void {
  for (const [id, row] of now) {
    const old = before.get(id);
    if (!old || old.result_json !== row.result_json) continue;
    if (sameRowValues(old, row)) now.set(id, old);
    else {
      const parsed = parsedResults.get(old);
      if (parsed !== undefined) parsedResults.set(row, parsed);
    }
  }
}

/** Whether a scenario's stored result counts in the portfolio: simulated with it, and the scenario neither a proposal nor closed. */
export function resultInPortfolio(row: Pick<ResultRow, 'in_portfolio'>, s: RiskScenariosTable): boolean {
  return fromFlag(row.in_portfolio) && inPortfolio(s);
}

/** A result's share of the portfolio's mean annual loss: its current mean over the portfolio's, for a result that counts in it (else null). */
export function shareOf(mean: number, counts: boolean, portfolioMean: number | null): number | null {
  return counts && portfolioMean && portfolioMean > 0 ? mean / portfolioMean : null;
}

/** A scenario's stored result with what the list sorts by (its current figures, share, rating), or null without one. */
export function currentResult(s: RiskScenariosTable, ctx: PresentContext) {
  const row = ctx.results.get(s.id);
  if (!row) return null;
  const r = storedResult(row);
  if (!r) return null;
  const current = r.residual ?? r.inherent;
  const inPf = resultInPortfolio(row, s);
  return {
    row,
    r,
    current,
    inPortfolio: inPf,
    share: shareOf(current.mean, inPf, ctx.portfolioMean),
    rating: rate(current, ctx.data.settings.likelihoodBands, ctx.data.settings.impactBands),
  };
}

/** The figures a list sorts a scenario by, the same as presentResult gives (no result: null). */
export function sortFigures(s: RiskScenariosTable, ctx: PresentContext): { mean: number; p90: number; share: number | null; score: number; inPortfolio: boolean } | null {
  const c = currentResult(s, ctx);
  return c ? { mean: c.current.mean, p90: c.current.p90, share: c.share, score: c.rating.score, inPortfolio: c.inPortfolio } : null;
}

export function presentResult(s: RiskScenariosTable, ctx: PresentContext): ScenarioResultOut | null {
  const c = currentResult(s, ctx);
  if (!c) return null;
  const { row, r } = c;
  return {
    inherent: pickStats(r.inherent),
    residual: r.residual ? pickStats(r.residual) : null,
    current: pickStats(c.current),
    withProposed: r.withProposed ? pickStats(r.withProposed) : null,
    treatmentCost: r.treatmentCost,
    rosi: r.rosi,
    share: c.share,
    rating: c.rating,
    inPortfolio: c.inPortfolio,
    stale: ctx.hashes.get(s.id) !== row.input_hash,
    computedAt: row.computed_at,
  };
}

export function presentListItem(s: RiskScenariosTable, ctx: PresentContext): ScenarioListItem {
  return { ...presentListFields(s, ctx), result: presentResult(s, ctx) };
}

/** A scenario's list entry but its result (list-json.ts serialises the two apart). */
export function presentListFields(s: RiskScenariosTable, ctx: PresentContext): Omit<ScenarioListItem, 'result'> {
  const ts = ctx.data.treatments.get(s.id) ?? [];
  return {
    id: s.id,
    ref: s.ref,
    title: s.title,
    threat: s.threat,
    ownerSeat: s.owner_seat,
    status: s.status,
    proposed: fromFlag(s.proposed),
    template: s.template,
    links: (ctx.links.get(s.id) ?? []).map((l) => ({ kind: l.kind, targetId: l.target_id, label: l.label })),
    treatments: {
      proposed: ts.filter((t) => t.status === 'proposed').length,
      planned: ts.filter((t) => t.status === 'planned').length,
      inPlace: ts.filter((t) => t.status === 'in_place').length,
    },
    createdBy: s.created_by,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

/** Everything a register view needs, read once. */
export interface RegisterView extends RegisterBase {
  status: RecomputeStatus;
}

/** A register view without the refresh state, which depends on the jobs and the time, not on the register. */
export interface RegisterBase {
  data: RegisterData;
  register: RegisterModel;
  run: RiskRunsTable | undefined;
  present: PresentContext;
  portfolio: PortfolioOut | null;
  appetite: AppetiteStatus;
}

/** The register as stored now; `previous`, a register read before, lends the parsed results that did not change. */
export async function loadRegisterBase(scope: ClientScope, previous?: RegisterBase): Promise<RegisterBase> {
  const data = await loadRegisterData(scope);
  if (previous) carryRows(previous.data, data);
  const register = registerModel(data);
  const [run, results, links] = await Promise.all([latestRun(scope), loadResults(scope), loadLinks(scope)]);
  if (previous) {
    carryParsed(previous.present.results, results);
    carryLists(previous.present.links, links);
  }
  const portfolio = presentPortfolio(run);
  const present: PresentContext = { data, hashes: expectedHashes(data, register), results, links, portfolioMean: portfolio?.current.mean ?? null };
  return { data, register, run, present, portfolio, appetite: presentAppetite(data.settings, run) };
}

/** The refresh state of a register read now: its recompute jobs and whether its stored run is current. */
export function statusOf(scope: ClientScope, base: RegisterBase): Promise<RecomputeStatus> {
  return recomputeStatus(scope, base.run, base.register.hash);
}

export async function loadRegisterView(scope: ClientScope): Promise<RegisterView> {
  const base = await loadRegisterBase(scope);
  return { ...base, status: await statusOf(scope, base) };
}

export function treatmentStatusOf(ts: RiskTreatmentsTable[]): TopRisk['treatmentStatus'] {
  if (ts.length === 0) return 'none';
  const statuses = new Set(ts.map((t) => t.status));
  return statuses.size === 1 ? [...statuses][0]! : 'mixed';
}

/** The portfolio's scenarios by current mean annual loss, largest first. */
export function topRisks(view: RegisterBase, limit: number): TopRisk[] {
  const rows: TopRisk[] = [];
  for (const s of view.register.included) {
    const r = presentResult(s, view.present);
    if (!r) continue;
    rows.push({
      id: s.id,
      ref: s.ref,
      title: s.title,
      ownerSeat: s.owner_seat,
      status: s.status,
      mean: r.current.mean,
      p90: r.current.p90,
      probabilityOfLoss: r.current.probabilityOfLoss,
      whenLoss: r.current.whenLoss,
      inherentMean: r.inherent.mean,
      share: r.share,
      rating: r.rating,
      treatmentStatus: treatmentStatusOf(view.data.treatments.get(s.id) ?? []),
    });
  }
  return rows.sort((a, b) => b.mean - a.mean || a.ref.localeCompare(b.ref)).slice(0, limit);
}

export function portfolioCurves(run: RiskRunsTable | undefined): StoredPortfolioDetail | null {
  return run ? fromJson<StoredPortfolioDetail | null>(run.detail_json, null) : null;
}
