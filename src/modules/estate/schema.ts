/**
 * The estate module's API schemas: what each route takes and answers. One schema per endpoint
 * validates the input, types the handler and documents the route in OpenAPI. This file holds the
 * building blocks the others share (dates, money, text, ids), the business services, the systems
 * and their lifecycle, and the CSV import's report, progress and history; its siblings hold the
 * rest: vendors-schema.ts (contracts, vendors, assessments, renewals, concentration),
 * access-schema.ts (data map, access grants and reviews) and overview-schema.ts (the client home
 * card). This file imports only zod and the module's vocabulary, so the web app reads its types
 * from here (`import type { SystemOut } from '@schema/estate'`) and from its siblings
 * (`import type { VendorOut } from '@schema/estate/vendors'`).
 */
import { z } from 'zod';
import { PageInfo, pageQuery, sortQuery } from '../../shared/paging.js';
import { ImportNote, ImportReading, ImportSampleRow, ImportSetAside, ImportUnknownValue } from './import-schema.js';
import {
  CLASSIFICATIONS,
  CRITICALITIES,
  CSV_KINDS,
  OPERATING_HOURS,
  SYSTEM_SCOPES,
  SYSTEM_STATUSES,
  SYSTEM_TYPES,
} from './vocab.js';

// ---- Building blocks

/** A calendar date `YYYY-MM-DD` that exists. */
export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'is not a real date');

/** An amount of money in major units of the client's currency. */
export const Money = z.number().min(0, 'must not be negative').max(1e12);

export const Text = (max = 200) => z.string().trim().min(1).max(max);
/** Optional text in inputs: null or an empty string clears it. */
export const OptionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const IdParam = z.string().max(64);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for `YYYY-MM-DD` naming a day of the calendar (2024-02-29 yes, 2023-02-29 no). */
export function isRealDate(s: string): boolean {
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-') return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0);
}

/** How many per-row results an import report lists (every problem is listed). */
export const IMPORT_RESULTS_SHOWN = 1000;

// ---- Business services

const serviceFields = {
  name: Text(200),
  businessUnit: OptionalText(200),
  description: OptionalText(2000),
  downtimeCostPerHour: Money.describe('Revenue lost or cost incurred per hour of downtime, in major units'),
  rtoHours: z.number().min(0).max(8760).nullable().optional().describe('Recovery time objective, hours'),
  rpoHours: z.number().min(0).max(8760).nullable().optional().describe('Recovery point objective, hours'),
  criticality: z.enum(CRITICALITIES),
  operatingHours: z.enum(OPERATING_HOURS).describe('When the service runs: business (40 hours a week) or always (around the clock); downtime loses revenue only then'),
  systemIds: z.array(IdParam).max(1000).optional().describe('The systems the service depends on (replaces the list)'),
};

/** A business service: what the business does that depends on technology. */
export const ServiceInput = z.strictObject({
  ...serviceFields,
  downtimeCostPerHour: serviceFields.downtimeCostPerHour.default(0),
  criticality: serviceFields.criticality.default('medium'),
  operatingHours: serviceFields.operatingHours.default('business'),
});

export type ServiceInput = z.input<typeof ServiceInput>;

export const ServicePatch = z.strictObject(serviceFields).partial();

export type ServicePatch = z.input<typeof ServicePatch>;

