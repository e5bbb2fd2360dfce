/** A count and its noun, in the singular for one: `plural(1, 'row')` is "1 row", `plural(2, 'entry', 'entries')` "2 entries"; digits grouped as in English. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
