/**
 * Whether an appetite verdict is settled by the simulated years. Each tolerance point's
 * simulated probability p carries the Monte Carlo standard error √(p(1 − p)/years); a point is
 * `confident` when |p − limit| > 1.96 standard errors (docs/risk-model.md, contract version 2).
 * The engine reports both per point; for results stored before it did, they are worked out here
 * the same way from the probability and the years.
 */

/** z for a two-sided 95 % interval. */
export const CONFIDENCE_Z = 1.96;

export interface CheckedPoint {
  loss: number;
  limit: number;
  probability: number;
  breached: boolean;
  stdError?: number;
  confident?: boolean;
}

export interface SettledPoint extends CheckedPoint {
  stdError: number;
  confident: boolean;
}

/** The point with its standard error and `confident`, from the engine's fields where present. */
export function withError(p: CheckedPoint, years: number): SettledPoint {
  const stdError = p.stdError ?? (years > 0 ? Math.sqrt((p.probability * (1 - p.probability)) / years) : 0);
  const confident = p.confident ?? Math.abs(p.probability - p.limit) > CONFIDENCE_Z * stdError;
  return { ...p, stdError, confident };
}

export interface Verdict {
  breached: boolean;
  /**
   * True when the simulated years settle the verdict: above appetite with at least one breached
   * point confidently above its limit, or within it with every point confidently below.
   */
  settled: boolean;
  points: SettledPoint[];
  /** The point that decides it: the worst breach, or the point closest to its limit. */
  deciding: SettledPoint | null;
}

/** How far a point is from its limit, in standard errors (negative: below it). */
function margin(p: SettledPoint): number {
  return (p.probability - p.limit) / Math.max(p.stdError, 1e-12);
}

export function verdictOf(points: readonly CheckedPoint[], years: number): Verdict {
  const checked = points.map((p) => withError(p, years));
  const breached = checked.some((p) => p.breached);
  const settled = breached ? checked.some((p) => p.breached && p.confident) : checked.every((p) => p.confident);
  let deciding: SettledPoint | null = null;
  for (const p of checked) {
    // Above: the breach furthest above its limit; within: the point nearest its limit.
    if (!deciding || (breached ? p.breached && (!deciding.breached || margin(p) > margin(deciding)) : margin(p) > margin(deciding))) deciding = p;
  }
  return { breached, settled, points: checked, deciding };
}

/** "3.1 %" / "0.25 %": a probability as people read it. */
export function percent(p: number): string {
  const v = 100 * p;
  return `${v.toFixed(v !== 0 && v < 1 ? 2 : 1)} %`;
}

/** What the simulated years could not settle, in one sentence; null when settled. */
export function unsettledSentence(v: Verdict, years: number, money: (x: number) => string): string | null {
  if (v.settled || !v.deciding) return null;
  const d = v.deciding;
  return `${years.toLocaleString('en-US')} simulated years cannot settle it: the chance of losing more than ${money(d.loss)} in a year is ${percent(d.probability)} \u00b1 ${percent(CONFIDENCE_Z * d.stdError)}, against ${percent(d.limit)} tolerated.`;
}
