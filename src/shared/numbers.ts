/**
 * Numbers as people write them: binary floating point leaves noise in sums and products
 * (0.1 + 0.2 is 0.30000000000000004, 38 × 0.1 is 3.8000000000000003); rounded to 15 significant
 * digits — all a double holds reliably — they read back as written.
 */

/** A number without floating-point noise: 3.8000000000000003 → 3.8. */
export function clean(n: number): number {
  return Number.isFinite(n) && n !== 0 ? Number(n.toPrecision(15)) : n;
}

/** Every number in a JSON-like value, cleaned (for files people read and keep: model exports). */
export function withoutFloatNoise<T>(value: T): T {
  if (typeof value === 'number') return clean(value) as T;
  if (Array.isArray(value)) return value.map(withoutFloatNoise) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutFloatNoise(v)])) as T;
  return value;
}
