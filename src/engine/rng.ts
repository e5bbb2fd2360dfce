/**
 * Random numbers: xoshiro128** streams derived from (seed, risk id, block, purpose), 256-layer
 * ziggurat normals and exponentials, and exact Poisson counts. Everything works on 32-bit
 * integers and IEEE doubles, so a given stream gives the same numbers in Node, in a worker and
 * in the browser. batches.ts fills arrays with draws and has an exp() for the lognormal that is
 * faster than Math.exp.
 *
 * Hot loops in batches.ts and in the asm.js module (asm.ts) copy the generator state into local
 * variables and step it inline (see `XOSHIRO STEP` comments); the step must stay identical to
 * {@link Rng.next}, and the tables the module copies (ziggurat, exp) are the ones built here and
 * in batches.ts.
 */

/** 2^-32 and 2^-53, for turning integers into numbers in [0, 1). */
export const TWO_POW_M32 = 2.3283064365386963e-10;
export const TWO_POW_M53 = 1.1102230246251565e-16;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A good 32-bit integer hash (Wellons' "lowbias32"). */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x | 0;
}

/**
 * The purpose of a stream within a risk (contract version 2: every purpose has its own stream,
 * so a change to one kind of draw leaves the others as they were). The numbers are part of what
 * a seed means.
 */
export const STREAM = {
  /** Per year: lossEventFrequency, or threatEventFrequency. */
  frequency: 1,
  /** Per year: vulnerability. */
  vulnerability: 2,
  /** The loss events: the block's Poisson count and each event's year, or the exponential gaps. */
  events: 3,
  /** Per event: primary loss. */
  primaryLoss: 4,
  /** Per year: secondaryLossEventFrequency. */
  secondaryFrequency: 5,
  /** Per event: whether it brings secondary loss. */
  secondaryOccurrence: 6,
  /** Per event with secondary loss: its amount. */
  secondaryLoss: 7,
  /** Per inherent event of a treated risk whose rate treatments change: whether it stays. */
  residualThinning: 8,
  /** The events of the extra rate, where treatments raise the rate. */
  residualExtraEvents: 9,
  /** Secondary losses of events that bring one only because treatments raise its frequency. */
  residualSecondary: 10,
  /** A treatment's multipliers on one factor; the factor's index is added, the treatment's key given apart. */
  treatment: 16,
} as const;

/** A 64-bit key of a name (a risk's or a treatment's id), as two 32-bit words. */
export type StreamKey = readonly [number, number];

/** The stream key of an id: two independent 32-bit hashes of its UTF-16 code units. */
export function streamKey(id: string): StreamKey {
  let a = 0x243f6a88 ^ id.length;
  let b = 0x85a308d3 ^ Math.imul(id.length, 0x9e3779b9);
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = mix32(a ^ c);
    b = mix32(Math.imul(b ^ c, 0x01000193) + 0x7f4a7c15);
  }
  return [mix32(a ^ 0x13198a2e), mix32(b ^ 0x03707344)];
}

/** No sub-key: the streams of a risk itself, as opposed to one of its treatments'. */
export const NO_KEY: StreamKey = [0, 0];

/** xoshiro128** (Blackman and Vigna): 128-bit state, period 2^128 − 1, 32-bit outputs. */
export class Rng {
  /**
   * @param s the state, as four signed 32-bit words; pass a view into a kernel heap to share the
   * stream with the asm.js loops.
   */
  constructor(readonly s: Int32Array = new Int32Array(4)) {}

  /**
   * Points the generator at the stream of (seed, risk, block, purpose, sub-key): `risk` is the
   * risk's {@link streamKey} (of its id, never its position), `sub` a treatment's. Each state word
   * is a separate hash chain over all of the key, so distinct keys give unrelated streams.
   */
  reseed(seed: number, risk: StreamKey, block: number, purpose: number, sub: StreamKey = NO_KEY): this {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    const s = this.s;
    for (let i = 0; i < 4; i++) {
      let h = mix32(0x9e3779b9 * (i + 1));
      h = mix32(h ^ lo);
      h = mix32(h ^ hi);
      h = mix32(h ^ risk[0]);
      h = mix32(h ^ risk[1]);
      h = mix32(h ^ block);
      h = mix32(h ^ purpose);
      h = mix32(h ^ sub[0]);
      h = mix32(h ^ sub[1]);
      s[i] = h;
    }
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
    return this;
  }

  /** The next output as a signed 32-bit integer. */
  next(): number {
    const s = this.s;
    const s1 = s[1]!;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const s2 = s[2]! ^ s[0]!;
    const s3 = s[3]! ^ s1;
    s[1] = s1 ^ s2;
    s[0] = s[0]! ^ s3;
    s[2] = s2 ^ t;
    s[3] = rotl(s3, 11);
    return r;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) * TWO_POW_M53;
  }

  /** Uniform in (0, 1], safe for logarithms. */
  uniformPositive(): number {
    return 1 - this.uniform();
  }

  /** Uniform in [0, 1) with 32 random bits: enough for a yes/no with a given chance. */
  chance(): number {
    return (this.next() >>> 0) * TWO_POW_M32;
  }

  /** Standard normal (ziggurat). */
  normal(): number {
    const r = this.next();
    const j = r >>> 9;
    if (j < ZN_K[r & 255]!) return j * ZN_W_SIGNED[r & 511]!;
    return normalSlow(this, r);
  }

  /** Standard exponential (ziggurat). */
  exponential(): number {
    const r = this.next();
    const j = r >>> 8;
    if (j < ZE_K[r & 255]!) return j * ZE_W[r & 255]!;
    return exponentialSlow(this, r);
  }

  /** Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang). */
  gamma(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformPositive();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}

