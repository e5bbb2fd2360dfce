import type { Transaction } from 'kysely';
import type { Actor, AppContext } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { constraintError } from '../../server/db/constraints.js';
import type { DB } from '../../server/db/schema.js';
import { ClientDb } from '../../server/db/scoped.js';
import { AppError, conflict, forbidden } from '../../server/errors.js';
import { NO_PASSWORD } from '../accounts/sso.js';
import { normaliseEmail } from '../accounts/users.js';
import { appendAudit, verifyChain } from '../audit/chain.js';
import { checkExportFile, type CheckedFile } from './check.js';
import { EXPORTED } from './registry.js';
import { cellText, decodeCell, parentsFirst, remapRow } from './rows.js';
import type { ClientExportBody, ImportReport, Row } from './schema.js';

export interface ImportOptions {
  /** Check everything and report what would be created, then write nothing. */
  dryRun: boolean;
  /** A name for the imported client (default: the name in the file). */
  name?: string | undefined;
}

/** Thrown inside the transaction of a dry run, so that everything it wrote rolls back. */
class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports a whole-client export file into the actor's firm (docs/client-export.md), all or
 * nothing: the file is checked first, then every row is written in one transaction that also
 * records the import in the client's and the firm's audit trails. The client keeps its id
 * unless the id is taken on this server; rows keep theirs (their keys start with the client's
 * id, so they cannot collide). People are matched by e-mail in the firm or invited.
 */
