import { describe, expect, it } from 'vitest';
import { fillPert } from './batches.js';
import { Sampler } from './distributions.js';
import { Heap } from './heap.js';
import { BLOCK_YEARS } from './scratch.js';
import { Rng, streamKey } from './rng.js';

describe('fillPert', () => {
  // The Beta-PERT fill must take the very same outputs of the stream as drawing the two gamma
  // variates one at a time, so the numbers, and every draw after them, stay the same.
  const shapes: [number, number][] = [
    [1, 1],
    [1, 5],
    [5, 1],
    [1.0000001, 4.9999999],
    [2.2, 3.8],
    [3, 3],
    [1.04, 1.2],
    [40, 2],
    [1000, 1000],
  ];
  for (const [alpha, beta] of shapes) {
    it(`gives the values of rng.gamma(${alpha}) and rng.gamma(${beta}), bit for bit, and leaves the stream where they do`, () => {
      const n = 20_000;
      const a = new Rng().reseed(20261206, streamKey(`pert ${alpha} ${beta}`), 3, 1);
      const b = new Rng().reseed(20261206, streamKey(`pert ${alpha} ${beta}`), 3, 1);
      const fast = new Float64Array(n);
      fillPert(a, fast, n, 1250, 98_750, alpha, beta);
      const slow = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = b.gamma(alpha);
        const y = b.gamma(beta);
        slow[i] = 1250 + (98_750 * x) / (x + y);
      }
      let differing = 0;
      for (let i = 0; i < n; i++) if (!Object.is(fast[i], slow[i])) differing++;
      expect(differing).toBe(0);
      expect(Array.from(a.s)).toEqual(Array.from(b.s));
      for (const v of fast) expect(v >= 1250 && v <= 100_000).toBe(true);
    });
  }
});

describe('the heap\'s asm.js Beta-PERT loop', () => {
  it('gives the numbers of fillPert, for the heap\'s own generator and for one that lends its state, and leaves both streams where fillPert does', () => {
    const heap = new Heap(16, BLOCK_YEARS, 1024, false, 64, 8);
    const own = new Rng(heap.state);
    for (const [alpha, beta] of [[1, 5], [2.2, 3.8], [1.04, 40]] as const) {
      for (const lender of [false, true]) {
        const n = 10_000; // more than one chunk of the heap's draws
        const rng = lender ? new Rng() : own;
        rng.reseed(7, streamKey(`heap ${alpha}`), 1, 2);
        if (lender) own.reseed(99, streamKey('the heap keeps its own'), 0, 1);
        const heapBefore = Array.from(heap.state);
        const ref = new Rng().reseed(7, streamKey(`heap ${alpha}`), 1, 2);
        const fast = new Float64Array(n);
        heap.pert(rng, fast, n, 10, 90, alpha, beta);
        const slow = new Float64Array(n);
        fillPert(ref, slow, n, 10, 90, alpha, beta);
        let differing = 0;
        for (let i = 0; i < n; i++) if (!Object.is(fast[i], slow[i])) differing++;
        expect(differing).toBe(0);
        expect(Array.from(rng.s)).toEqual(Array.from(ref.s));
        if (lender) expect(Array.from(heap.state)).toEqual(heapBefore);
      }
    }
  });
});

describe('the heap\'s asm.js uniform and triangular loops', () => {
  it('give the numbers of the JavaScript loops, for the heap\'s own generator and for one that lends its state, and leave both streams where those do', () => {
    const heap = new Heap(16, BLOCK_YEARS, 1024, false, 64, 8);
    const own = new Rng(heap.state);
    const samplers = [
      Sampler.of({ type: 'uniform', min: 0.5, max: 1.5 }, 'multiplier'),
      Sampler.of({ type: 'uniform', min: 1000, max: 250_000 }, 'loss'),
      Sampler.of({ type: 'triangular', min: 0.1, mode: 0.3, max: 0.9 }, 'probability'),
      Sampler.of({ type: 'triangular', min: 2, mode: 2, max: 12 }, 'rate'),
      Sampler.of({ type: 'triangular', min: 2, mode: 12, max: 12 }, 'rate'),
    ];
    for (const [k, sampler] of samplers.entries()) {
      for (const lender of [false, true]) {
        const n = 10_000; // more than one chunk of the heap's draws
        const rng = lender ? new Rng() : own;
        rng.reseed(11, streamKey(`sampler ${k}`), 2, 3);
        if (lender) own.reseed(99, streamKey('the heap keeps its own'), 0, 1);
        const heapBefore = Array.from(heap.state);
        const ref = new Rng().reseed(11, streamKey(`sampler ${k}`), 2, 3);
        const fast = new Float64Array(n);
        sampler.fill(rng, fast, n, heap);
        const slow = new Float64Array(n);
        sampler.fill(ref, slow, n);
        let differing = 0;
        for (let i = 0; i < n; i++) if (!Object.is(fast[i], slow[i])) differing++;
        expect(differing).toBe(0);
        expect(Array.from(rng.s)).toEqual(Array.from(ref.s));
        if (lender) expect(Array.from(heap.state)).toEqual(heapBefore);
        for (const v of fast) expect(v >= sampler.lower && v <= sampler.upper).toBe(true);
      }
    }
  });
});
