/**
 * The firm's catalogues: importing an OSCAL catalogue (one transaction: all of it or nothing,
 * audited in the firm's trail), its versions (the same catalogue uuid with a new
 * `metadata.version` adds a version; the same version again changes nothing), and reading them.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor, AppContext } from '../../server/context.js';
import { firmWrite } from '../../server/context.js';
import { fromFlag, fromJson, isId, newId, toFlag, toTimestamp } from '../../server/db/conventions.js';
import type { DB } from '../../server/db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../../server/errors.js';
import { readDocument } from './oscal/document.js';
import { parseCatalogue } from './oscal/catalog.js';
import { OscalError, type CatalogueNode, type ParsedCatalogue } from './oscal/types.js';
import type { CatalogueImportProgress, CatalogueImportReport, CatalogueOut, CatalogueTreeOut, CatalogueVersionOut } from './schema.js';
import type { CtlCataloguesTable, CtlCatalogueVersionsTable, CtlNodesTable } from './tables.js';

/** The largest catalogue file accepted (SP 800-53 rev5 in full is about 10 MB of JSON). */
export const MAX_CATALOGUE_BYTES = 64 * 1024 * 1024;
const BATCH = 200;

// --- Progress of the imports running in this process (polled by the web app) ------------------

interface Progress extends CatalogueImportProgress {
  firmId: string;
}
const running = new Map<string, Progress>();

function track(p: Progress): Progress {
  running.set(p.id, p);
  return p;
}

function finishProgress(p: Progress, phase: 'done' | 'failed', error: string | null = null): void {
  Object.assign(p, { phase, fraction: 1, error });
  setTimeout(() => running.delete(p.id), 15 * 60_000).unref();
}

/** Progress of an import of this firm, while it runs and for a while after. */
export function importProgress(firmId: string, id: string): CatalogueImportProgress | null {
  const p = running.get(id);
  if (!p || p.firmId !== firmId) return null;
  const { firmId: _f, ...rest } = p;
  return rest;
}

// --- Import ---------------------------------------------------------------------------------

export interface CatalogueImportOptions {
  fileName?: string | null;
  /** An id the caller chose (a UUID), to poll progress with. */
  importId?: string | undefined;
  /** Set for the catalogues that come with Triad. */
  builtin?: string;
  onProgress?: (p: Readonly<CatalogueImportProgress>) => void;
}

/** Who may import catalogues: the firm's admins and advisors (and Triad itself, for the built-in ones). */
export function canImportCatalogues(actor: Actor): boolean {
  return actor.firmRole === 'admin' || actor.firmRole === 'advisor';
}

/** The refusal of a file that is not a valid catalogue, with every problem's path. */
export function oscalRefusal(err: OscalError): AppError {
  return new AppError('VALIDATION_FAILED', `${err.message} Nothing was imported.`, err.problems);
}

/**
 * Imports an OSCAL catalogue (JSON or YAML text, or a document already read) into the actor's
 * firm: all of it in one transaction, or nothing, with an entry in the firm's audit trail.
 */
