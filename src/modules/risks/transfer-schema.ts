/**
 * The register as a model file in the risk register's API (docs/risk-model.md): the export's
 * format, the import's file and the report of what it did, or would do. Imports only zod.
 */
import { z } from 'zod';

export const ImportInput = z.strictObject({
  model: z.unknown().optional().describe('The model file, parsed (JSON)'),
  text: z.string().max(10_000_000).optional().describe('The model file as text (YAML or JSON)'),
  dryRun: z.boolean().default(false),
});

export const ExportQuery = z.strictObject({ format: z.enum(['json', 'yaml']).default('json') });

export const ImportReport = z.object({
  dryRun: z.boolean(),
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  treatmentsCreated: z.number(),
  treatmentsUpdated: z.number(),
  treatmentsSetToProposed: z.number().describe('Planned or in-place treatments missing from the file, set back to proposed'),
  appetiteChanged: z.boolean(),
  settingsChanged: z.boolean(),
  policiesNotImported: z.array(z.string()).describe('Insurance policies in the file that differ from the register\'s: policies are kept under Insurance, not imported from a model file'),
});
export type ImportReport = z.infer<typeof ImportReport>;
