/**
 * What other modules may use of the risk register: framework-free functions on a ClientScope
 * (or a Writer), stable and documented. The governance module takes snapshots of risks for
 * decisions and acceptances, checks acceptances against the appetite and sets the 'accepted'
 * status; the board pack reads the portfolio, its curves, the top risks and the ransomware
 * worst case. Money is in major units of the client's currency.
 */
import type { AppetitePoint, LecPoint, Risk, RiskModel } from '../../engine/index.js';
import type { ClientScope, Writer } from '../../server/context.js';
import { fromJson, toTimestamp } from '../../server/db/conventions.js';
import { invalid, notFound } from '../../server/errors.js';
import { formatMoney } from '../../shared/money.js';
import { CONFIDENCE_Z, percent, verdictOf, type SettledPoint, type Verdict } from '../../shared/risks/verdict.js';
import { words, type Language } from '../../server/i18n/index.js';
import { engineInsurance, inPortfolio, registerRisk } from './model.js';
import { getSimulator } from './pool.js';
import { enqueueRecompute } from './recompute.js';
import { basisCheck, basisOf, loadRegisterView, pickStats, portfolioCurves, presentResult, presentTreatment, topRisks, type Basis, type RegisterView, type StoredPortfolio } from './register.js';
import type { TopRisk } from './overview-schema.js';
import type { AppetiteStatus, InsuranceSummary, PolicyOut, ScenarioResultOut, TreatmentOut, WorstCaseOut } from './schema.js';
import type { OwnerSeat, RiskScenariosTable, RiskStatus } from './tables.js';

export type { OwnerSeat, RiskStatus };
export { portfolioRisk } from './portfolio.js';
export { getRansomwareWorstCase } from './worst-case.js';
export { getInsurance } from './insurance.js';
import { getInsurance } from './insurance.js';
import { getRansomwareWorstCase } from './worst-case.js';

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
  /** True when the client's whole portfolio, with these scenarios accepted as they stand, exceeds the tolerance curve at any point. */
  aboveAppetite: boolean;
  /** True when the simulated years settle the verdict (every deciding point is `confident`). */
  settled: boolean;
  /** Two or three sentences for people, naming the deciding point. */
  explanation: string;
  /** What the portfolio was checked on: the loss the company bears (retained, residual or inherent). */
  basis: Basis | null;
  /** Each tolerance point with the simulated chance that the portfolio loses more, its standard error and whether it is settled. */
  points: SettledPoint[];
  /** The portfolio's annual loss on that basis. */
  combined: { mean: number; p90: number; p99: number } | null;
  /** The named scenarios' current mean annual loss together (their expected yearly loss, the size of an acceptance). */
  size: number;
  /** Scenarios in the portfolio checked. */
  scenarioCount: number;
}

const checkCache = new WeakMap<object, Map<string, { verdict: Verdict; combined: AppetiteCheck['combined']; basis: Basis; means: number[] }>>();

/**
 * Whether the client's portfolio is above its risk appetite with the given scenarios accepted as
 * they stand: every scenario of the register (approved, not closed) with its planned and
 * in-place treatments, plus any named scenario not in it yet, checked on what the company bears.
 * An acceptance is weighed on the whole register, never on its own scenarios: several small
 * acceptances must not add up to a portfolio above appetite that no executive saw. When the
 * stored results are current they answer; otherwise the portfolio is simulated now (on the
 * client's seed and years). Without an appetite, `aboveAppetite` is false and the explanation
 * says that nothing could be checked.
 */