export const ServiceOut = z.object({
  id: z.string(),
  name: z.string(),
  businessUnit: z.string().nullable(),
  description: z.string().nullable(),
  downtimeCostPerHour: z.number(),
  rtoHours: z.number().nullable(),
  rpoHours: z.number().nullable(),
  criticality: z.enum(CRITICALITIES),
  operatingHours: z.enum(OPERATING_HOURS),
  systemIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ServiceOut = z.infer<typeof ServiceOut>;

/** Whether the services' downtime costs are plausible for the company's size. */
export const DowntimeCheck = z.object({
  costPerHour: z.number().describe('The downtime costs per hour, added up'),
  costPerYear: z.number().describe('What they add up to over a year of the hours the services run'),
  annualRevenue: z.number(),
  revenuePerOperatingHour: z.number().nullable(),
  ratio: z.number().nullable().describe('costPerYear / annual revenue'),
  implausible: z.boolean().describe('The costs say the company loses more than it earns'),
  message: z.string().nullable(),
});
export type DowntimeCheck = z.infer<typeof DowntimeCheck>;

/** A service as saved, with the warning about the downtime costs when they are implausible. */
export const ServiceSaved = ServiceOut.extend({
  warning: z.string().nullable().describe('Set when the services\' downtime costs add up to more than the company earns in the hours they run'),
});
export type ServiceSaved = z.infer<typeof ServiceSaved>;

export const SERVICE_SORTS = ['name', 'downtimeCostPerHour'] as const;
export type ServiceSort = (typeof SERVICE_SORTS)[number];

export const ServiceQuery = z.strictObject({
  search: z.string().trim().max(200).optional().describe('Part of the name'),
  criticality: z.enum(CRITICALITIES).optional(),
  ...sortQuery(SERVICE_SORTS, 'name'),
  ...pageQuery(100),
});
export type ServiceQuery = z.input<typeof ServiceQuery>;

export const ServiceList = z.object({ services: z.array(ServiceOut), ...PageInfo });
export type ServiceList = z.infer<typeof ServiceList>;

// ---- Systems and assets, lifecycle

const systemFields = {
  name: Text(200),
  assetTag: OptionalText(100).describe('The asset tool\'s tag; unique in the client'),
  type: z.enum(SYSTEM_TYPES),
  scope: z.enum(SYSTEM_SCOPES).describe('internal (the CIO\'s) or product (the CTO\'s)'),
  status: z.enum(SYSTEM_STATUSES),
  owner: OptionalText(200),
  vendorId: IdParam.nullable().optional(),
  location: OptionalText(200),
  manufacturer: OptionalText(200),
  model: OptionalText(200),
  serial: OptionalText(200),
  category: OptionalText(200),
  purchaseDate: DateString.nullable().optional(),
  purchaseCost: Money.nullable().optional(),
  warrantyEnd: DateString.nullable().optional(),
  endOfLife: DateString.nullable().optional(),
  replacementCost: Money.nullable().optional(),
  notes: OptionalText(4000),
};

export const SystemInput = z.strictObject({
  ...systemFields,
  type: systemFields.type.default('hardware'),
  scope: systemFields.scope.default('internal'),
  status: systemFields.status.default('active'),
}).meta({ examples: [{ name: 'File server', assetTag: 'HF-0042', type: 'hardware', status: 'active', manufacturer: 'Dell', model: 'PowerEdge R450', purchaseDate: '2022-03-01', purchaseCost: 8400, warrantyEnd: '2027-03-01', replacementCost: 9000 }] });

export type SystemInput = z.input<typeof SystemInput>;

export const SystemPatch = z.strictObject(systemFields).partial();

export type SystemPatch = z.input<typeof SystemPatch>;

export const SystemOut = z.object({
  id: z.string(),
  name: z.string(),
  assetTag: z.string().nullable(),
  type: z.enum(SYSTEM_TYPES),
  scope: z.enum(SYSTEM_SCOPES),
  status: z.enum(SYSTEM_STATUSES),
  owner: z.string().nullable(),
  vendorId: z.string().nullable(),
  vendorName: z.string().nullable(),
  location: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  category: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  purchaseCost: z.number().nullable(),
  warrantyEnd: z.string().nullable(),
  endOfLife: z.string().nullable(),
  replacementCost: z.number().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'System', description: 'A system or asset with its lifecycle' });

export type SystemOut = z.infer<typeof SystemOut>;

export const SystemDetail = SystemOut.extend({
  services: z.array(z.object({ id: z.string(), name: z.string(), criticality: z.enum(CRITICALITIES) })),
  datasets: z.array(z.object({ id: z.string(), name: z.string(), classification: z.enum(CLASSIFICATIONS) })),
  activeGrants: z.number(),
});

export type SystemDetail = z.infer<typeof SystemDetail>;

export const SYSTEM_SORTS = ['name', 'assetTag', 'endOfLife', 'warrantyEnd', 'purchaseDate'] as const;
export type SystemSort = (typeof SYSTEM_SORTS)[number];

export const SystemQuery = z.strictObject({
  search: z.string().trim().max(200).optional().describe('Part of the name, asset tag, serial or model'),
  type: z.enum(SYSTEM_TYPES).optional(),
  scope: z.enum(SYSTEM_SCOPES).optional(),
  status: z.enum(SYSTEM_STATUSES).optional(),
  vendorId: IdParam.optional(),
  ...sortQuery(SYSTEM_SORTS, 'name'),
  ...pageQuery(100),
});

export type SystemQuery = z.input<typeof SystemQuery>;

export const SystemList = z.object({ systems: z.array(SystemOut), ...PageInfo });
export type SystemList = z.infer<typeof SystemList>;

export const LifecycleItem = z.object({
  id: z.string(),
  name: z.string(),
  assetTag: z.string().nullable(),
  type: z.enum(SYSTEM_TYPES),
  status: z.enum(SYSTEM_STATUSES),
  date: z.string(),
  replacementCost: z.number().nullable(),
});

export type LifecycleItem = z.infer<typeof LifecycleItem>;

export const LifecycleOut = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number(),
  warrantyEnding: z.object({ count: z.number(), items: z.array(LifecycleItem) }),
  endOfLife: z.object({ count: z.number(), replacementCost: z.number(), items: z.array(LifecycleItem) }),
  pastEndOfLife: z.object({ count: z.number(), replacementCost: z.number(), items: z.array(LifecycleItem) }).describe('Systems still in service after their end of life'),
  replacementByQuarter: z.array(z.object({ quarter: z.string(), systems: z.number(), replacementCost: z.number() })),
});

