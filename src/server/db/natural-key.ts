/**
 * Natural order as a stored key. People name things "Laptop 2" and "Laptop 10" and expect 2
 * before 10, whatever the case or accents; neither database sorts so. A list that offers that
 * order stores this key beside the name (written on every insert and update), indexes it with
 * `(client_id, key, id)` and sorts by it, so a page is an index range on both databases.
 *
 * The key is the text folded to lower case without accents (NFKD, combining marks dropped),
 * white space collapsed, and every run of digits written as its length (three digits) and the
 * number without leading zeros: "Laptop 10" is "laptop 00210" and sorts after "laptop 0012",
 * however long the numbers. Keys compare byte by byte (SQLite's BINARY, PostgreSQL's "C"
 * collation on the key columns: see `naturalKeyType`).
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/** Text of ASCII characters only (any other makes the test fail). */
const ASCII = /^[^\u0080-\uffff]*$/;

export function naturalKey(text: string): string {
  // ASCII text has nothing to decompose and no marks: one pass over it (most names and asset
  // tags, and an import writes two keys a row).
  if (ASCII.test(text)) return asciiKey(text.toLowerCase());
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\d+/g, (digits) => {
      const n = digits.replace(/^0+(?=\d)/, '');
      return String(n.length).padStart(3, '0') + n;
    });
}

/** ASCII white space as `\s` and `trim` see it: tab, line feed, vertical tab, form feed, carriage return, space. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The rest of the fold for lower-cased ASCII text, in one pass: white space trimmed and each run
 * of it one space, each run of digits its length (three digits) and its number without leading
 * zeros. The same key as the general fold (tested on random ASCII text).
 */
function asciiKey(text: string): string {
  const n = text.length;
  let out = '';
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      let end = i + 1;
      while (end < n && isDigit(text.charCodeAt(end))) end++;
      while (i < end - 1 && text.charCodeAt(i) === 48) i++;
      const len = end - i;
      out += (len < 10 ? '00' : len < 100 ? '0' : '') + String(len) + text.slice(i, end);
      i = end;
    } else if (isSpace(c)) {
      let end = i + 1;
      while (end < n && isSpace(text.charCodeAt(end))) end++;
      if (end < n) out += ' ';
      i = end;
    } else {
      let end = i + 1;
      while (end < n && !isSpace(text.charCodeAt(end)) && !isDigit(text.charCodeAt(end))) end++;
      out += text.slice(i, end);
      i = end;
    }
  }
  return out;
}

/** The natural key of a text that may be missing (null stays null: such rows sort last). */
export function naturalKeyOf(text: string | null | undefined): string | null {
  return text === null || text === undefined || text === '' ? null : naturalKey(text);
}

/**
 * The column type of a natural key: text compared byte by byte. SQLite's default collation
 * already does; PostgreSQL's depends on the database's locale (which may ignore spaces and
 * punctuation), so the column says "C".
 */
export function naturalKeyType(db: Kysely<unknown>): RawBuilder<unknown> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql`text collate "C"` : sql`text`;
}
