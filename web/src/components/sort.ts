/**
 * Natural order for names people give things: "Laptop 2" before "Laptop 10", case and
 * accents ignored ("émile" beside "Emile"). One collator for every list and table.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string | null | undefined, b: string | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  return collator.compare(a, b);
}

/** Sorts records by a text field in natural order, without changing the array given. */
export function sortNatural<T>(records: readonly T[], key: (r: T) => string | null | undefined): T[] {
  return [...records].sort((x, y) => naturalCompare(key(x), key(y)));
}
