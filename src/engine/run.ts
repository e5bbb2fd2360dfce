/**
 * A run's buffers and the two phases of work: simulate and summarise each risk, group by group;
 * then add up and summarise the portfolio, residual and retained (insured) portfolios. The same
 * functions serve the in-process runner and the worker threads; with shared buffers, threads
 * claim work through atomic counters, and since streams are keyed by (seed, risk id, block of
 * years, purpose) and every sum runs in a fixed order, the result does not depend on who did
 * what. layout.ts lays the run out; assemble.ts builds the output from the summaries.
 */
import { Heap } from './heap.js';
import { assemble } from './assemble.js';
import { BLOCK_YEARS, BlockScratch, simulateRisk, type RiskTargets } from './kernel.js';
import { layoutRun, PORTFOLIO_TASKS, policySlot, TASK_PORTFOLIO, TASK_RESIDUAL_PORTFOLIO, TASK_RETAINED_PORTFOLIO, type RunLayout, type RunSpec } from './layout.js';
import type { DetailedSimulation, SimulationProgress, SimulationResult } from './result.js';
import { BUCKETS, LEC_POINTS, S_EXHAUSTED, summarize } from './stats.js';

export { assemble } from './assemble.js';
export { layoutRun, PORTFOLIO_TASKS, resolveRun, type RunLayout, type RunSpec, type SimulateOptions } from './layout.js';

// Control words of a run.
export const C_NEXT_GROUP = 0;
export const C_DONE_GROUPS = 1;
export const C_NEXT_TASK = 2;
export const C_DONE_TASKS = 3;
export const C_FAILED = 4;
/** Work units of a run: its groups, then the portfolio tasks. */
export function workUnits(layout: RunLayout): number {
  return layout.groups.length + PORTFOLIO_TASKS;
}

/**
 * The memory of a run that threads share: partial portfolios, summaries and control words. A
 * sequential run (one thread, no pool) keeps no partials: its worker takes the groups in order
 * and adds each group's sums to running totals in its heap, which gives the same sums as adding
 * the partials in group order at the end.
 */
export interface RunBuffers {
  sequential: boolean;
  control: Int32Array;
  /** Per group, the group's annual losses (dense); group 0's becomes the portfolio. */
  partials: Float64Array[];
  residualPartials: Float64Array[] | null;
  /** Per group, the loss the company keeps per year before aggregate limits (insured models). */
  retainedPartials: Float64Array[] | null;
  /** Per group, per policy, its recoveries per year before its aggregate limit (insured models). */
  recoveredPartials: Float64Array[][] | null;
  /** Summary slots (see {@link TASK_PORTFOLIO}). */
  summaries: Float64Array;
}

