/**
 * What other modules may use of the risk register: framework-free functions on a ClientScope
 * (or a Writer), stable and documented. The governance module takes snapshots of risks for
 * decisions and acceptances, checks acceptances against the appetite and sets the 'accepted'
 * status; the board pack reads the portfolio, its curves, the top risks and the ransomware
 * worst case. Money is in major units of the client's currency.
 */
import type { AppetitePoint, LecPoint, Risk } from '../../engine/index.js';
import type { ClientScope, Writer } from '../../server/context.js';
import { fromJson, toTimestamp } from '../../server/db/conventions.js';
import { invalid, notFound } from '../../server/errors.js';
import { formatMoney } from '../../shared/money.js';
import { ransomwareWorstCase, TEMPLATES, templateParams } from '../../shared/risks/templates.js';
import { inPortfolio, registerRisk, sideModel } from './model.js';
import { getSimulator } from './pool.js';
import { clientProfile } from './profile.js';
import { enqueueRecompute } from './recompute.js';
import { loadRegisterView, pickStats, portfolioCurves, presentResult, presentTreatment, topRisks, type StoredPortfolio } from './register.js';
import type { AppetiteStatus, ScenarioResultOut, TopRisk, TreatmentOut, WorstCaseOut } from './schema.js';
import type { OwnerSeat, RiskStatus } from './tables.js';

export type { OwnerSeat, RiskStatus };
export { portfolioRisk } from './portfolio.js';

/** A scenario as it stands: its inputs, treatments and stored result. */
export interface RiskSnapshot {
  id: string;
  /** Short reference, e.g. `R7`; also the risk's id in the model file. */
  ref: string;
  title: string;
  status: RiskStatus;
  ownerSeat: OwnerSeat;
  /** A contributor's proposal not yet approved (not in the portfolio). */
  proposed: boolean;
  /** The engine risk object: FAIR inputs with the planned and in-place treatments (docs/risk-model.md). */
  risk: Risk;
  /** Every treatment, proposed ones included, with status and costs. */
  treatments: TreatmentOut[];
  /** The stored result (inherent, residual, current = residual or inherent, ROSI…), or null before the first computation. */
  result: ScenarioResultOut | null;
  /** Hash of what the scenario's result depends on now (inputs, treatments, position, seed, years). */
  inputsHash: string;
  /** Hash the stored result was computed from; differs from `inputsHash` while a refresh is due. */
  resultInputsHash: string | null;
  computedAt: string | null;
}

/** Snapshots of the given scenarios, in the order asked; unknown ids are left out. */
export async function getRiskSnapshots(scope: ClientScope, riskIds: string[]): Promise<RiskSnapshot[]> {
  const view = await loadRegisterView(scope);
  const out: RiskSnapshot[] = [];
  for (const id of riskIds) {
    const s = view.data.scenarios.find((x) => x.id === id);
    if (!s) continue;
    const row = view.present.results.get(id);
    out.push({
      id: s.id,
      ref: s.ref,
      title: s.title,
      status: s.status,
      ownerSeat: s.owner_seat,
      proposed: s.proposed === 1,
      risk: registerRisk(view.data, s),
      treatments: (view.data.treatments.get(s.id) ?? []).map((t) => presentTreatment(t, view.data.currency)),
      result: presentResult(s, view.present),
      inputsHash: view.present.hashes.get(s.id) ?? '',
      resultInputsHash: row?.input_hash ?? null,
      computedAt: row?.computed_at ?? null,
    });
  }
  return out;
}

/** Snapshots of every scenario of the register (proposals and closed ones included), in the register's order. */
export async function listRiskSnapshots(scope: ClientScope): Promise<RiskSnapshot[]> {
  const rows = await scope.db.selectFrom('risk_scenarios').select('id').orderBy('ref_number').orderBy('id').execute();
  return getRiskSnapshots(scope, rows.map((r) => r.id));
}

export interface AppetiteCheck {
  appetiteDefined: boolean;
  /** True when the scenarios' combined annual loss exceeds the tolerance curve at any point. */
  aboveAppetite: boolean;
  /** One or two sentences for people, naming the worst point. */
  explanation: string;
  /** Each tolerance point with the simulated chance that the scenarios together lose more. */
  points: { loss: number; limit: number; probability: number; breached: boolean }[];
  /** The scenarios' combined annual loss (with planned and in-place treatments). */
  combined: { mean: number; p90: number; p99: number } | null;
}

