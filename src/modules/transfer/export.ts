import { sql, type Transaction } from 'kysely';
import type { Actor, AppContext } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import type { DB } from '../../server/db/schema.js';
import { ClientDb } from '../../server/db/scoped.js';
import { forbidden, notFound } from '../../server/errors.js';
import { VERSION } from '../../server/version.js';
import { appendAudit, chainSegments } from '../audit/chain.js';
import { auditKeyOf } from '../audit/signing.js';
import { digestOf } from './digest.js';
import { EXPORTED } from './registry.js';
import { encodeRow, idsIn } from './rows.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type ClientExportBody, type ClientExportFile, type ExportPerson, type Row } from './schema.js';

/**
 * Exports one client whole (docs/client-export.md): every exported table's rows, the people and
 * catalogues they point to, and the audit trail with its chain, in one consistent read. The
 * export is itself recorded in the client's trail, and that entry is the file's last.
 */
export async function exportClient(app: AppContext, actor: Actor, clientId: string): Promise<ClientExportFile> {
  if (actor.firmRole !== 'admin') throw forbidden('Only a firm admin can export a whole client.');
  const now = app.clock.now();
  const body = await app.database.db.transaction().execute(async (tx) => {
    // One snapshot for every read (SQLite's write transaction already is one).
    if (app.database.dialect === 'postgres') await sql`set transaction isolation level repeatable read`.execute(tx);
    const client = await tx.selectFrom('clients').selectAll().where('id', '=', clientId).where('firm_id', '=', actor.firmId).executeTakeFirst();
    if (!client) throw notFound('Client');
    await appendAudit(tx, clientId, actor, { action: 'client.export', entityType: 'client', entityId: clientId, after: { format: EXPORT_FORMAT, version: EXPORT_VERSION } }, now);
    return readClient(tx, app, actor, clientId, now);
  });
  const key = auditKeyOf(app);
  const digest = digestOf(body);
  return { ...body, integrity: { algorithm: 'sha256', canonicalization: 'RFC 8785', digest, signature: key ? { keyId: key.id, value: key.sign(digest) } : null } };
}

async function readClient(tx: Transaction<DB>, app: AppContext, actor: Actor, clientId: string, now: Date): Promise<ClientExportBody> {
  const scoped = new ClientDb(tx, clientId);
  const tables: Record<string, Row[]> = {};
  for (const { table } of EXPORTED) {
    const rows = await scoped.selectFrom(table).selectAll().orderBy(sql`id`).execute();
    tables[table] = rows.map((r) => encodeRow(r as Record<string, unknown>));
  }
  const { firm_id: _firm, ...client } = await tx.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirstOrThrow();
  const entries = await tx.selectFrom('audit_entries').selectAll().where('client_id', '=', clientId).orderBy('seq').execute();
  const head = await tx.selectFrom('audit_heads').select(['seq', 'hash']).where('client_id', '=', clientId).executeTakeFirstOrThrow();
  const firm = await tx.selectFrom('firms').select(['id', 'name']).where('id', '=', actor.firmId).executeTakeFirstOrThrow();

  // Everything identifier-shaped the records hold, JSON included: the people and catalogues
  // they point to are found there, whichever column or module names them.
  const referenced = idsIn(Object.values(tables).flat());
  for (const e of entries) if (e.actor_id) referenced.add(e.actor_id);
  const memberships = await tx.selectFrom('memberships').select(['user_id', 'role']).where('client_id', '=', clientId).execute();
  const roles = new Map(memberships.map((m) => [m.user_id, m.role]));
  const users = await tx.selectFrom('users').select(['id', 'email', 'name']).where('firm_id', '=', actor.firmId).orderBy('email').execute();
  const people: ExportPerson[] = users.filter((u) => roles.has(u.id) || referenced.has(u.id)).map((u) => ({ id: u.id, email: u.email, name: u.name, role: roles.get(u.id) ?? null }));

  const catalogues: ClientExportBody['catalogues'] = [];
  const firmCatalogues = await tx.selectFrom('ctl_catalogues').selectAll().where('firm_id', '=', actor.firmId).orderBy('id').execute();
  for (const { firm_id: _f, ...catalogue } of firmCatalogues) {
    const versions = await tx.selectFrom('ctl_catalogue_versions').selectAll().where('catalogue_id', '=', catalogue.id).orderBy('id').execute();
    const used = versions.filter((v) => referenced.has(v.id));
    if (used.length === 0 && !referenced.has(catalogue.id)) continue;
    const entry: ClientExportBody['catalogues'][number] = { catalogue: encodeRow(catalogue), versions: [] };
    for (const { firm_id: _v, ...version } of used) {
      const nodes = await tx.selectFrom('ctl_nodes').selectAll().where('version_id', '=', version.id).orderBy('position').orderBy('node_id').execute();
      entry.versions.push({ version: encodeRow(version), nodes: nodes.map((n) => encodeRow(n as Record<string, unknown>)) });
    }
    catalogues.push(entry);
  }

  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: toTimestamp(now),
    source: { triad: VERSION, database: app.database.dialect, firm, exportedBy: actor.label },
    client: encodeRow(client),
    people,
    catalogues,
    tables,
    audit: { chainId: clientId, segments: await chainSegments(tx, clientId), entries, head },
  };
}