/** Allocates a run's buffers: `shared` for use from several threads, else for a sequential run. */
export function allocateBuffers(layout: RunLayout, shared: boolean): RunBuffers {
  const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const f64 = (n: number): Float64Array => new Float64Array(alloc(n * 8));
  const years = layout.spec.years;
  const groups = shared ? layout.groups : [];
  return {
    sequential: !shared,
    control: new Int32Array(alloc(8 * 4)),
    partials: groups.map(() => f64(years)),
    residualPartials: layout.hasResidual && shared ? groups.map(() => f64(years)) : null,
    retainedPartials: layout.insured && shared ? groups.map(() => f64(years)) : null,
    recoveredPartials: layout.insured && shared ? groups.map(() => layout.policies.map(() => f64(years))) : null,
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
    const policies = layout.policies.length;
    this.heap = new Heap(years, BLOCK_YEARS, layout.eventCapacity, layout.hasResidual, BUCKETS, LEC_POINTS, policies, buffers.sequential);
    const h = this.heap;
    layout.policies.forEach((p, k) => {
      h.policyParams[2 * k] = p.deductible;
      h.policyParams[2 * k + 1] = p.limit;
    });
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
      insurance: layout.insured ? { sums: h.insuranceSums, width: 1 + policies } : null,
    };
    this.residualSlot = new Map(layout.treated.map((r, j) => [r, layout.residualSlot + j]));
  }

  /** Claims and simulates groups of risks until none is left; returns how many it did. */
  claimGroups(onUnit?: () => void): number {
    const c = this.buffers.control;
    const groups = this.layout.groups.length;
    let done = 0;
    for (let i = Atomics.add(c, C_NEXT_GROUP, 1); i < groups; i = Atomics.add(c, C_NEXT_GROUP, 1)) {
      if (Atomics.load(c, C_FAILED) !== 0) break;
      // A sequential run takes the groups in order, to add them up as it goes.
      this.group(this.buffers.sequential ? i : this.layout.claimOrder[i]!);
      Atomics.add(c, C_DONE_GROUPS, 1);
      Atomics.notify(c, C_DONE_GROUPS);
      done++;
      onUnit?.();
    }
    return done;
  }

  /** Claims and summarises the portfolio, residual and retained portfolios (every group must be done). */
  claimPortfolios(onUnit?: () => void): number {
    const c = this.buffers.control;
    let done = 0;
    for (let t = Atomics.add(c, C_NEXT_TASK, 1); t < PORTFOLIO_TASKS; t = Atomics.add(c, C_NEXT_TASK, 1)) {
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
   * portfolios, then hands the group's partials over to the run's buffers (or, in a sequential
   * run, adds them to the running totals).
   */
  group(g: number): void {
    const { layout, buffers, targets, heap } = this;
    const { years, detail } = layout.spec;
    const { from, to } = layout.groups[g]!;
    heap.partial.fill(0);
    if (layout.hasResidual) heap.residualPartial.fill(0);
    if (layout.insured) heap.insuranceSums.fill(0);
    const slot = layout.slot;
    for (let r = from; r < to; r++) {
      simulateRisk(layout.plans[r]!, targets, this.scratch);
      summarize(heap, targets.values, targets.count, years, { curves: detail, sd: detail, appetite: [] }, buffers.summaries, (layout.riskSlot + r) * slot);
      const rs = this.residualSlot.get(r);
      if (rs !== undefined) summarize(heap, targets.residualValues, targets.residualCount, years, { curves: detail, sd: detail, appetite: [] }, buffers.summaries, rs * slot);
    }
    if (buffers.sequential) {
      this.fold(g === 0);
      return;
    }
    buffers.partials[g]!.set(heap.partial);
    if (buffers.residualPartials) buffers.residualPartials[g]!.set(heap.residualPartial);
    if (targets.insurance) {
      // The interleaved yearly sums, one series at a time through the (now free) values region.
      const { sums, width } = targets.insurance;
      const series = heap.values.subarray(0, years);
      for (let j = 0; j < width; j++) {
        heap.insurance.strided(heap.at(sums) + 8 * j, width, years, heap.at(series));
        (j === 0 ? buffers.retainedPartials![g]! : buffers.recoveredPartials![g]![j - 1]!).set(series);
      }
    }
  }

  /** A sequential run's group sums, added to the running totals (the first group's become them). */
  private fold(first: boolean): void {
    const { layout, heap } = this;
    const add = (total: Float64Array, part: Float64Array): void => {
      if (first) total.set(part);
      else heap.stats.addInto(heap.at(total), heap.at(part), part.length);
    };
    add(heap.portfolioTotal, heap.partial);
    if (layout.hasResidual) add(heap.residualTotal, heap.residualPartial);
    if (layout.insured) add(heap.insuranceTotal, heap.insuranceSums);
  }

  /** Adds the partials in group order and summarises the sum (task 0: portfolio, 1: residual, 2: retained). */
  portfolio(t: number): void {
    if (t === TASK_RETAINED_PORTFOLIO) {
      this.retained();
      return;
    }
    const { layout, buffers, heap } = this;
    if (t === TASK_RESIDUAL_PORTFOLIO && !layout.hasResidual) return;
    const { years, detail } = layout.spec;
    let sum: Float64Array;
    if (buffers.sequential) sum = t === TASK_PORTFOLIO ? heap.portfolioTotal : heap.residualTotal;
    else {
      sum = heap.partial;
      this.sumInto(sum, t === TASK_PORTFOLIO ? buffers.partials : buffers.residualPartials!);
    }
    summarize(heap, sum, years, years, { curves: t === TASK_PORTFOLIO || detail, sd: true, appetite: layout.appetite }, buffers.summaries, t * layout.slot);
  }

  /** sum = the partials added in group order (sum must be a view into the heap other than `candidates`). */
  private sumInto(sum: Float64Array, parts: Float64Array[]): void {
    const heap = this.heap;
    sum.set(parts[0]!);
    for (let g = 1; g < parts.length; g++) {
      heap.candidates.set(parts[g]!);
      heap.stats.addInto(heap.at(sum), heap.at(heap.candidates), this.layout.spec.years);
    }
  }

  /**
   * The retained portfolio and each policy's recoveries. A policy's recoveries in a year are its
   * recoveries from every covered event, capped at its aggregate limit; what the cap takes off
   * goes back to the company: retained = Σ (loss − event recoveries) + Σ (policy's year − cap).
   */
  private retained(): void {
    const { layout, buffers, heap } = this;
    if (!layout.insured) return;
    const { years, detail } = layout.spec;
    const out = buffers.summaries;
    const retained = heap.partial;
    const recovered = heap.values;
    const width = 1 + layout.policies.length;
    // Series j of the interleaved totals (0 retained, 1 + k policy k), or the partials added up.
    const series = (j: number, into: Float64Array): void => {
      if (buffers.sequential) heap.insurance.strided(heap.at(heap.insuranceTotal) + 8 * j, width, years, heap.at(into));
      else this.sumInto(into, j === 0 ? buffers.retainedPartials! : buffers.recoveredPartials!.map((parts) => parts[j - 1]!));
    };
    series(0, retained);
    for (const policy of layout.policies) {
      series(1 + policy.index, recovered);
      const cap = policy.aggregateLimit;
      const exhausted = cap < Infinity ? heap.insurance.capRecoveries(heap.at(recovered), heap.at(retained), years, cap) : 0;
      const at = policySlot(policy.index) * layout.slot;
      summarize(heap, recovered, years, years, { curves: detail, sd: detail, appetite: [] }, out, at);
      out[at + S_EXHAUSTED] = exhausted / years;
    }
    summarize(heap, retained, years, years, { curves: true, sd: true, appetite: layout.appetite }, out, TASK_RETAINED_PORTFOLIO * layout.slot);
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

