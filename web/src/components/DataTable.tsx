import { Group, Stack } from '@mantine/core';
import { DataTable, useDataTableColumns, type DataTableColumn, type DataTableProps } from 'mantine-datatable';
import { useMemo, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnsMenu } from './ColumnsMenu';
import { exportColumnsOf, TableExport, type ExportColumn } from './TableExport';

/** Export buttons above the table: `exportAs` names the file; columns default to the table's. */
export interface TableExportProps<T> {
  exportAs?: string;
  exportColumns?: ExportColumn<T>[];
  /**
   * Lets the person choose the columns shown (a "Columns" menu above the table), kept in this
   * browser under this key (the list's key, as for saved views: `estate.systems`).
   */
  columnsKey?: string;
}

type Column = { accessor?: unknown; title?: unknown; hidden?: boolean; toggleable?: boolean };

/** A column a person may hide: one with a text title, unless it says otherwise. */
const choosable = (c: Column): boolean => c.toggleable ?? (typeof c.title === 'string' && c.title !== '');

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
  const { exportAs, exportColumns, columnsKey, ...props } = allProps as unknown as TableExportProps<T> & Record<string, unknown> & { records?: T[]; columns?: Column[] };
  const { t } = useTranslation();
  const storeKey = columnsKey ? `triad.columns.${columnsKey}` : undefined;
  const columns = props.columns;
  // The menu's view of the state the table keeps under storeColumnsKey (mantine's localStorage
  // hook tells every user of a key of a change); the table itself shows no toggles of its own.
  const choice = useDataTableColumns<T>({ key: storeKey, columns: (columns ?? []) as DataTableColumn<T>[] });
  const may = useMemo(() => new Set((columns ?? []).filter(choosable).map((c) => String(c.accessor))), [columns]);
  const defaults = {
    withTableBorder: true,
    borderRadius: 'md',
    highlightOnHover: true,
    verticalSpacing: 'sm',
    horizontalSpacing: 'md',
    minHeight: props.records && props.records.length > 0 ? undefined : 160,
    noRecordsText: t('ui.nothingToShow'),
    loaderType: 'dots',
  };
  // DataTableProps is a large union; checking a spread of it against itself for a generic T
  // costs the compiler gigabytes. The public signature above keeps callers fully typed.
  const table = <UntypedDataTable {...defaults} {...props} {...{ storeColumnsKey: storeKey }} />;
  if (!exportAs && !storeKey) return table;
  const records = props.records ?? [];
  const shown = storeKey ? choice.effectiveColumns : (columns ?? []);
  const titles = Object.fromEntries((columns ?? []).map((c) => [String(c.accessor), typeof c.title === 'string' ? c.title : String(c.accessor)]));
  return (
    <Stack gap={4}>
      <Group gap={6} justify="flex-end">
        {storeKey ? <ColumnsMenu toggles={choice.columnsToggle} choosable={may} setToggles={choice.setColumnsToggle} reset={choice.resetColumnsToggle} titles={titles} /> : null}
        {exportAs ? <TableExport title={exportAs} records={records} columns={exportColumns ?? exportColumnsOf(shown, records)} /> : null}
      </Group>
      {table}
    </Stack>
  );
}

const UntypedDataTable = DataTable as unknown as ComponentType<object>;
