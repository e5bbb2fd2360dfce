/**
 * Distributions: the standard normal functions, closed-form parameters and moments, and
 * samplers that fill typed arrays.
 * A distribution is compiled once per run into a {@link Sampler} for the role it plays
 * (a rate, a probability, a loss or a multiplier), which fixes its bounds.
 */
import type { Distribution } from './model.js';
import { expInPlace, fillNormals, fillPert } from './batches.js';
import type { Rng } from './rng.js';

// --- The standard normal distribution: density, distribution function and quantile function.
const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Upper tail Q(x) = P(Z > x) for x ≥ 0, to about 1e-14 relative. */
function upperTail(x: number): number {
  if (x < 2.5) {
    // Marsaglia's series Φ(x) = ½ + φ(x)(x + x³/3 + x⁵/15 + …); all terms are positive.
    let sum = x;
    let term = x;
    let prev = 0;
    const q = x * x;
    for (let i = 1; sum !== prev; ) {
      prev = sum;
      i += 2;
      term *= q / i;
      sum = prev + term;
    }
    return 0.5 - sum * normalPdf(x);
  }
  // Continued fraction for the Mills ratio, evaluated backwards; 80 terms suffice from 2.5 on.
  let t = x;
  for (let k = 80; k > 0; k--) t = x + k / t;
  return normalPdf(x) / t;
}

/** Standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  return x < 0 ? upperTail(-x) : 1 - upperTail(x);
}

/** P(Z > x), accurate in the far upper tail where 1 − Φ(x) would lose digits. */
export function normalSurvival(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 1;
  return x >= 0 ? upperTail(x) : 1 - upperTail(-x);
}

// Acklam's rational approximation (relative error 1.15e-9), then one Halley step.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

function lowerTailStart(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
}

/** Standard normal quantile Φ⁻¹(p) for p in (0, 1), to about 1e-15 relative. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let x: number;
  if (p < 0.02425) x = lowerTailStart(p);
  else if (p > 1 - 0.02425) x = -lowerTailStart(1 - p);
  else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  // Halley refinement against the accurate distribution function; the error is taken on the
  // side of the nearer tail so that it keeps its digits.
  const e = x < 0 ? normalCdf(x) - p : (1 - p) - normalSurvival(x);
  const u = e / normalPdf(x);
  return x - u / (1 + (x * u) / 2);
}

// --- Distributions.

/** What a factor is, which bounds its values: rates, losses and multipliers are ≥ 0, probabilities in [0, 1]. */
export type FactorRole = 'rate' | 'probability' | 'loss' | 'multiplier';

/** The bounds a role puts on a factor's values. */
export function roleBounds(role: FactorRole): [number, number] {
  return role === 'probability' ? [0, 1] : [0, Infinity];
}

/** Default confidence of a lognormal's low–high interval. */
export const DEFAULT_CONFIDENCE = 0.9;
/** Default PERT shape. */
export const DEFAULT_PERT_GAMMA = 4;

/**
 * μ and σ of the lognormal whose (1 − c)/2 and (1 + c)/2 quantiles are `low` and `high`:
 * μ = (ln low + ln high)/2, σ = (ln high − ln low)/(2z), z = Φ⁻¹((1 + c)/2).
 */
export function lognormalParameters(low: number, high: number, confidence = DEFAULT_CONFIDENCE): { mu: number; sigma: number } {
  const z = normalQuantile((1 + confidence) / 2);
  const ll = Math.log(low);
  const lh = Math.log(high);
  return { mu: (ll + lh) / 2, sigma: (lh - ll) / (2 * z) };
}

/** The beta shapes of a beta-PERT (Vose): α = 1 + γ(mode − min)/(max − min), β = 1 + γ(max − mode)/(max − min). */
export function pertParameters(min: number, mode: number, max: number, gamma = DEFAULT_PERT_GAMMA): { alpha: number; beta: number } {
  const range = max - min;
  return { alpha: 1 + (gamma * (mode - min)) / range, beta: 1 + (gamma * (max - mode)) / range };
}

// Sampler kinds.
const CONSTANT = 0;
const UNIFORM = 1;
const TRIANGULAR = 2;
const PERT = 3;
const LOGNORMAL = 4;
const NORMAL = 5;
const NORMAL_REJECT = 6;
const NORMAL_INVERSE_LOW = 7;
const NORMAL_INVERSE_HIGH = 8;

