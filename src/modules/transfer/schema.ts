import { z } from 'zod';

/**
 * The whole-client export file, version 1: one JSON document (docs/client-export.md). This
 * schema is the one definition of the format; the export builds it, the import checks files
 * against it, and the web app imports its types (`@schema/transfer`).
 */
export const EXPORT_FORMAT = 'triad.client-export';
export const EXPORT_VERSION = 1;

/** A stored value: text, a number, null, or binary data (evidence files) as base64. */
export const Cell = z.union([z.string(), z.number(), z.null(), z.strictObject({ base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64') })]);
export type Cell = z.infer<typeof Cell>;
/** One stored row, column by column, without client_id (the client's id is implied). */
export const Row = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a column name'), Cell);
export type Row = z.infer<typeof Row>;

const Id = z.string().min(1).max(64);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal digits (SHA-256)');

export const ExportPerson = z.strictObject({
  id: Id,
  email: z.string().min(3).max(320),
  name: z.string().max(200),
  /** Their role in the client, or null for someone the records name who is no longer a member. */
  role: z.enum(['advisor', 'executive', 'contributor', 'viewer']).nullable(),
});
export type ExportPerson = z.infer<typeof ExportPerson>;

export const AuditEntry = z.strictObject({
  client_id: Id,
  seq: z.number().int().min(1),
  at: z.string(),
  actor_id: z.string().nullable(),
  actor_label: z.string(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  before_json: z.string().nullable(),
  after_json: z.string().nullable(),
  prev_hash: Sha256,
  hash: Sha256,
});

export const ClientExportBody = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  source: z.strictObject({
    triad: z.string().describe('The version of Triad that wrote the file'),
    database: z.enum(['sqlite', 'postgres']),
    firm: z.strictObject({ id: Id, name: z.string() }),
    exportedBy: z.string().describe('Who exported it, as the audit trail names them'),
  }),
  /** The clients row (without firm_id). */
  client: Row,
  people: z.array(ExportPerson),
  /** The firm's control catalogues the client's assessments use, with the versions used and their nodes. */
  catalogues: z.array(z.strictObject({ catalogue: Row, versions: z.array(z.strictObject({ version: Row, nodes: z.array(Row) })) })),
  /** Rows of each exported table (src/modules/transfer/registry.ts), in the order they are written. */
  tables: z.record(z.string(), z.array(Row)),
  audit: z.strictObject({
    /** The chain's id: the client's id when the entries were written. */
    chainId: Id,
    /** Entries hashed under an earlier id of the client (it was imported before). */
    segments: z.array(z.strictObject({ throughSeq: z.number().int().min(1), originId: Id })),
    entries: z.array(AuditEntry),
    head: z.strictObject({ seq: z.number().int().min(0), hash: Sha256 }),
  }),
});
export type ClientExportBody = z.infer<typeof ClientExportBody>;

export const Integrity = z.strictObject({
  algorithm: z.literal('sha256'),
  canonicalization: z.literal('RFC 8785'),
  /** SHA-256 of the RFC 8785 canonical JSON of the file without `integrity`. */
  digest: Sha256,
  /** Ed25519 signature of the digest with the exporting server's audit key, when it has one. */
  signature: z.strictObject({ keyId: z.string(), value: z.string() }).nullable(),
});

export const ClientExportFile = ClientExportBody.extend({ integrity: Integrity });
export type ClientExportFile = z.infer<typeof ClientExportFile>;

/** What an import did, or would do (dry run). */
export const ImportReport = z.object({
  dryRun: z.boolean(),
  client: z.object({ id: z.string(), name: z.string(), keptId: z.boolean().describe('The client kept the id it had in the file (false: the id was taken here)') }),
  source: z.object({ firm: z.string(), exportedAt: z.string(), triad: z.string(), database: z.string() }),
  rows: z.record(z.string(), z.number()).describe('Rows created per table'),
  totalRows: z.number(),
  people: z.array(z.object({ email: z.string(), name: z.string(), role: z.string().nullable(), action: z.enum(['matched', 'invited']), userId: z.string() })),
  catalogues: z.array(z.object({ title: z.string(), version: z.string(), action: z.enum(['matched', 'created']) })),
  audit: z.object({ entries: z.number(), headHash: z.string(), verified: z.boolean() }),
  integrity: z.object({ digest: z.string(), signature: z.enum(['verified', 'absent', 'unchecked']).describe('unchecked: signed with a key this server does not hold') }),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** The largest export file an import takes through the API (the CLI reads files of any size V8 can hold). */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;
