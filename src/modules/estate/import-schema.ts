/**
 * The parts of an import's report that say how the file was read: its format, encoding,
 * delimiter, decimal mark and date format (and whether each was given or guessed), the first
 * rows as read, the columns set aside, the words that need a mapping and what was filled in.
 * Zod and nothing else, for the server and the web app (re-exported by schema.ts).
 */
import { z } from 'zod';

export const DATE_FORMATS = ['DMY', 'MDY', 'YMD'] as const;

export const ImportReading = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    encoding: z.string().nullable().describe('The encoding the file was decoded with (null for a workbook)'),
    encodingSource: z.enum(['bom', 'detected', 'given']).nullable().describe('bom: its byte-order mark; detected: from its bytes; given: the encoding parameter'),
    delimiter: z.string().nullable(),
    sheet: z.string().nullable().describe('The worksheet read (a workbook\'s first)'),
    decimal: z.enum(['.', ',']),
    decimalSource: z.enum(['given', 'guessed', 'workbook']),
    dateFormat: z.enum(DATE_FORMATS).nullable().describe('DMY, MDY or YMD for dates not written YYYY-MM-DD; null when none needs one'),
    dateFormatSource: z.enum(['given', 'guessed']).nullable(),
  })
  .meta({ id: 'ImportReading' });
export type ImportReading = z.infer<typeof ImportReading>;

export const ImportSampleRow = z.object({
  line: z.number(),
  cells: z.array(z.object({ column: z.string(), field: z.string(), raw: z.string(), read: z.string().describe('The value as read, in words ("10 January 2022"); empty when refused'), problem: z.string().nullable() })),
});

export const ImportSetAside = z.object({ column: z.string(), field: z.string(), used: z.string().describe('The column used for the field instead') });

export const ImportUnknownValue = z.object({
  column: z.string(),
  field: z.string(),
  value: z.string(),
  rows: z.number().describe('Rows with this value'),
  choices: z.array(z.string()).describe('What it may be mapped to'),
});

export const ImportNote = z.object({ note: z.string(), rows: z.number() });

export type ImportSampleRow = z.infer<typeof ImportSampleRow>;
export type ImportSetAside = z.infer<typeof ImportSetAside>;
export type ImportUnknownValue = z.infer<typeof ImportUnknownValue>;
export type ImportNote = z.infer<typeof ImportNote>;

/** How a person may tell the import to read the file (query parameters of the import routes). */
export const ImportReadingQuery = {
  encoding: z.string().max(40).optional().describe('The file\'s encoding when detection gets it wrong (utf-8, utf-16le, windows-1252…)'),
  decimal: z.enum(['.', ',']).optional().describe('The decimal mark of amounts: "." (1,234.50) or "," (1.234,50); guessed from the file when not given'),
  dateFormat: z.enum(DATE_FORMATS).optional().describe('The order of dates not written YYYY-MM-DD: DMY (10.01.2022, 10/01/2022), MDY (01/10/2022) or YMD; guessed from the file, and required when its dates could be read both ways'),
};