/** A distribution compiled for fast repeated sampling; all fields are plain numbers. */
export class Sampler {
  /** True when every draw gives `value`. */
  readonly isConstant: boolean;
  /** The value of a constant distribution, otherwise NaN. */
  readonly value: number;
  /** The smallest and largest value a draw can give. */
  readonly lower: number;
  readonly upper: number;
  /** Mean and standard deviation, in closed form. */
  readonly mean: number;
  readonly sd: number;
  /** μ and σ of a lognormal (which the event loops draw inline), otherwise NaN. */
  readonly logMu: number;
  readonly logSigma: number;

  private constructor(
    readonly kind: number,
    private readonly a: number,
    private readonly b: number,
    private readonly c: number,
    private readonly d: number,
    moments: { mean: number; sd: number; lower: number; upper: number },
  ) {
    this.isConstant = kind === CONSTANT;
    this.value = kind === CONSTANT ? a : NaN;
    this.logMu = kind === LOGNORMAL ? a : NaN;
    this.logSigma = kind === LOGNORMAL ? b : NaN;
    this.mean = moments.mean;
    this.sd = moments.sd;
    this.lower = moments.lower;
    this.upper = moments.upper;
  }

  /** Compiles a validated distribution for a role. */
  static of(dist: Distribution, role: FactorRole): Sampler {
    switch (dist.type) {
      case 'constant':
        return new Sampler(CONSTANT, dist.value, 0, 0, 0, { mean: dist.value, sd: 0, lower: dist.value, upper: dist.value });
      case 'uniform': {
        const w = dist.max - dist.min;
        return new Sampler(UNIFORM, dist.min, w, 0, 0, { mean: (dist.min + dist.max) / 2, sd: w / Math.sqrt(12), lower: dist.min, upper: dist.max });
      }
      case 'triangular': {
        const { min, mode, max } = dist;
        const w = max - min;
        const sd = Math.sqrt((min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18);
        return new Sampler(TRIANGULAR, min, max, (mode - min) / w, mode, { mean: (min + mode + max) / 3, sd, lower: min, upper: max });
      }
      case 'pert': {
        const { min, mode, max } = dist;
        const { alpha, beta } = pertParameters(min, mode, max, dist.gamma);
        const w = max - min;
        const s = alpha + beta;
        return new Sampler(PERT, min, w, alpha, beta, {
          mean: min + (w * alpha) / s,
          sd: w * Math.sqrt((alpha * beta) / (s * s * (s + 1))),
          lower: min,
          upper: max,
        });
      }
      case 'lognormal': {
        const { mu, sigma } = lognormalParameters(dist.low, dist.high, dist.confidence);
        const s2 = sigma * sigma;
        return new Sampler(LOGNORMAL, mu, sigma, 0, 0, {
          mean: Math.exp(mu + s2 / 2),
          sd: Math.sqrt(Math.expm1(s2)) * Math.exp(mu + s2 / 2),
          lower: 0,
          upper: Infinity,
        });
      }
      case 'normal': {
        const [roleLo, roleHi] = roleBounds(role);
        const lo = Math.max(dist.min ?? -Infinity, roleLo);
        const hi = Math.min(dist.max ?? Infinity, roleHi);
        const zl = (lo - dist.mean) / dist.sd;
        const moments = truncatedNormalMoments(dist.mean, dist.sd, zl, (hi - dist.mean) / dist.sd);
        let kind = NORMAL_INVERSE_LOW;
        if (lo === -Infinity && hi === Infinity) kind = NORMAL;
        else if (moments.mass >= 0.25) kind = NORMAL_REJECT;
        else if (zl >= 0) kind = NORMAL_INVERSE_HIGH;
        return new Sampler(kind, dist.mean, dist.sd, lo, hi, moments);
      }
    }
  }

  /**
   * Fills out[0..n) with draws. `fast`, when given, draws Beta-PERT, uniform and triangular
   * values in its asm.js loops (the same numbers as {@link fillPert} and the loops here).
   */
  fill(rng: Rng, out: Float64Array, n: number, fast?: FastDraws): void {
    const { a, b, c, d } = this;
    switch (this.kind) {
      case CONSTANT:
        out.fill(a, 0, n);
        return;
      case UNIFORM:
        if (fast) fast.uniforms(rng, out, n, a, b);
        else for (let i = 0; i < n; i++) out[i] = a + b * rng.uniform();
        return;
      case TRIANGULAR: {
        // Inverse distribution function; a = min, b = max, c = (mode − min)/(max − min), d = mode.
        const lowSpan = (b - a) * (d - a);
        const highSpan = (b - a) * (b - d);
        if (fast) {
          fast.triangulars(rng, out, n, a, b, c, lowSpan, highSpan);
          return;
        }
        for (let i = 0; i < n; i++) {
          const u = rng.uniform();
          out[i] = u < c ? a + Math.sqrt(u * lowSpan) : b - Math.sqrt((1 - u) * highSpan);
        }
        return;
      }
      case PERT:
        if (fast) fast.pert(rng, out, n, a, b, c, d);
        else fillPert(rng, out, n, a, b, c, d);
        return;
      case LOGNORMAL:
        fillLognormal(rng, out, n, a, b);
        return;
      case NORMAL:
        for (let i = 0; i < n; i++) out[i] = a + b * rng.normal();
        return;
      case NORMAL_REJECT:
        // a = mean, b = sd, c and d the bounds: redraw until inside (acceptance ≥ 1/4).
        for (let i = 0; i < n; i++) {
          let x: number;
          do x = a + b * rng.normal();
          while (x < c || x > d);
          out[i] = x;
        }
        return;
      case NORMAL_INVERSE_LOW:
      case NORMAL_INVERSE_HIGH:
        for (let i = 0; i < n; i++) out[i] = this.inverseDraw(rng.uniform());
        return;
    }
  }

  /** One draw, the same as the first of {@link fill}; for the few places that draw one at a time. */
  draw(rng: Rng): number {
    if (this.kind === CONSTANT) return this.a;
    this.fill(rng, ONE, 1);
    return ONE[0]!;
  }

  /** A truncated normal by inversion, for bounds that cut away most of the distribution. */
  private inverseDraw(u: number): number {
    const { a: mean, b: sd, c: lo, d: hi } = this;
    const zl = (lo - mean) / sd;
    const zh = (hi - mean) / sd;
    let z: number;
    if (this.kind === NORMAL_INVERSE_HIGH) {
      // Both bounds above the mean: work with upper tails, which keep their digits there.
      const ql = normalSurvival(zl);
      const qh = normalSurvival(zh);
      z = -normalQuantile(qh + u * (ql - qh));
    } else {
      const pl = normalCdf(zl);
      const ph = normalCdf(zh);
      z = normalQuantile(pl + u * (ph - pl));
    }
    return Math.min(hi, Math.max(lo, mean + sd * z));
  }
}

const ONE = new Float64Array(1);

/** Something that draws Beta-PERT, uniform and triangular values faster than JavaScript, with the same numbers (the engine's heap). */
export interface FastDraws {
  pert(rng: Rng, out: Float64Array, n: number, min: number, width: number, alpha: number, beta: number): void;
  uniforms(rng: Rng, out: Float64Array, n: number, min: number, width: number): void;
  triangulars(rng: Rng, out: Float64Array, n: number, min: number, max: number, c: number, lowSpan: number, highSpan: number): void;
}

/** Mean, sd and retained probability of a normal truncated to standardised bounds [zl, zh]. */
function truncatedNormalMoments(mean: number, sd: number, zl: number, zh: number): { mean: number; sd: number; lower: number; upper: number; mass: number } {
  const lower = mean + sd * zl;
  const upper = mean + sd * zh;
  if (zl === -Infinity && zh === Infinity) return { mean, sd, lower, upper, mass: 1 };
  const mass = zl >= 0 ? normalSurvival(zl) - normalSurvival(zh) : normalCdf(zh) - normalCdf(zl);
  const pl = zl === -Infinity ? 0 : normalPdf(zl);
  const ph = zh === Infinity ? 0 : normalPdf(zh);
  const tl = zl === -Infinity ? 0 : zl * pl;
  const th = zh === Infinity ? 0 : zh * ph;
  const shift = (pl - ph) / mass;
  const variance = 1 + (tl - th) / mass - shift * shift;
  return { mean: mean + sd * shift, sd: sd * Math.sqrt(Math.max(0, variance)), lower, upper, mass };
}

/** Probability mass that [min, max] keeps of a normal; used by validation to refuse empty ranges. */
export function normalRangeMass(mean: number, sd: number, lo: number, hi: number): number {
  const zl = (lo - mean) / sd;
  const zh = (hi - mean) / sd;
  return zl >= 0 ? normalSurvival(zl) - normalSurvival(zh) : normalCdf(zh) - normalCdf(zl);
}

/** Fills out[0..n) with lognormal draws exp(mu + sigma·Z), the loss draw of most models. */
export function fillLognormal(rng: Rng, out: Float64Array, n: number, mu: number, sigma: number): void {
  fillNormals(rng, out, n);
  expInPlace(out, n, mu, sigma);
}
