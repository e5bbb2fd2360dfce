/** The options and results of an import of rows (import.ts), shared by the modules that import. */
import type { Writer } from '../../../server/context.js';
import type { Permission } from '../../../server/policy.js';
import type { CsvKind } from '../vocab.js';
import type { ImportReport } from '../schema.js';
import type { DateOrder, DecimalMark } from './locale.js';
import type { ImportProgress } from './progress.js';

export interface ImportOptions {
  kind: CsvKind;
  dryRun?: boolean;
  fileName?: string | null;
  /** The file's size when known, for the progress fraction. */
  totalBytes?: number | null;
  maxBytes?: number;
  /** An id chosen by the caller (a UUID), to poll the progress of this import. */
  importId?: string;
  onProgress?: (p: Readonly<ImportProgress>) => void;
  /** How to read the file, when guessing from it is not right: its encoding, decimal mark, date order. */
  encoding?: string | undefined;
  decimal?: DecimalMark | undefined;
  dateFormat?: DateOrder | undefined;
}

/** What the writing phase hands to the caller's `record`, inside the import's transaction. */
export interface ImportedFile {
  importId: string;
  fileName: string | null;
  sha256: string;
  bytes: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  newVendors: string[];
  changes: { line: number; key: string; id: string | undefined; before: unknown; after: unknown }[];
  changesTruncated: number;
  startedAt: string;
  finishedAt: string;
}

/** The options of an import of any kind of rows (the estate's kinds, or another module's). */
export interface ImportRowsOptions extends Omit<ImportOptions, 'kind'> {
  kind: string;
  /** Who may import it. */
  permission: Permission;
  /** Records the file (its import record and audit entry) in the writing transaction. */
  record: (w: Writer, file: ImportedFile) => Promise<void>;
}

/** An import's report; `kind` is the kind's own name. */
export type RowsImportReport = Omit<ImportReport, 'kind'> & { kind: string };
