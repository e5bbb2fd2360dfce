/**
 * Batches of random numbers: arrays of uniform integers and of normals, and exp() over an array
 * (the lognormal's), from a 2048-entry table, faster than Math.exp. The hot loops copy the
 * generator state into local variables and step it inline (see `XOSHIRO STEP` comments); the
 * step must stay identical to Rng.next (rng.ts), and the asm.js modules copy the tables here.
 */
import { normalSlow, TWO_POW_M53, ZN_K, ZN_W_SIGNED, type Rng } from './rng.js';

/** Fills out[0..n) with integers uniform on [0, len), 1 ≤ len ≤ 2^31: the top bits of an output, redrawn when too large. */
export function fillUniformIntegers(rng: Rng, out: Int32Array, n: number, len: number): void {
  const shift = Math.clz32(len - 1); // keeps the bits that len − 1 needs
  const st = rng.s;
  let s0 = st[0]!;
  let s1 = st[1]!;
  let s2 = st[2]!;
  let s3 = st[3]!;
  for (let i = 0; i < n; i++) {
    let y: number;
    do {
      // XOSHIRO STEP (same as Rng.next)
      const r = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      y = shift === 32 ? 0 : r >>> shift;
    } while (y >= len);
    out[i] = y;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
}

// --- Batches. The hot loops below contain no calls, which lets the compiler keep everything in
// registers and hoist the checks out of the loop; the ~1 % of normals that miss the ziggurat's
// core are noted and completed after the loop, from the outputs that follow in the stream.

let pending = new Int32Array(256);

function pendingRoom(n: number): Int32Array {
  if (pending.length < 2 * n) pending = new Int32Array(2 * n);
  return pending;
}

/** Fills out[0..n) with standard normals. */
export function fillNormals(rng: Rng, out: Float64Array, n: number): void {
  completeSlowDraws(rng, out, fillNormalCores(rng, out, n));
}


/**
 * The ziggurat's fast path for normals. Misses are noted (index, output) in `pending` for
 * completeSlowDraws; returns how many entries that is.
 */
function fillNormalCores(rng: Rng, out: Float64Array, n: number): number {
  const k = ZN_K;
  const w = ZN_W_SIGNED;
  const later = pendingRoom(n);
  const st = rng.s;
  let s0 = st[0]!;
  let s1 = st[1]!;
  let s2 = st[2]!;
  let s3 = st[3]!;
  let m = 0;
  for (let i = 0; i < n; i++) {
    // XOSHIRO STEP (same as Rng.next)
    const r = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const j = r >>> 9;
    if (j < k[r & 255]!) out[i] = j * w[r & 511]!;
    else {
      later[m++] = i;
      later[m++] = r;
    }
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return m;
}

/** Completes the normals whose first output missed the core, in order, from the stream's next outputs. */
function completeSlowDraws(rng: Rng, out: Float64Array, m: number): void {
  const later = pending;
  for (let q = 0; q < m; q += 2) out[later[q]!] = normalSlow(rng, later[q + 1]!);
}

/**
 * Fills out[0..n) with min + width·X/(X + Y), X ~ Gamma(alpha), Y ~ Gamma(beta), both shapes ≥ 1:
 * the Beta-PERT draw. The same numbers, from the same outputs of the stream, as drawing
 * `rng.gamma(alpha)` then `rng.gamma(beta)` for each value (Marsaglia and Tsang), with the
 * generator in local variables and each shape's constants worked out once rather than per draw.
 * A normal that misses the ziggurat's core (about 1 %) hands the state back to `normalSlow`.
 */
export function fillPert(rng: Rng, out: Float64Array, n: number, min: number, width: number, alpha: number, beta: number): void {
  const k = ZN_K;
  const w = ZN_W_SIGNED;
  const dA = alpha - 1 / 3;
  const cA = 1 / Math.sqrt(9 * dA);
  const dB = beta - 1 / 3;
  const cB = 1 / Math.sqrt(9 * dB);
  const st = rng.s;
  let s0 = st[0]!;
  let s1 = st[1]!;
  let s2 = st[2]!;
  let s3 = st[3]!;
  for (let i = 0; i < n; i++) {
    let xa = 0;
    for (let g = 0; g < 2; g++) {
      const d = g === 0 ? dA : dB;
      const c = g === 0 ? cA : cB;
      let gv: number;
      for (;;) {
        let x: number;
        let v: number;
        do {
          // XOSHIRO STEP (same as Rng.next)
          const r = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
          const t = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= t;
          s3 = (s3 << 11) | (s3 >>> 21);
          const j = r >>> 9;
          if (j < k[r & 255]!) x = j * w[r & 511]!;
          else {
            st[0] = s0;
            st[1] = s1;
            st[2] = s2;
            st[3] = s3;
            x = normalSlow(rng, r);
            s0 = st[0]!;
            s1 = st[1]!;
            s2 = st[2]!;
            s3 = st[3]!;
          }
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        // uniformPositive: two outputs, 27 and 26 bits (same as Rng.uniform)
        let ra = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
        let t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const rb = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        ra = ra >>> 5;
        const u = 1 - (ra * 67108864 + (rb >>> 6)) * TWO_POW_M53;
        const x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
          gv = d * v;
          break;
        }
      }
      if (g === 0) xa = gv;
      else out[i] = min + (width * xa) / (xa + gv);
    }
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
}

// --- exp(x) from a 2048-entry table of 2^(k/2048), a power of two and a cubic (expInPlace):
// within 2 ulp of Math.exp over [−708, 709] and about three times faster in the loss loops.
// Arguments beyond that range are clamped (a loss of e^709 ≈ 8e307 stands for "overflow").

const EXP_N = 2048;
/** 2^(j/2048) for j in [0, 2048). */
export const EXP_T = new Float64Array(EXP_N);
/** 2^e for e in [−1024, 1024), indexed by e & 2047. */
export const EXP_P = new Float64Array(2048);
for (let j = 0; j < EXP_N; j++) EXP_T[j] = Math.pow(2, j / EXP_N);
for (let e = 0; e < 2048; e++) EXP_P[e] = Math.pow(2, e < 1024 ? e : e - 2048);
/** 2048 / ln 2. */
const EXP_C = EXP_N / Math.LN2;
/** ln 2 / 2048 split into a part with trailing zero bits and the rest (fdlibm's split of ln 2). */
const EXP_L1 = 6.9314718036912381649e-1 / EXP_N;
const EXP_L2 = 1.9082149292705877e-10 / EXP_N;
/** 1.5 × 2^52: adding and subtracting it rounds a double to the nearest integer. */
const ROUND_MAGIC = 6755399441055744;

/** Replaces out[i] by exp(mu + sigma·out[i]) for i < n. */
export function expInPlace(out: Float64Array, n: number, mu: number, sigma: number): void {
  const et = EXP_T;
  const ep = EXP_P;
  const c = EXP_C;
  const l1 = EXP_L1;
  const l2 = EXP_L2;
  const magic = ROUND_MAGIC;
  for (let i = 0; i < n; i++) {
    const x = Math.max(-708, Math.min(709, mu + sigma * out[i]!));
    const kd = x * c + magic - magic;
    const k = kd | 0;
    const f = x - kd * l1 - kd * l2;
    out[i] = (1 + f * (1 + f * (0.5 + f * (1 / 6)))) * et[k & 2047]! * ep[(k >> 11) & 2047]!;
  }
}

