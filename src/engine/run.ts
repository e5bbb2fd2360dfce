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
import { simulateRisk } from './kernel.js';
import { BLOCK_YEARS, BlockScratch, type RiskTargets } from './scratch.js';
import { layoutRun, PORTFOLIO_TASKS, policySlot, TASK_PORTFOLIO, TASK_RESIDUAL_PORTFOLIO, TASK_RETAINED_PORTFOLIO, type RunLayout, type RunSpec } from './layout.js';
import type { DetailedSimulation, SimulationProgress, SimulationResult } from './result.js';
import { BUCKETS, LEC_POINTS, S_EXHAUSTED, summarize } from './stats.js';

export { assemble } from './assemble.js';
export { layoutRun, PORTFOLIO_TASKS, resolveRun, type RunLayout, type RunSpec, type SimulateOptions } from './layout.js';

// Control words of a run.
export const C_NEXT_GROUP = 0;
/** Groups added into the run's totals, in group order (they are done only then). */
export const C_DONE_GROUPS = 1;
export const C_NEXT_TASK = 2;
export const C_DONE_TASKS = 3;
export const C_FAILED = 4;
/** The lock under which a thread adds a group to the totals or parks it in a pool buffer. */
const C_LOCK = 5;
/** Work units of a run: its groups, then the portfolio tasks. */
export function workUnits(layout: RunLayout): number {
  return layout.groups.length + PORTFOLIO_TASKS;
}

/**
 * The memory of a run that threads share: the running totals, a small pool of buffers for groups
 * done out of order, summaries and control words. Each group's sums (a series of years for the
 * portfolio, then the residual portfolio, then the interleaved insurance sums) are added to the
 * totals in group order, the same sums in the same order as a run on one thread: a thread that
 * finishes the next group in order adds it in (and any parked groups that follow it); one that
 * finishes a later group parks it in a free pool buffer, or waits for one. A sequential run (one
 * thread, no pool) keeps its totals in its heap instead.
 */
export interface RunBuffers {
  sequential: boolean;
  control: Int32Array;
  /** Doubles of a group's sums: years × (1 portfolio + 1 residual + (1 + policies) insurance) as the model has them. */
  width: number;
  /** The totals of the groups added so far (shared runs; empty in a sequential run). */
  totals: Float64Array;
  /** Pool buffers of `width` doubles each, and the group each holds (−1: free). */
  pool: Float64Array[];
  poolGroup: Int32Array;
  /** Summary slots (see {@link TASK_PORTFOLIO}). */
  summaries: Float64Array;
}

/** Doubles of one group's sums: the portfolio's years, the residual's, the interleaved insurance sums. */
function sumsWidth(layout: RunLayout): number {
  const years = layout.spec.years;
  return years * (1 + (layout.hasResidual ? 1 : 0) + (layout.insured ? 1 + layout.policies.length : 0));
}

/**
 * Allocates a run's buffers: `shared` for use from several threads (`threads` of them, which
 * sizes the pool for groups done out of order), else for a sequential run. Pages of a pool buffer
 * that is never used are never touched, so an idle buffer costs address space, not memory.
 */
