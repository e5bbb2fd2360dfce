import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { ClientExportBody } from './schema.js';

// The package is CommonJS (module.exports = the function) with an ES-style `export default` in its
// types, which NodeNext resolution reads as a namespace: the value imported is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The digest of a file's body (everything but `integrity`). */
export function digestOf(body: ClientExportBody): string {
  const text = canonicalize(body);
  if (text === undefined) throw new Error('the export cannot be serialised');
  return createHash('sha256').update(text).digest('hex');
}
