/**
 * A run: its layout (groups of risks, summary slots), its buffers, the two phases of work
 * (simulate and summarise each risk, group by group; then add up and summarise the portfolio)
 * and the assembly of the result. The same functions serve the in-process runner and the
 * worker threads; with shared buffers, threads claim work through atomic counters, and since
 * streams are keyed by (seed, risk, block of years) and every sum runs in a fixed order, the
 * result does not depend on who did what.
 */
import { Heap } from './asm.js';
import { BLOCK_YEARS, BlockScratch, compileRisk, expectedMean, expectedRate, simulateRisk, type RiskPlan, type RiskTargets } from './kernel.js';
import { DEFAULT_CURRENCY, DEFAULT_SEED, DEFAULT_YEARS, type RiskModel } from './model.js';
import type {
  AppetiteResult,
  DetailedSimulation,
  Histogram,
  LecPoint,
  LossDistribution,
  LossSummary,
  RiskDetail,
  RiskResult,
  SimulationDetail,
  SimulationProgress,
  SimulationResult,
} from './result.js';
import {
  BUCKETS,
  HISTOGRAM_BINS,
  LEC_POINTS,
  S_APPETITE,
  S_HISTOGRAM,
  S_LEC_LOSS,
  S_LEC_PROBABILITY,
  S_MAX,
  S_MEAN,
  S_PROBABILITY,
  S_Q,
  S_SD,
  slotSize,
  summarize,
} from './stats.js';
import { checkRunOptions, ModelValidationError } from './validate.js';

/** Options of a simulation. */
export interface SimulateOptions {
  /** Simulated years; default: the model's `years`, else 100,000. */
  years?: number;
  /** Seed; default: the model's `seed`, else 1. */
  seed?: number;
  /** Also return {@link SimulationDetail} (curves and histograms per risk, the residual portfolio's curves and appetite check). */
  detail?: boolean;
  /** Called on the calling thread as work completes: after each group of risks and each portfolio summary. */
  onProgress?: (progress: SimulationProgress) => void;
  /** The version to report in `engine.version` (the host application's version). */
  version?: string;
}

/** The resolved parameters of a run. */
export interface RunSpec {
  model: RiskModel;
  years: number;
  seed: number;
  detail: boolean;
  version: string;
}

/** Resolves options against the model's own settings and the defaults; throws ModelValidationError on bad values. */
export function resolveRun(model: RiskModel, options: SimulateOptions): RunSpec {
  const years = options.years ?? model.years ?? DEFAULT_YEARS;
  const seed = options.seed ?? model.seed ?? DEFAULT_SEED;
  const problems = checkRunOptions({ years, seed, risks: model.risks.length });
  if (problems.length > 0) throw new ModelValidationError(problems);
  return { model, years, seed, detail: options.detail === true, version: options.version ?? '0.0.0' };
}

/** Summary slots: 0 portfolio, 1 residual portfolio, 2 + i risk i, 2 + risks + j residual of treated risk j. */
export const TASK_PORTFOLIO = 0;
export const TASK_RESIDUAL_PORTFOLIO = 1;

/**
 * Risks are simulated in groups of consecutive risks, each group adding into its own partial
 * portfolio in risk order; the partials are then added in group order. The grouping depends
 * only on the number of risks, so the order of every sum is the same whatever the threads.
 */
export const MAX_GROUPS = 8;

/** Everything about a run that follows from its spec, computed the same way in every thread. */
export interface RunLayout {
  spec: RunSpec;
  plans: RiskPlan[];
  /** Risk index ranges [from, to) of the groups. */
  groups: { from: number; to: number }[];
  /** Group indices in the order threads claim them: the most events first, for balance. */
  claimOrder: number[];
  treated: number[];
  hasResidual: boolean;
  appetite: number[];
  slot: number;
  slots: number;
  /** Events per block that each thread's heap holds (blocks with more use slower loops). */
  eventCapacity: number;
}