export function allocateBuffers(layout: RunLayout, shared: boolean, threads = 2): RunBuffers {
  const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const f64 = (n: number): Float64Array => new Float64Array(alloc(n * 8));
  const width = shared ? sumsWidth(layout) : 0;
  const poolSize = shared ? Math.max(0, Math.min(threads, layout.groups.length - 1)) : 0;
  const poolGroup = new Int32Array(alloc(Math.max(1, poolSize) * 4)).fill(-1);
  return {
    sequential: !shared,
    control: new Int32Array(alloc(8 * 4)),
    width,
    totals: f64(width),
    pool: Array.from({ length: poolSize }, () => f64(width)),
    poolGroup,
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

  /** Claims and simulates groups of risks, in group order, until none is left; returns how many it did. */
  claimGroups(onUnit?: () => void): number {
    const c = this.buffers.control;
    const groups = this.layout.groups.length;
    let done = 0;
    for (let i = Atomics.add(c, C_NEXT_GROUP, 1); i < groups; i = Atomics.add(c, C_NEXT_GROUP, 1)) {
      if (Atomics.load(c, C_FAILED) !== 0) break;
      // Claimed in order, so that the group the totals wait for is always being worked on.
      this.group(i);
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
   * portfolios, then adds the group's sums to the run's totals (in group order, see
   * {@link RunBuffers}).
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
      Atomics.add(buffers.control, C_DONE_GROUPS, 1);
    } else this.handOver(g);
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

  /** The heap's group sums, each at its place in a group's sums (see {@link RunBuffers}). */
  private groupSums(): [Float64Array, number][] {
    const { layout, heap } = this;
    const years = layout.spec.years;
    const parts: [Float64Array, number][] = [[heap.partial, 0]];
    if (layout.hasResidual) parts.push([heap.residualPartial, years]);
    if (layout.insured) parts.push([heap.insuranceSums, (layout.hasResidual ? 2 : 1) * years]);
    return parts;
  }

  /**
   * A shared run's group g, done: if it is the next group in order, adds it to the totals, then
   * every parked group that follows; otherwise parks it in a free pool buffer, or waits until the
   * totals move on and tries again. Returns early if the run failed.
   */
  private handOver(g: number): void {
    const { buffers } = this;
    const { control: c, totals, pool, poolGroup } = buffers;
    for (;;) {
      lock(c);
      let next = 0;
      let placed = false;
      try {
        next = Atomics.load(c, C_DONE_GROUPS);
        if (next === g) {
          for (const [part, at] of this.groupSums()) {
            if (g === 0) totals.set(part, at);
            else addInto(totals, at, part, 0, part.length);
          }
          next++;
          for (let k = poolGroup.indexOf(next); k >= 0; k = poolGroup.indexOf(next)) {
            addInto(totals, 0, pool[k]!, 0, buffers.width);
            Atomics.store(poolGroup, k, -1);
            next++;
          }
          Atomics.store(c, C_DONE_GROUPS, next);
          placed = true;
        } else {
          const k = poolGroup.indexOf(-1);
          if (k >= 0 && k < pool.length) {
            for (const [part, at] of this.groupSums()) pool[k]!.set(part, at);
            Atomics.store(poolGroup, k, g);
            placed = true;
          }
        }
      } finally {
        unlock(c);
      }
      if (placed) {
        Atomics.notify(c, C_DONE_GROUPS);
        return;
      }
      if (Atomics.load(c, C_FAILED) !== 0) return;
      Atomics.wait(c, C_DONE_GROUPS, next, 100);
    }
  }

  /** Summarises the portfolio (task 0) or the residual portfolio (1) from the totals, or the retained portfolio (2). */
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
      const at = t === TASK_PORTFOLIO ? 0 : years;
      sum.set(buffers.totals.subarray(at, at + years));
    }
    summarize(heap, sum, years, years, { curves: t === TASK_PORTFOLIO || detail, sd: true, appetite: layout.appetite }, buffers.summaries, t * layout.slot);
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
    const insuranceAt = (layout.hasResidual ? 2 : 1) * years;
    // Series j of the interleaved insurance totals (0 retained, 1 + k policy k).
    const series = (j: number, into: Float64Array): void => {
      if (buffers.sequential) heap.insurance.strided(heap.at(heap.insuranceTotal) + 8 * j, width, years, heap.at(into));
      else {
        const totals = buffers.totals;
        for (let y = 0, i = insuranceAt + j; y < years; y++, i += width) into[y] = totals[i]!;
      }
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

/** total[at + i] += part[from + i] for i < n, each sum as the heap's addInto makes it. */
function addInto(total: Float64Array, at: number, part: Float64Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) total[at + i] = total[at + i]! + part[from + i]!;
}

/** Takes the run's lock (waits while another thread holds it). */
function lock(c: Int32Array): void {
  while (Atomics.compareExchange(c, C_LOCK, 0, 1) !== 0) Atomics.wait(c, C_LOCK, 1, 1);
}

function unlock(c: Int32Array): void {
  Atomics.store(c, C_LOCK, 0);
  Atomics.notify(c, C_LOCK, 1);
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