export async function checkAgainstAppetite(scope: ClientScope, riskIds: string[], language: Language = 'en'): Promise<AppetiteCheck> {
  const say = words(language, 'risks');
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
  const outside = scenarios.filter((s) => !inPortfolio(s));
  const scenarioCount = view.register.included.length + outside.length;
  if (settings.appetite.length === 0) {
    return {
      appetiteDefined: false,
      aboveAppetite: false,
      settled: true,
      explanation: say('appetite.undefined', { client: scope.client.name, names }),
      basis: null,
      points: [],
      combined: null,
      size: sizeFromStored(view, scenarios) ?? 0,
      scenarioCount,
    };
  }
  const stored = outside.length === 0 && !view.status.stale ? storedCheck(view) : null;
  const storedSize = stored ? sizeFromStored(view, scenarios) : null;
  let found: { verdict: Verdict; combined: AppetiteCheck['combined']; basis: Basis; size: number };
  if (stored && storedSize !== null) {
    found = { ...stored, size: storedSize };
  } else {
    let next = view.register.included.length;
    const positions = new Map(view.register.index);
    for (const s of outside) positions.set(s.id, next++);
    const insurance = engineInsurance(view.data, [...view.register.included, ...outside]);
    const model: RiskModel = {
      ...view.register.model,
      risks: [...view.register.model.risks, ...outside.map((s) => registerRisk(view.data, s))],
      appetite: settings.appetite,
      ...(insurance.length > 0 ? { insurance } : {}),
    };
    // Keyed by client as well: what one client has asked never answers another's question.
    const key = `${scope.clientId}:${JSON.stringify(model)}`;
    let cache = checkCache.get(scope.app);
    if (!cache) {
      cache = new Map();
      checkCache.set(scope.app, cache);
    }
    let hit = cache.get(key);
    if (!hit) {
      const simulator = await getSimulator(scope.app);
      const { detail } = await simulator.simulate(model, { years: settings.years, seed: settings.seed });
      const basis = basisOf(detail.portfolio);
      const dist = basis.distribution;
      hit = {
        verdict: verdictOf(basis.appetite?.points ?? [], settings.years),
        combined: { mean: dist.mean, p90: dist.p90, p99: dist.p99 },
        basis: basis.basis,
        means: detail.risks.map((r) => (r.residual ?? r).mean),
      };
      if (cache.size > 500) cache.clear();
      cache.set(key, hit);
    }
    const means = hit.means;
    found = { verdict: hit.verdict, combined: hit.combined, basis: hit.basis, size: scenarios.reduce((sum, s) => sum + (means[positions.get(s.id)!] ?? 0), 0) };
  }
  const { verdict, combined, basis } = found;
  // Percentages with the reader's decimal mark ("3.1 %" / "3,1 %").
  const pc = (p: number): string => (language === 'de' ? percent(p).replace('.', ',') : percent(p));
  const whose = say(basis === 'retained' ? 'appetite.whoseInsured' : 'appetite.whose', { client: scope.client.name, clients: possessive(scope.client.name), count: scenarioCount });
  const withThese = say('appetite.withThese', { names, count: scenarios.length });
  const d = verdict.deciding!;
  const point = { withThese, whose, loss: money(d.loss), probability: pc(d.probability), limit: pc(d.limit) };
  let explanation = say(verdict.breached ? 'appetite.above' : 'appetite.within', point);
  if (!verdict.settled) {
    const years = settings.years.toLocaleString(language === 'de' ? 'de-DE' : 'en-US');
    explanation += ` ${say(verdict.breached ? 'appetite.justAbove' : 'appetite.justWithin', { ...point, years, error: pc(CONFIDENCE_Z * d.stdError) })}`;
  }
  if (combined && combined.mean > 0) explanation += ` ${say('appetite.share', { names, count: scenarios.length, size: money(found.size), share: Math.round((100 * found.size) / combined.mean) })}`;
  return { appetiteDefined: true, aboveAppetite: verdict.breached, settled: verdict.settled, explanation, basis, points: verdict.points, combined, size: found.size, scenarioCount };
}

/** "Harbor & Finch CPAs'" / "Kestrel's". */
function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** The stored run's check on the basis, when it was made against the current curve. */
function storedCheck(view: RegisterView): { verdict: Verdict; combined: AppetiteCheck['combined']; basis: Basis } | null {
  const stored = view.run ? fromJson<StoredPortfolio | null>(view.run.summary_json, null) : null;
  if (!stored || !view.run || JSON.stringify(stored.appetite) !== JSON.stringify(view.data.settings.appetite)) return null;
  const { basis, check, stats } = basisCheck(stored);
  if (!check) return null;
  return { verdict: verdictOf(check.points, view.run.years), combined: { mean: stats.mean, p90: stats.p90, p99: stats.p99 }, basis };
}

/** The scenarios' current mean annual loss together, from the stored results; null when one has none that is current. */
function sizeFromStored(view: RegisterView, scenarios: RiskScenariosTable[]): number | null {
  let sum = 0;
  for (const s of scenarios) {
    const r = presentResult(s, view.present);
    if (!r || r.stale) return null;
    sum += r.current.mean;
  }
  return sum;
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
  /** Loss exceedance curves (inherent, residual when treatments exist, kept after insurance when insured) and the tolerance curve. */
  lec: { inherent: LecPoint[]; residual: LecPoint[] | null; retained: LecPoint[] | null; tolerance: AppetitePoint[] };
  topRisks: TopRisk[];
  ransomware: WorstCaseOut;
  /** The client's policies, and the loss before and after insurance (null without policies simulated). */
  insurance: { policies: PolicyOut[]; summary: InsuranceSummary | null };
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
    lec: { inherent: curves?.inherent.lec ?? [], residual: curves?.residual?.lec ?? null, retained: curves?.retained?.lec ?? null, tolerance: view.data.settings.appetite },
    topRisks: topRisks(view, options.top ?? 10),
    ransomware: await getRansomwareWorstCase(scope),
    insurance: await (async () => {
      const i = await getInsurance(scope);
      return { policies: i.policies, summary: i.summary };
    })(),
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
    return { computedAt: r.computed_at, mean: c.mean, p90: c.p90, p99: c.p99, aboveAppetite: s ? (basisCheck(s).check?.breached ?? null) : null, scenarios: r.risk_count };
  });
}

/** What the register asks of the caller (the home page's "Waiting for you"). */
export { riskTasks, riskTasksFor } from './tasks.js';