export function layoutRun(spec: RunSpec): RunLayout {
  const plans = spec.model.risks.map((r, i) => compileRisk(r, i));
  const treated = plans.filter((p) => p.treated).map((p) => p.index);
  const appetite = (spec.model.appetite ?? []).map((a) => a.loss);
  const count = Math.min(MAX_GROUPS, plans.length);
  const groups = Array.from({ length: count }, (_, g) => ({
    from: Math.floor((g * plans.length) / count),
    to: Math.floor(((g + 1) * plans.length) / count),
  }));
  const cost = groups.map(({ from, to }) => plans.slice(from, to).reduce((sum, p) => sum + expectedRate(p) + 1, 0));
  const claimOrder = groups.map((_, g) => g).sort((a, b) => cost[b]! - cost[a]! || a - b);
  return {
    spec,
    plans,
    groups,
    claimOrder,
    treated,
    hasResidual: treated.length > 0,
    appetite,
    slot: slotSize(appetite.length),
    slots: 2 + plans.length + treated.length,
    eventCapacity: eventCapacity(plans, Math.min(spec.years, BLOCK_YEARS)),
  };
}

/**
 * Room for a block's events: with a good margin (12 sd of a Poisson count) above the largest
 * expected count, using each rate's upper bound where it has one; at most 4 million.
 */
function eventCapacity(plans: RiskPlan[], blockYears: number): number {
  let most = 0;
  for (const p of plans) {
    const upper = p.lef ? p.lef.upper : p.tef!.upper * p.vulnerability!.upper;
    const rate = Number.isFinite(upper) ? upper : 4 * expectedRate(p);
    const mean = rate * blockYears;
    most = Math.max(most, Math.ceil(mean + 12 * Math.sqrt(mean) + 64));
  }
  return Math.min(4_000_000, Math.max(1024, most));
}


// Control words of a run.
export const C_NEXT_GROUP = 0;
export const C_DONE_GROUPS = 1;
export const C_NEXT_TASK = 2;
export const C_DONE_TASKS = 3;
export const C_FAILED = 4;
/** Work units of a run: its groups, then the portfolio and the residual portfolio. */
export function workUnits(layout: RunLayout): number {
  return layout.groups.length + 2;
}

/** The memory of a run that threads share: partial portfolios, summaries and control words. */
export interface RunBuffers {
  control: Int32Array;
  /** Per group, the group's annual losses (dense); group 0's becomes the portfolio. */
  partials: Float64Array[];
  residualPartials: Float64Array[] | null;
  /** Summary slots (see {@link TASK_PORTFOLIO}). */
  summaries: Float64Array;
}

/** Allocates a run's buffers; `shared` for use from several threads. */
export function allocateBuffers(layout: RunLayout, shared: boolean): RunBuffers {
  const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const f64 = (n: number): Float64Array => new Float64Array(alloc(n * 8));
  const years = layout.spec.years;
  return {
    control: new Int32Array(alloc(8 * 4)),
    partials: layout.groups.map(() => f64(years)),
    residualPartials: layout.hasResidual ? layout.groups.map(() => f64(years)) : null,
    summaries: f64(layout.slots * layout.slot),
  };
}

/** One thread's part in a run. */
export class RunWorker {
  private readonly heap: Heap;
  private readonly scratch: BlockScratch;
  private readonly targets: RiskTargets;
  private readonly residualSlot: Map<number, number>;

  constructor(
    readonly layout: RunLayout,
    readonly buffers: RunBuffers,
  ) {
    const { years, seed } = layout.spec;
    this.heap = new Heap(years, BLOCK_YEARS, layout.eventCapacity, layout.hasResidual, BUCKETS, LEC_POINTS);
    this.scratch = new BlockScratch(this.heap);
    this.targets = {
      seed,
      years,
      values: this.heap.values,
      count: 0,
      residualValues: this.heap.residualValues,
      residualCount: 0,
      portfolio: this.heap.partial,
      residualPortfolio: layout.hasResidual ? this.heap.residualPartial : null,
    };
    this.residualSlot = new Map(layout.treated.map((r, j) => [r, 2 + layout.plans.length + j]));
  }

  /** Claims and simulates groups of risks until none is left; returns how many it did. */
  claimGroups(onUnit?: () => void): number {
    const c = this.buffers.control;
    const groups = this.layout.groups.length;
    let done = 0;
    for (let i = Atomics.add(c, C_NEXT_GROUP, 1); i < groups; i = Atomics.add(c, C_NEXT_GROUP, 1)) {
      if (Atomics.load(c, C_FAILED) !== 0) break;
      this.group(this.layout.claimOrder[i]!);
      Atomics.add(c, C_DONE_GROUPS, 1);
      Atomics.notify(c, C_DONE_GROUPS);
      done++;
      onUnit?.();
    }
    return done;
  }