// --- Ziggurat tables (Marsaglia and Tsang 2000, 256 layers). An output r supplies the layer
// (bits 0–7), for normals the sign (bit 8), and the position in the layer (the bits above),
// so layer and position never share bits.

const ZN_R = 3.6541528853610088;
const ZN_V = 0.00492867323399;
const ZN_M = 8388608; // 2^23 positions per layer
/** Normal: acceptance bounds, widths (signed by bit 8 of the index) and densities per layer. */
export const ZN_K = new Int32Array(256);
export const ZN_W_SIGNED = new Float64Array(512);
export const ZN_W = new Float64Array(256);
export const ZN_F = new Float64Array(256);
{
  let dn = ZN_R;
  let tn = dn;
  const q = ZN_V / Math.exp(-0.5 * dn * dn);
  ZN_K[0] = Math.floor((dn / q) * ZN_M);
  ZN_K[1] = 0;
  ZN_W[0] = q / ZN_M;
  ZN_W[255] = dn / ZN_M;
  ZN_F[0] = 1;
  ZN_F[255] = Math.exp(-0.5 * dn * dn);
  for (let i = 254; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZN_V / dn + Math.exp(-0.5 * dn * dn)));
    ZN_K[i + 1] = Math.floor((dn / tn) * ZN_M);
    tn = dn;
    ZN_F[i] = Math.exp(-0.5 * dn * dn);
    ZN_W[i] = dn / ZN_M;
  }
  for (let i = 0; i < 512; i++) ZN_W_SIGNED[i] = i & 256 ? -ZN_W[i & 255]! : ZN_W[i & 255]!;
}

const ZE_R = 7.697117470131487;
const ZE_V = 3.949659822581572e-3;
const ZE_M = 16777216; // 2^24 positions per layer
/** Exponential: acceptance bounds, widths and densities per layer. */
export const ZE_K = new Int32Array(256);
export const ZE_W = new Float64Array(256);
export const ZE_F = new Float64Array(256);
{
  let de = ZE_R;
  let te = de;
  const q = ZE_V / Math.exp(-de);
  ZE_K[0] = Math.floor((de / q) * ZE_M);
  ZE_K[1] = 0;
  ZE_W[0] = q / ZE_M;
  ZE_W[255] = de / ZE_M;
  ZE_F[0] = 1;
  ZE_F[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ZE_V / de + Math.exp(-de));
    ZE_K[i + 1] = Math.floor((de / te) * ZE_M);
    te = de;
    ZE_F[i] = Math.exp(-de);
    ZE_W[i] = de / ZE_M;
  }
}

/** The rare part of a normal draw whose first output `r` fell outside the layer's core. */
export function normalSlow(rng: Rng, r: number): number {
  for (;;) {
    const i = r & 255;
    const negative = (r & 256) !== 0;
    const j = r >>> 9;
    if (i === 0) {
      // The tail beyond ZN_R (Marsaglia 1964).
      let x: number;
      let y: number;
      do {
        x = -Math.log(rng.uniformPositive()) / ZN_R;
        y = -Math.log(rng.uniformPositive());
      } while (y + y < x * x);
      return negative ? -ZN_R - x : ZN_R + x;
    }
    const x = j * ZN_W[i]!;
    if (ZN_F[i]! + rng.uniform() * (ZN_F[i - 1]! - ZN_F[i]!) < Math.exp(-0.5 * x * x)) return negative ? -x : x;
    r = rng.next();
    const j2 = r >>> 9;
    if (j2 < ZN_K[r & 255]!) return j2 * ZN_W_SIGNED[r & 511]!;
  }
}

/** The rare part of an exponential draw whose first output `r` fell outside the layer's core. */
export function exponentialSlow(rng: Rng, r: number): number {
  for (;;) {
    const i = r & 255;
    if (i === 0) return ZE_R - Math.log(rng.uniformPositive());
    const x = (r >>> 8) * ZE_W[i]!;
    if (ZE_F[i]! + rng.uniform() * (ZE_F[i - 1]! - ZE_F[i]!) < Math.exp(-x)) return x;
    r = rng.next();
    const j = r >>> 8;
    if (j < ZE_K[r & 255]!) return j * ZE_W[r & 255]!;
  }
}

// --- Poisson counts.

// Stirling series coefficients B(2k)/(2k(2k − 1)) for ln Γ.
const LOG_GAMMA_SERIES = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400, 43867 / 244188, -174611 / 125400];
const HALF_LOG_2PI = 0.9189385332046728;

/** ln Γ(x) for x ≥ 1, to about 1e-15 (Stirling's series, shifted up to x ≥ 7). */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  const shift = x < 7 ? Math.ceil(7 - x) : 0;
  let x0 = x + shift;
  const x2 = 1 / (x0 * x0);
  let series = 0;
  for (let k = LOG_GAMMA_SERIES.length - 1; k >= 0; k--) series = series * x2 + LOG_GAMMA_SERIES[k]!;
  let result = series / x0 + HALF_LOG_2PI + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 0; k < shift; k++) {
    x0 -= 1;
    result -= Math.log(x0);
  }
  return result;
}

/**
 * A Poisson(mean) count, exactly: by inversion below a mean of 10, above it by Hörmann's
 * transformed rejection (PTRS, as numpy does).
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = rng.uniform(); product > limit; product *= rng.uniform()) count++;
    return count;
  }
  const sqrtMean = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
}