const checkCache = new WeakMap<object, Map<string, AppetiteCheck>>();

/**
 * Whether the given scenarios together breach the client's risk appetite. The rule: simulate the
 * scenarios' combined annual loss, with their planned and in-place treatments, on the client's
 * seed and years and at their register positions (so each draws the same random numbers as in
 * the register run); the scenarios are above appetite when, at any point (L, p) of the tolerance
 * curve, the chance that their combined loss exceeds L is greater than p. One scenario can be
 * above appetite on its own; several can be above together when none is alone. Without an
 * appetite, `aboveAppetite` is false and the explanation says that nothing could be checked.
 */
export async function checkAgainstAppetite(scope: ClientScope, riskIds: string[]): Promise<AppetiteCheck> {
  const view = await loadRegisterView(scope);
  const { settings } = view.data;
  const money = (x: number): string => formatMoney(x, view.data.currency);
  const scenarios = riskIds.map((id) => {
    const s = view.data.scenarios.find((x) => x.id === id);
    if (!s) throw notFound('Risk scenario');
    return s;
  });
  if (scenarios.length === 0) throw invalid('Name at least one risk scenario to check.');
  const names = scenarios.map((s) => s.ref).join(', ');
  if (settings.appetite.length === 0) {
    return { appetiteDefined: false, aboveAppetite: false, explanation: `${scope.client.name} has no risk appetite defined, so ${names} could not be checked against one.`, points: [], combined: null };
  }
  let next = view.register.included.length;
  const targets = scenarios.map((s) => ({ position: inPortfolio(s) ? view.register.index.get(s.id)! : next++, risk: registerRisk(view.data, s) }));
  const model = { ...sideModel(view.data, targets), appetite: settings.appetite };
  const key = JSON.stringify(model);
  let cache = checkCache.get(scope.app);
  if (!cache) {
    cache = new Map();
    checkCache.set(scope.app, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const simulator = await getSimulator(scope.app);
  const { detail } = await simulator.simulate(model, { years: settings.years, seed: settings.seed });
  const dist = detail.portfolio.residual ?? detail.portfolio;
  const appetite = detail.portfolio.residual?.appetite ?? detail.portfolio.appetite!;
  const points = appetite.points.map((p) => ({ loss: p.loss, limit: p.limit, probability: p.probability, breached: p.breached }));
  const worst = [...points].sort((a, b) => b.probability / Math.max(b.limit, 1e-12) - a.probability / Math.max(a.limit, 1e-12))[0]!;
  const pct = (x: number): string => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)} %`;
  const who = scenarios.length === 1 ? names : `Together, ${names}`;
  const explanation = appetite.breached
    ? `${who} exceed ${money(worst.loss)} in a year with a ${pct(worst.probability)} chance; the appetite tolerates ${pct(worst.limit)}. This is above the risk appetite.`
    : `${who} stay within the risk appetite: the closest point is ${money(worst.loss)}, exceeded with a ${pct(worst.probability)} chance a year against ${pct(worst.limit)} tolerated.`;
  const result: AppetiteCheck = { appetiteDefined: true, aboveAppetite: appetite.breached, explanation, points, combined: { mean: dist.mean, p90: dist.p90, p99: dist.p99 } };
  if (cache.size > 500) cache.clear();
  cache.set(key, result);
  return result;
}

/**
 * Sets a scenario's status inside the caller's transaction, with an audit entry: used by
 * governance when an acceptance is approved ('accepted') or lapses or is withdrawn ('open').
 * `at` is the time recorded as the scenario's last change (default: the writer's clock).
 */
export async function setRiskStatus(w: Writer, riskId: string, status: RiskStatus, reason: string, at: Date = w.now()): Promise<void> {
  const before = await w.db.selectFrom('risk_scenarios').select(['id', 'ref', 'status', 'status_reason', 'proposed']).where('id', '=', riskId).executeTakeFirst();
  if (!before) throw notFound('Risk scenario');
  if (before.status === status && before.status_reason === reason) return;
  await w.db.updateTable('risk_scenarios').set({ status, status_reason: reason, updated_at: toTimestamp(at) }).where('id', '=', riskId).execute();
  await w.audit({ action: 'risk.status', entityType: 'risk', entityId: riskId, before: { ref: before.ref, status: before.status, reason: before.status_reason }, after: { ref: before.ref, status, reason } });
  // Closing or reopening changes what the portfolio holds.
  if (before.status === 'closed' || status === 'closed') await enqueueRecompute(w, w.db.clientId);
}

/** The ransomware worst case for the one-pager: a range from the client's own figures, with the register's ransomware scenario. */
export async function getRansomwareWorstCase(scope: ClientScope): Promise<WorstCaseOut> {
  const view = await loadRegisterView(scope);
  const profile = await clientProfile(scope);
  const ransomware = view.register.included
    .filter((s) => s.template === 'ransomware')
    .map((s) => ({ s, r: presentResult(s, view.present) }))
    .sort((a, b) => (b.r?.current.mean ?? 0) - (a.r?.current.mean ?? 0))[0];
  const params = templateParams(
    TEMPLATES.ransomware,
    profile,
    view.data.settings.templateOverrides.ransomware ?? {},
    ransomware ? fromJson<Record<string, number> | null>(ransomware.s.template_params_json, null) ?? {} : {},
  );
  const estimate = ransomwareWorstCase(profile, params);
  return {
    ...estimate,
    scenario: ransomware?.r
      ? { id: ransomware.s.id, ref: ransomware.s.ref, title: ransomware.s.title, mean: ransomware.r.current.mean, p95: ransomware.r.current.p95, p99: ransomware.r.current.p99 }
      : null,
  };
}

/** What the board pack shows of the risk register. */
export interface RiskBoardSummary {
  currency: string;
  /** When the shown results were computed, and whether they are being refreshed. */
  computedAt: string | null;
  refreshing: boolean;
  stale: boolean;
  seed: number | null;
  years: number | null;
  /** Current (with planned and in-place treatments) and inherent portfolio figures; p90 = 1-in-10-year, p99 = 1-in-100-year loss. */
  portfolio: { mean: number; p90: number; p99: number; inherentMean: number; inherentP90: number; inherentP99: number; treatmentCost: number; scenarioCount: number } | null;
  appetite: AppetiteStatus;
  /** Loss exceedance curves (inherent, and residual when treatments exist) and the tolerance curve. */
  lec: { inherent: LecPoint[]; residual: LecPoint[] | null; tolerance: AppetitePoint[] };
  topRisks: TopRisk[];
  ransomware: WorstCaseOut;
}

export async function getRiskBoardSummary(scope: ClientScope, options: { top?: number } = {}): Promise<RiskBoardSummary> {
  const view = await loadRegisterView(scope);
  const p = view.portfolio;
  const curves = portfolioCurves(view.run);
  return {
    currency: view.data.currency,
    computedAt: view.status.computedAt,
    refreshing: view.status.refreshing,
    stale: view.status.stale,
    seed: view.status.seed,
    years: view.status.years,
    portfolio: p
      ? { mean: p.current.mean, p90: p.current.p90, p99: p.current.p99, inherentMean: p.mean, inherentP90: p.p90, inherentP99: p.p99, treatmentCost: p.treatmentCost, scenarioCount: p.scenarioCount }
      : null,
    appetite: view.appetite,
    lec: { inherent: curves?.inherent.lec ?? [], residual: curves?.residual?.lec ?? null, tolerance: view.data.settings.appetite },
    topRisks: topRisks(view, options.top ?? 10),
    ransomware: await getRansomwareWorstCase(scope),
  };
}

/** The portfolio's stored figures over time (one entry per recompute), oldest first: for trends. */
export async function getRiskHistory(scope: ClientScope, options: { since?: string } = {}): Promise<{ computedAt: string; mean: number; p90: number; p99: number; aboveAppetite: boolean | null; scenarios: number }[]> {
  let q = scope.db.selectFrom('risk_runs').select(['computed_at', 'summary_json', 'risk_count']);
  if (options.since) q = q.where('computed_at', '>=', options.since);
  const rows = await q.orderBy('computed_at').execute();
  return rows.map((r) => {
    const s = fromJson<StoredPortfolio | null>(r.summary_json, null);
    const c = s ? pickStats(s.residual ?? s.inherent) : { mean: 0, p90: 0, p99: 0 };
    return { computedAt: r.computed_at, mean: c.mean, p90: c.p90, p99: c.p99, aboveAppetite: s ? ((s.residualAppetite ?? s.inherentAppetite)?.breached ?? null) : null, scenarios: r.risk_count };
  });
}

/** What the register asks of the caller (the home page's "Waiting for you"). */
export { riskTasks } from './tasks.js';