export async function importClient(app: AppContext, actor: Actor, input: unknown, options: ImportOptions): Promise<ImportReport> {
  if (actor.firmRole !== 'admin') throw forbidden('Only a firm admin can import a whole client.');
  const checked = await checkExportFile(app, input);
  try {
    return await app.database.db.transaction().execute(async (tx) => {
      const report = await write(tx, app, actor, checked, options);
      if (options.dryRun) throw new DryRun(report);
      return report;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.report;
    if (err instanceof AppError) throw err;
    const refusal = constraintError(err);
    if (refusal) throw new AppError(refusal.code, `The file could not be imported; nothing was written. ${refusal.message}`, refusal.details);
    throw err;
  }
}

async function write(tx: Transaction<DB>, app: AppContext, actor: Actor, checked: CheckedFile, options: ImportOptions): Promise<ImportReport> {
  const { body } = checked;
  const now = app.clock.now();
  const at = toTimestamp(now);
  const ids = new Map<string, string>();
  const oldClientId = body.audit.chainId;
  const taken = await tx.selectFrom('clients').select('id').where('id', '=', oldClientId).executeTakeFirst();
  const clientId = taken ? newId() : oldClientId;
  if (clientId !== oldClientId) ids.set(oldClientId, clientId);

  const people = await matchPeople(tx, actor, body, ids, at);
  const catalogues = await matchCatalogues(tx, actor, body, ids);

  const name = options.name?.trim() || cellText(body.client.name);
  const client = { ...decodeRow(remapRow(body.client, ids)), id: clientId, firm_id: actor.firmId, name, updated_at: at };
  await insert(tx, 'clients', [client], 'client');

  const scoped = new ClientDb(tx, clientId);
  const rows: Record<string, number> = {};
  let totalRows = 0;
  for (const entry of EXPORTED) {
    const fileRows = body.tables[entry.table] ?? [];
    const decoded = parentsFirst(fileRows, entry.selfReference).map((r) => decodeRow(remapRow(r, ids, entry.frozen)));
    const ordered = entry.derive ? decoded.map(entry.derive) : decoded;
    const chunk = Math.max(1, Math.floor(8000 / Math.max(1, Object.keys(ordered[0] ?? {}).length + 1)));
    for (let i = 0; i < ordered.length; i += chunk) {
      const part = ordered.slice(i, i + chunk);
      await run(() => scoped.insertInto(entry.table, part).execute(), `tables.${entry.table}[${i}..${i + part.length - 1}]`);
    }
    rows[entry.table] = ordered.length;
    totalRows += ordered.length;
  }

  for (const p of people) {
    if (p.role) {
      await tx.insertInto('memberships').values({ client_id: clientId, user_id: p.userId, role: p.role, created_at: at }).execute();
    }
  }

  // The trail, byte for byte: entries hashed under the id the client had keep that id as their origin.
  const segments = [...body.audit.segments];
  if (clientId !== oldClientId && body.audit.head.seq > 0) segments.push({ throughSeq: body.audit.head.seq, originId: oldClientId });
  for (const s of segments) await tx.insertInto('audit_chain_origins').values({ chain_id: clientId, through_seq: s.throughSeq, origin_id: s.originId, created_at: at }).execute();
  const entries = body.audit.entries.map((e) => ({ ...e, client_id: clientId }));
  for (let i = 0; i < entries.length; i += 500) await tx.insertInto('audit_entries').values(entries.slice(i, i + 500)).execute();
  await tx.insertInto('audit_heads').values({ client_id: clientId, seq: body.audit.head.seq, hash: body.audit.head.hash }).execute();
  const imported = await verifyChain(tx, clientId);
  if (!imported.ok) throw new Error(`the imported audit trail does not verify: ${imported.failure?.reason ?? 'unknown'}`);

  const source = { firm: body.source.firm.name, exportedAt: body.exportedAt, triad: body.source.triad, database: body.source.database };
  const summary = { from: { clientId: oldClientId, ...source, digest: checked.digest }, rows: totalRows, people: people.map((p) => ({ email: p.email, action: p.action })) };
  await appendAudit(tx, clientId, actor, { action: 'client.import', entityType: 'client', entityId: clientId, after: summary }, now);
  await appendAudit(tx, actor.firmId, actor, { action: 'client.import', entityType: 'client', entityId: clientId, after: { name, ...summary } }, now);

  return {
    dryRun: options.dryRun,
    client: { id: clientId, name, keptId: clientId === oldClientId },
    source,
    rows,
    totalRows,
    people: people.map(({ email, name: n, role, action, userId }) => ({ email, name: n, role, action, userId })),
    catalogues,
    audit: { entries: body.audit.head.seq, headHash: body.audit.head.hash, verified: true },
    integrity: { digest: checked.digest, signature: checked.signature },
  };
}

type Person = ImportReport['people'][number] & { role: ClientExportBody['people'][number]['role'] };

/**
 * The file's people in the receiving firm: the person with the same e-mail, or a new person
 * invited without a password (they sign in through the firm's single sign-on, or once an
 * admin sets one), keeping their id where it is free. An e-mail that belongs to another firm
 * on this server cannot be used, and the import stops naming it.
 */
async function matchPeople(tx: Transaction<DB>, actor: Actor, body: ClientExportBody, ids: Map<string, string>, at: string): Promise<Person[]> {
  const out: Person[] = [];
  const elsewhere: string[] = [];
  for (const [i, p] of body.people.entries()) {
    const email = normaliseEmail(p.email);
    const found = await tx.selectFrom('users').select(['id', 'firm_id']).where('email', '=', email).executeTakeFirst();
    if (found && found.firm_id !== actor.firmId) {
      elsewhere.push(`people[${i}].email`);
      continue;
    }
    let userId = found?.id;
    if (!userId) {
      const idTaken = await tx.selectFrom('users').select('id').where('id', '=', p.id).executeTakeFirst();
      userId = idTaken ? newId() : p.id;
      const row = { id: userId, firm_id: actor.firmId, email, name: p.name, password_hash: NO_PASSWORD, firm_role: 'member' as const, created_at: at, updated_at: at, disabled_at: null };
      await tx.insertInto('users').values(row).execute();
      await appendAudit(tx, actor.firmId, actor, { action: 'user.create', entityType: 'user', entityId: userId, after: { email, name: p.name, firmRole: 'member', via: 'client import' } }, new Date(at));
    }
    if (userId !== p.id) ids.set(p.id, userId);
    out.push({ email, name: p.name, role: p.role, action: found ? 'matched' : 'invited', userId });
  }
  if (elsewhere.length > 0) {
    throw conflict(
      'Some people in the file have an account in another firm on this server, so they cannot be matched or invited here.',
      elsewhere.map((path) => ({ path, message: `${body.people[Number(/\d+/.exec(path)?.[0])]?.email ?? ''} belongs to another firm` })),
    );
  }
  return out;
}

/**
 * The control catalogues the client's assessments use: the firm's catalogue with the same
 * OSCAL uuid and a version with the same content (SHA-256), or the catalogue and version as
 * the file carries them.
 */
async function matchCatalogues(tx: Transaction<DB>, actor: Actor, body: ClientExportBody, ids: Map<string, string>): Promise<ImportReport['catalogues']> {
  const out: ImportReport['catalogues'] = [];
  for (const [i, c] of body.catalogues.entries()) {
    const fileCatalogue = decodeRow(c.catalogue);
    let catalogue = await tx.selectFrom('ctl_catalogues').select(['id']).where('firm_id', '=', actor.firmId).where('uuid', '=', String(fileCatalogue.uuid)).executeTakeFirst();
    const catalogueId = catalogue?.id ?? ((await tx.selectFrom('ctl_catalogues').select('id').where('id', '=', String(fileCatalogue.id)).executeTakeFirst()) ? newId() : String(fileCatalogue.id));
    if (catalogueId !== fileCatalogue.id) ids.set(String(fileCatalogue.id), catalogueId);
    // A catalogue made here points at the newest version the file brings, once it is written.
    let latest: string | null = null;
    if (!catalogue) {
      latest = (c.versions.at(-1)?.version.id as string | undefined) ?? null;
      const row = { ...fileCatalogue, id: catalogueId, firm_id: actor.firmId, latest_version_id: null };
      await insert(tx, 'ctl_catalogues', [row], `catalogues[${i}].catalogue`);
      catalogue = { id: catalogueId };
    }
    for (const [j, v] of c.versions.entries()) {
      const fileVersion = decodeRow(v.version);
      const title = String(fileVersion.title);
      const same = await tx.selectFrom('ctl_catalogue_versions').select('id').where('catalogue_id', '=', catalogue.id).where('sha256', '=', String(fileVersion.sha256)).executeTakeFirst();
      if (same) {
        if (same.id !== fileVersion.id) ids.set(String(fileVersion.id), same.id);
        out.push({ title, version: String(fileVersion.version), action: 'matched' });
        continue;
      }
      const versionTaken = await tx.selectFrom('ctl_catalogue_versions').select('id').where('id', '=', String(fileVersion.id)).executeTakeFirst();
      const versionId = versionTaken ? newId() : String(fileVersion.id);
      if (versionId !== fileVersion.id) ids.set(String(fileVersion.id), versionId);
      await insert(tx, 'ctl_catalogue_versions', [{ ...fileVersion, id: versionId, catalogue_id: catalogue.id, firm_id: actor.firmId }], `catalogues[${i}].versions[${j}].version`);
      const nodes = v.nodes.map((n) => ({ ...decodeRow(n), version_id: versionId }));
      for (let k = 0; k < nodes.length; k += 400) await insert(tx, 'ctl_nodes', nodes.slice(k, k + 400), `catalogues[${i}].versions[${j}].nodes[${k}..]`);
      out.push({ title, version: String(fileVersion.version), action: 'created' });
    }
    if (latest !== null) {
      await tx.updateTable('ctl_catalogues').set({ latest_version_id: ids.get(latest) ?? latest }).where('id', '=', catalogue.id).execute();
    }
  }
  return out;
}

function decodeRow(row: Row): Record<string, string | number | null | Buffer> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, decodeCell(v)]));
}

type FirmTable = 'clients' | 'ctl_catalogues' | 'ctl_catalogue_versions' | 'ctl_nodes';

async function insert(tx: Transaction<DB>, table: FirmTable, rows: Record<string, unknown>[], where: string): Promise<void> {
  await run(() => tx.insertInto(table).values(rows).execute(), where);
}

/** Runs one write; a constraint it breaks is named with the place in the file. */
async function run(work: () => Promise<unknown>, where: string): Promise<void> {
  try {
    await work();
  } catch (err) {
    const refusal = constraintError(err);
    if (!refusal) throw err;
    throw new AppError(refusal.code, `The file could not be imported; nothing was written. ${refusal.message}`, [{ path: where, message: refusal.details.map((d) => `${d.path}: ${d.message}`).join('; ') || refusal.message }]);
  }
}
