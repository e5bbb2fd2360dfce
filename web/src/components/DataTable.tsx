import { Stack } from '@mantine/core';
import { DataTable, type DataTableProps } from 'mantine-datatable';
import type { ComponentType } from 'react';
import { exportColumnsOf, TableExport, type ExportColumn } from './TableExport';

/** Export buttons above the table: `exportAs` names the file; columns default to the table's. */
export interface TableExportProps<T> {
  exportAs?: string;
  exportColumns?: ExportColumn<T>[];
}

/**
 * Triad's table convention: mantine-datatable with the same frame, spacing, hover and empty
 * text everywhere. Use it for every list of records:
 *
 * ```tsx
 * <TriadTable
 *   records={vendors}
 *   fetching={query.isLoading}
 *   idAccessor="id"
 *   noRecordsText="No vendors yet"
 *   columns={[
 *     { accessor: 'name', title: 'Vendor' },
 *     { accessor: 'annualCost', title: 'Annual cost', textAlign: 'right',
 *       render: (v) => <Money amount={v.annualCost} currency={client.currency} /> },
 *   ]}
 * />
 * ```
 * Money and numbers align right; the first column names the record; row actions go in the
 * last column as icon buttons with an `aria-label`. For a list that can be empty at first,
 * show an EmptyState instead of the table, with the action that fills it. Give `exportAs` (a
 * title) for CSV and Excel export buttons of what the table lists.
 */
export function TriadTable<T>(allProps: DataTableProps<T> & TableExportProps<T>) {
  // Plain records here: the rest of a DataTableProps union is costly for the compiler (see below).
  const { exportAs, exportColumns, ...props } = allProps as unknown as TableExportProps<T> & Record<string, unknown> & { records?: T[]; columns?: { accessor?: unknown; title?: unknown }[] };
  const defaults = {
    withTableBorder: true,
    borderRadius: 'md',
    highlightOnHover: true,
    verticalSpacing: 'sm',
    horizontalSpacing: 'md',
    minHeight: props.records && props.records.length > 0 ? undefined : 160,
    noRecordsText: 'Nothing to show',
    loaderType: 'dots',
  };
  // DataTableProps is a large union; checking a spread of it against itself for a generic T
  // costs the compiler gigabytes. The public signature above keeps callers fully typed.
  const table = <UntypedDataTable {...defaults} {...props} />;
  if (!exportAs) return table;
  const records = props.records ?? [];
  const columns = exportColumns ?? exportColumnsOf(props.columns ?? [], records);
  return (
    <Stack gap={4}>
      <TableExport title={exportAs} records={records} columns={columns} />
      {table}
    </Stack>
  );
}

const UntypedDataTable = DataTable as unknown as ComponentType<object>;
