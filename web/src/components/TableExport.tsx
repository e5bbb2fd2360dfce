/**
 * Export buttons for a table: what it lists, as CSV for Excel (UTF-8 with its byte-order mark,
 * formula cells neutralised: @shared/spreadsheet) or as an Excel workbook (exceljs, loaded only
 * when asked for). Values come from the columns' accessors, as the records hold them.
 */
import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csvText, fileSlug } from '@shared/spreadsheet';

export type ExportCell = string | number | boolean | null | undefined;
export interface ExportColumn<T> {
  title: string;
  value: (record: T) => ExportCell;
}

interface ColumnLike {
  accessor?: unknown;
  title?: unknown;
  hidden?: boolean;
}

/** A record's value at an accessor such as `name` or `vendor.name`, as a cell. */
function valueAt(record: unknown, accessor: string): ExportCell {
  let v: unknown = record;
  for (const part of accessor.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? ((x as { name?: string; title?: string }).name ?? (x as { title?: string }).title ?? JSON.stringify(x)) : String(x))).join('; ');
  return (v as { name?: string }).name ?? JSON.stringify(v);
}

/** Export columns from a table's columns: those with a text title and an accessor that holds values. */
export function exportColumnsOf<T>(columns: readonly ColumnLike[], records: readonly T[]): ExportColumn<T>[] {
  return columns
    .filter((c) => typeof c.accessor === 'string' && !c.hidden)
    .map((c) => ({ title: typeof c.title === 'string' ? c.title : String(c.accessor), accessor: c.accessor as string }))
    .filter((c) => records.some((r) => valueAt(r, c.accessor) !== undefined))
    .map((c) => ({ title: c.title, value: (r: T) => valueAt(r, c.accessor) }));
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function TableExport<T>({ title, records, columns }: { title: string; records: readonly T[]; columns: readonly ExportColumn<T>[] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const name = `${fileSlug(title)}-${new Date().toISOString().slice(0, 10)}`;
  const rows = (): ExportCell[][] => records.map((r) => columns.map((c) => c.value(r)));
  const asCsv = (): void => {
    const text = csvText(columns.map((c) => c.title), rows().map((row) => row.map((v) => (typeof v === 'boolean' ? (v ? t('ui.yes') : t('ui.no')) : v))));
    download(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
  };
  const asXlsx = async (): Promise<void> => {
    setBusy(true);
    try {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet(title.slice(0, 31) || 'Sheet1');
      sheet.addRow(columns.map((c) => c.title)).font = { bold: true };
      for (const row of rows()) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
      const buffer = await wb.xlsx.writeBuffer();
      download(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${name}.xlsx`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap={6} justify="flex-end" role="group" aria-label={t('ui.exportTitle', { title })}>
      <Button size="compact-xs" variant="subtle" leftSection={<IconDownload size={12} />} onClick={asCsv} disabled={records.length === 0}>
        {t('ui.csv')}
      </Button>
      <Button size="compact-xs" variant="subtle" leftSection={<IconDownload size={12} />} onClick={() => void asXlsx()} loading={busy} disabled={records.length === 0}>
        {t('ui.excel')}
      </Button>
    </Group>
  );
}
