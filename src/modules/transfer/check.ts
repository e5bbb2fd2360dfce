import type { Kysely } from 'kysely';
import type { AppContext } from '../../server/context.js';
import type { DB } from '../../server/db/schema.js';
import { invalid, type ErrorDetail } from '../../server/errors.js';
import { verifyEntries } from '../audit/chain.js';
import { auditKeyOf } from '../audit/signing.js';
import { digestOf } from './digest.js';
import { EXPORTED } from './registry.js';
import { cellText } from './rows.js';
import { ClientExportFile, EXPORT_FORMAT, EXPORT_VERSION, type ClientExportBody } from './schema.js';

/** A file that passed every check, with what the checks found. */
export interface CheckedFile {
  body: ClientExportBody;
  digest: string;
  signature: 'verified' | 'absent' | 'unchecked';
}

const MAX_DETAILS = 20;

/**
 * Checks an export file before anything is written: its format and version, its shape, its
 * digest (and signature, when this server holds the key that signed it), its audit chain from
 * the first entry to the head, and that every table and column it carries exists here. Each
 * problem is named with its place in the file.
 */
export async function checkExportFile(app: AppContext, input: unknown): Promise<CheckedFile> {
  const head = (input ?? {}) as { format?: unknown; version?: unknown };
  if (typeof input !== 'object' || input === null || Array.isArray(input) || head.format !== EXPORT_FORMAT) {
    throw invalid('This is not a Triad client export file.', [{ path: 'format', message: `must be "${EXPORT_FORMAT}"` }]);
  }
  if (head.version !== EXPORT_VERSION) {
    const newer = typeof head.version === 'number' && head.version > EXPORT_VERSION;
    throw invalid(
      newer ? `The file is in version ${String(head.version)} of the export format; this server reads version ${EXPORT_VERSION}. Upgrade Triad to import it.` : 'The file\'s format version is not one this server reads.',
      [{ path: 'version', message: `must be ${EXPORT_VERSION}` }],
    );
  }
  const parsed = ClientExportFile.safeParse(input);
  if (!parsed.success) {
    const details: ErrorDetail[] = parsed.error.issues.slice(0, MAX_DETAILS).map((i) => ({ path: pathText(i.path), message: i.message }));
    throw invalid(`The file does not follow the client export format (version ${EXPORT_VERSION}).`, details);
  }
  const { integrity, ...body } = parsed.data;
  const digest = digestOf(body);
  if (digest !== integrity.digest) {
    throw invalid('The file was changed after it was exported: its content does not match its digest.', [
      { path: 'integrity.digest', message: `the file records ${integrity.digest}, its content hashes to ${digest}` },
    ]);
  }
  let signature: CheckedFile['signature'] = 'absent';
  if (integrity.signature) {
    const key = auditKeyOf(app);
    if (key && key.id === integrity.signature.keyId) {
      if (!key.verify(digest, integrity.signature.value)) {
        throw invalid('The file\'s signature does not verify: it was not signed by this key, or it was changed.', [{ path: 'integrity.signature', message: `does not verify with key ${key.id}` }]);
      }
      signature = 'verified';
    } else {
      signature = 'unchecked';
    }
  }
  checkAudit(body);
  await checkColumns(app.database.db, body);
  return { body, digest, signature };
}

function checkAudit(body: ClientExportBody): void {
  const { audit } = body;
  const wrongChain = audit.entries.findIndex((e) => e.client_id !== audit.chainId);
  if (wrongChain >= 0) throw invalid('The audit trail mixes chains.', [{ path: `audit.entries[${wrongChain}].client_id`, message: `must be the chain id ${audit.chainId}` }]);
  if (body.client.id !== audit.chainId) throw invalid('The audit trail is not the client\'s.', [{ path: 'audit.chainId', message: `must be the client's id ${cellText(body.client.id)}` }]);
  const result = verifyEntries(audit.chainId, audit.entries, audit.segments);
  if (!result.ok && result.failure) {
    throw invalid(`The audit trail does not verify: entry ${result.failure.seq}: ${result.failure.reason}.`, [{ path: `audit.entries[${result.failure.seq - 1}]`, message: result.failure.reason }]);
  }
  const last = audit.entries.at(-1);
  if (audit.head.seq !== audit.entries.length || (last?.hash ?? audit.head.hash) !== audit.head.hash) {
    throw invalid('The audit trail does not end at its head: entries are missing from the end.', [{ path: 'audit.head', message: `records ${audit.head.seq} entries; the file has ${audit.entries.length}` }]);
  }
}

async function checkColumns(db: Kysely<DB>, body: ClientExportBody): Promise<void> {
  const known = new Map((await db.introspection.getTables()).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  const exported = new Set<string>(EXPORTED.map((e) => e.table));
  const problems: ErrorDetail[] = [];
  const columns = (table: string, rows: readonly Record<string, unknown>[], where: string): void => {
    const have = known.get(table);
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      for (const column of Object.keys(row)) {
        if (seen.has(column)) continue;
        if (column === 'client_id' || !have?.has(column)) {
          seen.add(column);
          problems.push({ path: `${where}[${i}].${column}`, message: `this server has no column ${table}.${column} to import it into` });
        }
      }
      if (typeof row.id !== 'string' && table !== 'clients' && table !== 'ctl_nodes') problems.push({ path: `${where}[${i}].id`, message: 'must be text' });
    });
  };
  for (const [table, rows] of Object.entries(body.tables)) {
    if (!exported.has(table)) problems.push({ path: `tables.${table}`, message: 'is not a table this server imports' });
    else columns(table, rows, `tables.${table}`);
  }
  columns('clients', [body.client], 'client');
  body.catalogues.forEach((c, i) => {
    columns('ctl_catalogues', [c.catalogue], `catalogues[${i}].catalogue`);
    c.versions.forEach((v, j) => {
      columns('ctl_catalogue_versions', [v.version], `catalogues[${i}].versions[${j}].version`);
      columns('ctl_nodes', v.nodes, `catalogues[${i}].versions[${j}].nodes`);
    });
  });
  if (typeof body.client.id !== 'string' || typeof body.client.name !== 'string') problems.push({ path: 'client', message: 'must have a text id and name' });
  if (problems.length > 0) throw invalid('The file holds records this server cannot import.', problems.slice(0, MAX_DETAILS));
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}