  /** Claims and summarises the portfolio and the residual portfolio (every group must be done). */
  claimPortfolios(onUnit?: () => void): number {
    const c = this.buffers.control;
    let done = 0;
    for (let t = Atomics.add(c, C_NEXT_TASK, 1); t < 2; t = Atomics.add(c, C_NEXT_TASK, 1)) {
      if (Atomics.load(c, C_FAILED) !== 0) break;
      this.portfolio(t);
      Atomics.add(c, C_DONE_TASKS, 1);
      Atomics.notify(c, C_DONE_TASKS);
      done++;
      onUnit?.();
    }
    return done;
  }

  /**
   * Simulates and summarises each risk of group g, in order, summing into the heap's partial
   * portfolios, then hands the group's partials over to the run's buffers.
   */
  group(g: number): void {
    const { layout, buffers, targets, heap } = this;
    const { years, detail } = layout.spec;
    const { from, to } = layout.groups[g]!;
    heap.partial.fill(0);
    if (layout.hasResidual) heap.residualPartial.fill(0);
    const slot = layout.slot;
    for (let r = from; r < to; r++) {
      simulateRisk(layout.plans[r]!, targets, this.scratch);
      summarize(heap, targets.values, targets.count, years, { curves: detail, sd: detail, appetite: [] }, buffers.summaries, (2 + r) * slot);
      const rs = this.residualSlot.get(r);
      if (rs !== undefined) summarize(heap, targets.residualValues, targets.residualCount, years, { curves: detail, sd: detail, appetite: [] }, buffers.summaries, rs * slot);
    }
    buffers.partials[g]!.set(heap.partial);
    if (buffers.residualPartials) buffers.residualPartials[g]!.set(heap.residualPartial);
  }

  /** Adds the partials in group order and summarises the sum (task 0: portfolio, 1: residual). */
  portfolio(t: number): void {
    const { layout, buffers, heap } = this;
    const parts = t === TASK_PORTFOLIO ? buffers.partials : buffers.residualPartials;
    if (!parts) return;
    const { years, detail } = layout.spec;
    const sum = heap.partial;
    sum.set(parts[0]!);
    for (let g = 1; g < parts.length; g++) {
      heap.candidates.set(parts[g]!);
      heap.kernel.addInto(heap.at(sum), heap.at(heap.candidates), years);
    }
    summarize(heap, sum, years, years, { curves: t === TASK_PORTFOLIO || detail, sd: true, appetite: layout.appetite }, buffers.summaries, t * layout.slot);
  }
}

/** Runs a whole simulation on the calling thread. */
export function runInProcess(spec: RunSpec, onProgress?: (p: SimulationProgress) => void): SimulationResult | DetailedSimulation {
  const layout = layoutRun(spec);
  const buffers = allocateBuffers(layout, false);
  const worker = new RunWorker(layout, buffers);
  const total = workUnits(layout);
  let done = 0;
  const tick = onProgress ? (): void => onProgress({ done: ++done, total }) : undefined;
  worker.claimGroups(tick);
  worker.claimPortfolios(tick);
  return assemble(layout, buffers.summaries);
}

// --- Assembly of the result from the summaries.

function summaryAt(s: Float64Array, offset: number): LossSummary {
  return {
    mean: s[offset + S_MEAN]!,
    sd: s[offset + S_SD]!,
    p10: s[offset + S_Q]!,
    p50: s[offset + S_Q + 1]!,
    p90: s[offset + S_Q + 2]!,
    p95: s[offset + S_Q + 3]!,
    p99: s[offset + S_Q + 4]!,
    max: s[offset + S_MAX]!,
    probabilityOfLoss: s[offset + S_PROBABILITY]!,
  };
}

function lecAt(s: Float64Array, offset: number): LecPoint[] {
  if (s[offset + S_MAX] === 0) return [];
  const points: LecPoint[] = [];
  for (let i = 0; i < LEC_POINTS; i++) points.push({ loss: s[offset + S_LEC_LOSS + i]!, probability: s[offset + S_LEC_PROBABILITY + i]! });
  return points;
}

function histogramAt(s: Float64Array, offset: number): Histogram {
  if (s[offset + S_MAX] === 0) return { edges: [], counts: [] };
  const edges: number[] = [];
  const counts: number[] = [];
  for (let j = 0; j <= HISTOGRAM_BINS; j++) edges.push(s[offset + S_LEC_LOSS + 2 * j]!);
  for (let j = 0; j < HISTOGRAM_BINS; j++) counts.push(s[offset + S_HISTOGRAM + j]!);
  return { edges, counts };
}