export async function importCatalogue(app: AppContext, actor: Actor, input: string | Buffer | { document: unknown }, options: CatalogueImportOptions = {}): Promise<CatalogueImportReport> {
  if (!options.builtin && !canImportCatalogues(actor)) throw forbidden('Only the firm\u2019s admins and advisors can import catalogues.');
  const started = Date.now();
  const importId = options.importId && isId(options.importId) ? options.importId : newId();
  const progress = track({ id: importId, firmId: actor.firmId, fileName: options.fileName ?? null, phase: 'reading', fraction: 0, nodesTotal: 0, nodesStored: 0, error: null });
  const report = (change: Partial<CatalogueImportProgress>): void => {
    Object.assign(progress, change);
    options.onProgress?.(progress);
  };
  try {
    const text = typeof input === 'string' ? input : Buffer.isBuffer(input) ? input.toString('utf8') : null;
    const bytes = typeof input === 'string' ? Buffer.byteLength(input) : Buffer.isBuffer(input) ? input.length : 0;
    let parsed: ParsedCatalogue;
    let canonical: string;
    try {
      const doc = text !== null ? readDocument(text, options.fileName ?? 'The file') : (input as { document: unknown }).document;
      report({ phase: 'checking', fraction: 0.1 });
      parsed = parseCatalogue(doc);
      canonical = JSON.stringify(doc);
    } catch (err) {
      if (err instanceof OscalError) throw oscalRefusal(err);
      throw err;
    }
    report({ phase: 'storing', fraction: 0.2, nodesTotal: parsed.nodes.length });
    const result = await store(app, actor, parsed, {
      sha256: createHash('sha256').update(canonical).digest('hex'),
      bytes: bytes || Buffer.byteLength(canonical),
      fileName: options.fileName ?? null,
      builtin: options.builtin ?? null,
      onStored: (n) => report({ nodesStored: n, fraction: 0.2 + 0.8 * (n / Math.max(1, parsed.nodes.length)) }),
    });
    finishProgress(progress, 'done');
    options.onProgress?.(progress);
    return { importId, ...result, durationMs: Date.now() - started };
  } catch (err) {
    finishProgress(progress, 'failed', err instanceof Error ? err.message : String(err));
    options.onProgress?.(progress);
    throw err;
  }
}

interface StoreMeta {
  sha256: string;
  bytes: number;
  fileName: string | null;
  builtin: string | null;
  onStored: (nodes: number) => void;
}

function nodeRow(versionId: string, n: CatalogueNode): CtlNodesTable {
  return {
    version_id: versionId,
    node_id: n.nodeId,
    kind: n.kind,
    parent_id: n.parentId,
    top_id: n.topId,
    depth: n.depth,
    position: n.position,
    class: n.class,
    title: n.title,
    label: n.label,
    sort_id: n.sortId,
    withdrawn: toFlag(n.withdrawn),
    assessable: toFlag(n.assessable),
    statement: n.statement,
    parts_json: JSON.stringify(n.parts),
    params_json: JSON.stringify(n.params),
    links_json: JSON.stringify(n.links),
  };
}