export type LifecycleOut = z.infer<typeof LifecycleOut>;

// ---- CSV import

export * from './import-schema.js';

export const ImportProblem = z.object({ line: z.number(), column: z.string(), reason: z.string() });

export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportReport = z.object({
  importId: z.string(),
  kind: z.enum(CSV_KINDS),
  fileName: z.string().nullable(),
  dryRun: z.boolean(),
  status: z.enum(['imported', 'checked', 'rejected']).describe('imported: written; checked: a dry run with no bad rows; rejected: bad rows, nothing written'),
  rows: z.number().describe('Data rows in the file'),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number().describe('Rows refused; when any is, nothing is written'),
  newVendors: z.array(z.string()).describe('Vendors named in the file that do not exist yet and are (or would be) added'),
  columns: z.array(z.object({ header: z.string(), field: z.string() })).describe('How the file\'s headers were read'),
  ignoredColumns: z.array(z.string()),
  problems: z.array(ImportProblem).describe('Every bad row: line (1 is the header), column, reason'),
  problemsTruncated: z.number(),
  results: z.array(z.object({ line: z.number(), key: z.string(), action: z.enum(['create', 'update', 'unchanged', 'reject']), changed: z.array(z.string()) })).describe(`What happens to each row (the first ${IMPORT_RESULTS_SHOWN})`),
  resultsTruncated: z.number(),
  bytes: z.number(),
  sha256: z.string(),
  durationMs: z.number(),
  readingMs: z.number().describe('Reading and checking the file: no lock held'),
  writingMs: z.number().describe('Writing it in one transaction (0 for a dry run, a refused file or a file that changes nothing)'),
  reading: ImportReading.nullable().describe('How the file was read (null when it was empty)'),
  sample: z.array(ImportSampleRow).describe('The first rows as read, cell by cell'),
  setAside: z.array(ImportSetAside).describe('Columns not used because another column of the file gives the same field'),
  unknownValues: z.array(ImportUnknownValue).describe('Words of closed lists (status, type) that are not mapped yet, with their rows and choices'),
  notes: z.array(ImportNote).describe('What the import filled in, and on how many rows (e.g. the replacement cost from the purchase cost)'),
}).meta({ id: 'ImportReport', description: 'What an import did, or would do (a dry run), row by row, and how it read the file' });

export type ImportReport = z.infer<typeof ImportReport>;

// ---- Import progress and history

export const ImportProgressOut = z.object({
  id: z.string(),
  kind: z.enum(CSV_KINDS),
  fileName: z.string().nullable(),
  dryRun: z.boolean(),
  phase: z.enum(['reading', 'writing', 'done', 'rejected', 'failed']),
  fraction: z.number().describe('0 to 1'),
  bytesRead: z.number(),
  totalBytes: z.number().nullable(),
  rowsRead: z.number(),
  rowsToWrite: z.number(),
  rowsWritten: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});

/** An import as the history lists it. */
export const ImportRecord = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string().nullable(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  by: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
});

export type ImportProgress = z.infer<typeof ImportProgressOut>;
export type ImportRecordOut = z.infer<typeof ImportRecord>;