function distributionAt(s: Float64Array, offset: number): LossDistribution {
  return { ...summaryAt(s, offset), lec: lecAt(s, offset), histogram: histogramAt(s, offset) };
}

function appetiteAt(layout: RunLayout, s: Float64Array, offset: number): AppetiteResult | undefined {
  const points = layout.spec.model.appetite;
  if (!points) return undefined;
  const checked = points.map((p, i) => {
    const probability = s[offset + S_APPETITE + i]!;
    return { loss: p.loss, limit: p.probability, probability, breached: probability > p.probability };
  });
  return { breached: checked.some((p) => p.breached), points: checked };
}

function rosi(inherent: number, residual: number, cost: number): number | null {
  return cost > 0 ? (inherent - residual - cost) / cost : null;
}

/** Builds the result (and its detail when the run asked for it) from the summaries. */
export function assemble(layout: RunLayout, s: Float64Array): SimulationResult | DetailedSimulation {
  const { spec, plans, slot } = layout;
  const risks = plans.length;
  const residualTask = new Map(layout.treated.map((r, j) => [r, 2 + risks + j]));
  const p = summaryAt(s, TASK_PORTFOLIO * slot);
  const appetite = appetiteAt(layout, s, TASK_PORTFOLIO * slot);
  const result: SimulationResult = {
    engine: { name: 'triad', version: spec.version },
    years: spec.years,
    seed: spec.seed,
    currency: spec.model.currency ?? DEFAULT_CURRENCY,
    portfolio: {
      mean: p.mean,
      sd: p.sd,
      p10: p.p10,
      p50: p.p50,
      p90: p.p90,
      p95: p.p95,
      p99: p.p99,
      max: p.max,
      probabilityOfLoss: p.probabilityOfLoss,
      lec: lecAt(s, TASK_PORTFOLIO * slot),
    },
    risks: [],
  };
  if (appetite) result.portfolio.appetite = appetite;
  if (layout.hasResidual) {
    const r = summaryAt(s, TASK_RESIDUAL_PORTFOLIO * slot);
    result.portfolio.residual = { mean: r.mean, p90: r.p90, p95: r.p95, p99: r.p99 };
  }
  for (const plan of plans) {
    const o = (2 + plan.index) * slot;
    const x = summaryAt(s, o);
    const risk: RiskResult = { id: plan.id, mean: x.mean, p50: x.p50, p90: x.p90, p95: x.p95, p99: x.p99, probabilityOfLoss: x.probabilityOfLoss };
    const rt = residualTask.get(plan.index);
    if (rt !== undefined) {
      const r = summaryAt(s, rt * slot);
      risk.residual = { mean: r.mean, p90: r.p90, p99: r.p99 };
      risk.treatmentCost = plan.treatmentCost;
      risk.rosi = rosi(x.mean, r.mean, plan.treatmentCost);
    }
    result.risks.push(risk);
  }
  if (!spec.detail) return result;

  const totalCost = plans.reduce((sum, plan) => sum + plan.treatmentCost, 0);
  const detail: SimulationDetail = {
    portfolio: { ...distributionAt(s, TASK_PORTFOLIO * slot), ...(appetite ? { appetite } : {}) },
    risks: plans.map((plan, i): RiskDetail => {
      const source = spec.model.risks[i]!;
      const d: RiskDetail = { id: plan.id, ...(source.name !== undefined ? { name: source.name } : {}), expectedMean: expectedMean(plan), ...distributionAt(s, (2 + i) * slot) };
      const rt = residualTask.get(i);
      if (rt !== undefined) {
        d.residual = distributionAt(s, rt * slot);
        d.treatmentCost = plan.treatmentCost;
        d.rosi = rosi(d.mean, d.residual.mean, plan.treatmentCost);
      }
      return d;
    }),
  };
  if (layout.hasResidual) {
    const residual = distributionAt(s, TASK_RESIDUAL_PORTFOLIO * slot);
    const residualAppetite = appetiteAt(layout, s, TASK_RESIDUAL_PORTFOLIO * slot);
    detail.portfolio.residual = {
      ...residual,
      ...(residualAppetite ? { appetite: residualAppetite } : {}),
      treatmentCost: totalCost,
      rosi: rosi(p.mean, residual.mean, totalCost),
    };
  }
  return { result, detail };
}