async function store(app: AppContext, actor: Actor, parsed: ParsedCatalogue, meta: StoreMeta): Promise<Omit<CatalogueImportReport, 'importId' | 'durationMs'>> {
  return firmWrite(app, actor, async (tx, audit) => {
    const now = toTimestamp(app.clock.now());
    let catalogue = await tx.selectFrom('ctl_catalogues').selectAll().where('firm_id', '=', actor.firmId).where('uuid', '=', parsed.uuid).executeTakeFirst();
    if (catalogue && meta.builtin && catalogue.builtin !== meta.builtin) {
      // The firm imported a catalogue that comes with Triad before Triad did: it is that one.
      await tx.updateTable('ctl_catalogues').set({ builtin: meta.builtin }).where('id', '=', catalogue.id).execute();
      catalogue = { ...catalogue, builtin: meta.builtin };
    }
    if (catalogue) {
      const same = await tx.selectFrom('ctl_catalogue_versions').selectAll().where('catalogue_id', '=', catalogue.id).where('version', '=', parsed.version).executeTakeFirst();
      if (same) {
        if (same.sha256 === meta.sha256) {
          meta.onStored(parsed.nodes.length);
          return { action: 'unchanged' as const, catalogue: await presentCatalogue(tx, catalogue), version: presentVersion(same) };
        }
        throw conflict(
          `Version ${parsed.version} of "${catalogue.title}" is already stored with different content; a changed catalogue needs a new metadata.version. Nothing was imported.`,
          [{ path: 'catalog.metadata.version', message: `version ${parsed.version} is already stored (imported ${same.imported_at.slice(0, 10)} by ${same.imported_by}) with different content` }],
        );
      }
    }
    const created = !catalogue;
    if (!catalogue) {
      catalogue = { id: newId(), firm_id: actor.firmId, uuid: parsed.uuid, title: parsed.title, builtin: meta.builtin, latest_version_id: null, created_at: now, updated_at: now };
      await tx.insertInto('ctl_catalogues').values(catalogue).execute();
    }
    const version: CtlCatalogueVersionsTable = {
      id: newId(),
      firm_id: actor.firmId,
      catalogue_id: catalogue.id,
      version: parsed.version,
      title: parsed.title,
      kind: parsed.kind,
      oscal_version: parsed.oscalVersion,
      published: parsed.published,
      last_modified: parsed.lastModified,
      sha256: meta.sha256,
      file_name: meta.fileName,
      bytes: meta.bytes,
      group_count: parsed.counts.groups,
      control_count: parsed.counts.controls,
      withdrawn_count: parsed.counts.withdrawn,
      outcome_count: parsed.counts.outcomes,
      counts_json: JSON.stringify(parsed.counts.byClass),
      warnings_json: JSON.stringify(parsed.warnings),
      imported_at: now,
      imported_by_user_id: actor.userId,
      imported_by: actor.label,
    };
    await tx.insertInto('ctl_catalogue_versions').values(version).execute();
    for (let i = 0; i < parsed.nodes.length; i += BATCH) {
      await tx.insertInto('ctl_nodes').values(parsed.nodes.slice(i, i + BATCH).map((n) => nodeRow(version.id, n))).execute();
      meta.onStored(Math.min(parsed.nodes.length, i + BATCH));
      // With SQLite every statement is synchronous: let other requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const latest = await newestVersion(tx, catalogue.id);
    await tx.updateTable('ctl_catalogues').set({ latest_version_id: latest, title: latest === version.id ? parsed.title : catalogue.title, updated_at: now }).where('id', '=', catalogue.id).execute();
    await audit({
      action: created ? 'catalogue.import' : 'catalogue.version.add',
      entityType: 'catalogue',
      entityId: catalogue.id,
      after: {
        uuid: parsed.uuid,
        title: parsed.title,
        version: parsed.version,
        kind: parsed.kind,
        builtin: meta.builtin,
        fileName: meta.fileName,
        sha256: meta.sha256,
        groups: parsed.counts.groups,
        controls: parsed.counts.controls,
        withdrawn: parsed.counts.withdrawn,
        outcomes: parsed.counts.outcomes,
        warnings: parsed.warnings.length,
      },
    });
    const fresh = await tx.selectFrom('ctl_catalogues').selectAll().where('id', '=', catalogue.id).executeTakeFirstOrThrow();
    return { action: created ? ('created' as const) : ('version-added' as const), catalogue: await presentCatalogue(tx, fresh), version: presentVersion(version) };
  });
}

/** The version assessments start from by default: the one last modified (by its metadata), else the last imported. */
async function newestVersion(tx: Transaction<DB>, catalogueId: string): Promise<string> {
  const rows = await tx.selectFrom('ctl_catalogue_versions').select(['id', 'last_modified', 'imported_at']).where('catalogue_id', '=', catalogueId).execute();
  const when = (r: { last_modified: string | null; imported_at: string }): number => {
    const t = r.last_modified ? Date.parse(r.last_modified) : Number.NaN;
    return Number.isNaN(t) ? Date.parse(r.imported_at) : t;
  };
  return rows.sort((a, b) => when(b) - when(a) || b.imported_at.localeCompare(a.imported_at))[0]!.id;
}

// --- Reading ----------------------------------------------------------------------------------

export function presentVersion(v: CtlCatalogueVersionsTable): CatalogueVersionOut {
  return {
    id: v.id,
    version: v.version,
    title: v.title,
    kind: v.kind,
    oscalVersion: v.oscal_version,
    published: v.published,
    lastModified: v.last_modified,
    sha256: v.sha256,
    fileName: v.file_name,
    bytes: v.bytes,
    importedAt: v.imported_at,
    importedBy: v.imported_by,
    counts: { groups: v.group_count, controls: v.control_count, withdrawn: v.withdrawn_count, outcomes: v.outcome_count, byClass: fromJson(v.counts_json, []) },
    warnings: fromJson(v.warnings_json, []),
  };
}

type Reader = Pick<Transaction<DB>, 'selectFrom'>;

async function presentCatalogue(db: Reader, c: CtlCataloguesTable): Promise<CatalogueOut> {
  const versions = await db.selectFrom('ctl_catalogue_versions').selectAll().where('catalogue_id', '=', c.id).orderBy('imported_at', 'desc').orderBy('id', 'desc').execute();
  const out = versions.map(presentVersion);
  return { id: c.id, uuid: c.uuid, title: c.title, builtin: c.builtin, latest: out.find((v) => v.id === c.latest_version_id) ?? out[0]!, versions: out };
}

/** Every catalogue of the firm with its versions (see builtin.ts `firmCatalogues`, which loads the built-in ones first). */
export async function listCatalogues(app: AppContext, firmId: string): Promise<CatalogueOut[]> {
  const rows = await app.database.db.selectFrom('ctl_catalogues').selectAll().where('firm_id', '=', firmId).where('latest_version_id', 'is not', null).orderBy('builtin', 'desc').orderBy('title').execute();
  const out: CatalogueOut[] = [];
  for (const r of rows) out.push(await presentCatalogue(app.database.db, r));
  return out;
}

/** One catalogue of the firm, or 404. */
export async function findCatalogue(app: AppContext, firmId: string, catalogueId: string): Promise<CtlCataloguesTable> {
  const c = await app.database.db.selectFrom('ctl_catalogues').selectAll().where('firm_id', '=', firmId).where('id', '=', catalogueId).executeTakeFirst();
  if (!c || !c.latest_version_id) throw notFound('Catalogue');
  return c;
}

/** A version of a catalogue of the firm (default: its latest), or 404. */
export async function findVersion(app: AppContext, catalogue: CtlCataloguesTable, versionId?: string): Promise<CtlCatalogueVersionsTable> {
  const v = await app.database.db
    .selectFrom('ctl_catalogue_versions')
    .selectAll()
    .where('catalogue_id', '=', catalogue.id)
    .where('id', '=', versionId ?? catalogue.latest_version_id!)
    .executeTakeFirst();
  if (!v) throw notFound('Catalogue version');
  return v;
}

/** The nodes of a catalogue version as stored, in document order. */
export async function loadNodes(app: AppContext, versionId: string): Promise<CtlNodesTable[]> {
  return app.database.db.selectFrom('ctl_nodes').selectAll().where('version_id', '=', versionId).orderBy('position').execute();
}

/** The outline of a version: groups and controls with how many outcomes each holds. */
export async function catalogueTree(app: AppContext, firmId: string, catalogueId: string, versionId?: string): Promise<CatalogueTreeOut> {
  const catalogue = await findCatalogue(app, firmId, catalogueId);
  const version = await findVersion(app, catalogue, versionId);
  const nodes = await loadNodes(app, version.id);
  const parentOf = new Map(nodes.map((n) => [n.node_id, n.parent_id]));
  const outcomes = new Map<string, number>();
  for (const n of nodes) {
    if (!fromFlag(n.assessable)) continue;
    for (let id: string | null = n.node_id; id; id = parentOf.get(id) ?? null) outcomes.set(id, (outcomes.get(id) ?? 0) + 1);
  }
  return {
    catalogueId: catalogue.id,
    versionId: version.id,
    version: version.version,
    nodes: nodes.map((n) => ({ id: n.node_id, kind: n.kind, parentId: n.parent_id, depth: n.depth, class: n.class, title: n.title, label: n.label, withdrawn: fromFlag(n.withdrawn), assessable: fromFlag(n.assessable), outcomes: outcomes.get(n.node_id) ?? 0 })),
  };
}

