/** Import of CSV files and Excel workbooks (checked first with a dry run, then written all at once) and export of the estate. */
import { Alert, Anchor, Badge, Button, FileInput, Group, List, Paper, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportRecordOut, ImportReport } from '@schema/estate';

type RowResult = ImportReport['results'][number];
type Problem = ImportReport['problems'][number] & { key: string };
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatNumber } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { estateInvalidate, estatePath, uploadCsv, useImportProgress, useImports, type ReadingOptions } from './api';
import { ReadingSummary, UnknownValues } from './ImportReading';
import { ImportSettingsPanel } from './ImportSettingsPanel';

const KINDS = [
  { value: 'systems', label: 'Systems and assets', hint: 'An asset tool\u2019s export works as it is (Snipe-IT, Lansweeper, NinjaOne, Datto RMM, ScalePad, Intune, Entra): Asset Tag, Name, Serial, Model, Manufacturer, Category, Supplier, Location, Purchase Date, Purchase Cost, Warranty (months), EOL Date, Status.' },
  { value: 'services', label: 'Business services', hint: 'Name, Business Unit, Downtime Cost per Hour, RTO (hours), RPO (hours), Criticality, Systems (asset tags or names, separated by ;).' },
  { value: 'vendors', label: 'Vendors', hint: 'Name, Relationship (direct or fourth party), Supplies, Offering, Country, Tier Override and its reason, Subcontractor Of (vendor names, separated by ;).' },
  { value: 'contracts', label: 'Contracts', hint: 'Vendor, Reference, Annual Cost, Start Date, Renewal Date, Term (months), Notice (days), Auto Renew.' },
  { value: 'datasets', label: 'Data sets', hint: 'Name, Classification, Categories, Records, Countries, Lifecycle Stage, Retention, Owner, Systems, Vendors.' },
  { value: 'grants', label: 'Access grants', hint: 'Data Set or System, Grantee, Grantee Type, Level, Reason, Owner (a member\u2019s e-mail), Granted By, Since.' },
];

const ACTION_COLORS: Record<string, string> = { create: 'teal', update: 'blue', unchanged: 'gray', reject: 'red' };
const PHASE_LABELS: Record<string, string> = { reading: 'Checking rows', writing: 'Writing', done: 'Done', rejected: 'Refused', failed: 'Failed' };

function newImportId(): string {
  return crypto.randomUUID();
}

function ReportView({ report, onMapped }: { report: ImportReport; onMapped: () => void }) {
  const { clientId, can } = useCurrentClient();
  const n = formatNumber;
  const summary =
    report.status === 'imported'
      ? `Imported ${n(report.rows)} rows: ${n(report.created)} created, ${n(report.updated)} updated, ${n(report.unchanged)} unchanged.`
      : report.status === 'checked'
        ? `Dry run: ${n(report.rows)} rows would import: ${n(report.created)} to create, ${n(report.updated)} to update, ${n(report.unchanged)} unchanged. Nothing was written.`
        : `${n(report.rejected)} of ${n(report.rows)} rows are refused, so nothing would be imported. Fix them and check again.`;
  return (
    <Stack gap="sm" role="region" aria-label="Import report">
      <Alert color={report.status === 'rejected' ? 'red' : 'teal'} icon={report.status === 'rejected' ? undefined : <IconCheck size={18} />} title={report.status === 'rejected' ? 'Rows refused' : report.status === 'checked' ? 'The file is good' : 'Imported'}>
        <Text size="sm">{summary}</Text>
        {report.newVendors.length > 0 ? <Text size="sm">New vendors: {report.newVendors.join(', ')}.</Text> : null}
        {report.ignoredColumns.length > 0 ? <Text size="sm">Columns not used: {report.ignoredColumns.join(', ')}.</Text> : null}
      </Alert>
      <ReadingSummary report={report} />
      <UnknownValues clientId={clientId} report={report} canMap={can('estate.import')} onMapped={onMapped} />
      {report.problems.length > 0 ? (
        <>
          <Title order={3} fz="h5">
            Problems ({n(report.problems.length + report.problemsTruncated)})
          </Title>
          <TriadTable
            records={report.problems.slice(0, 500).map((p, i) => ({ ...p, key: `${p.line}-${i}` }))}
            idAccessor="key"
            aria-label="Problems"
            maxHeight={320}
            columns={[
              { accessor: 'line', title: 'Line', width: 80 },
              { accessor: 'column', title: 'Column', width: 180, render: (p: Problem) => p.column || '—' },
              { accessor: 'reason', title: 'Problem' },
            ]}
          />
        </>
      ) : null}
      <Title order={3} fz="h5">
        Row by row{report.resultsTruncated > 0 ? ` (first ${n(report.results.length)})` : ''}
      </Title>
      <TriadTable
        records={report.results}
        idAccessor="line"
        aria-label="Rows"
        maxHeight={360}
        columns={[
          { accessor: 'line', title: 'Line', width: 80 },
          { accessor: 'key', title: 'Record' },
          { accessor: 'action', title: 'Result', width: 120, render: (r: RowResult) => <Badge color={ACTION_COLORS[r.action]} variant="light">{r.action}</Badge> },
          { accessor: 'changed', title: 'Changes', render: (r: RowResult) => r.changed.join(', ') },
        ]}
      />
    </Stack>
  );
}

function RunningProgress({ importId, upload }: { importId: string; upload: number }) {
  const { clientId } = useCurrentClient();
  const server = useImportProgress(clientId, importId);
  const p = server.data;
  const percent = Math.round((p ? Math.max(p.fraction, upload / 2) : upload / 2) * 100);
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Group justify="space-between">
        <Text size="sm">
          {p ? PHASE_LABELS[p.phase] : 'Uploading'}
          {p && p.phase === 'reading' ? `: ${formatNumber(p.rowsRead)} rows` : ''}
          {p && p.phase === 'writing' ? `: ${formatNumber(p.rowsWritten)} of ${formatNumber(p.rowsToWrite)} rows` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} animated aria-label="Import progress" />
    </Stack>
  );
}

export function ImportExportView() {
  const { clientId, can } = useCurrentClient();
  const queryClient = useQueryClient();
  const imports = useImports(clientId);
  const [kind, setKind] = useState('systems');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState<{ id: string; dryRun: boolean } | null>(null);
  const [upload, setUpload] = useState(0);
  const [reading, setReading] = useState<ReadingOptions>({});
  const checkedOk = report?.status === 'checked' && report.kind === kind && report.fileName === file?.name;

  const run = async (dryRun: boolean): Promise<void> => {
    if (!file) return;
    const id = newImportId();
    setRunning({ id, dryRun });
    setUpload(0);
    setError(null);
    if (!dryRun) setReport(null);
    try {
      const result = await uploadCsv(clientId, kind, file, { dryRun, fileName: file.name, importId: id, onUpload: setUpload, reading });
      setReport(result);
      if (!dryRun) await Promise.all(estateInvalidate(clientId).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    } catch (err) {
      setError(err);
      setReport(null);
    } finally {
      setRunning(null);
    }
  };

  const hint = KINDS.find((k) => k.value === kind)?.hint;
  return (
    <Stack gap="xl">
      {can('estate.import') ? (
        <Paper withBorder p="md" radius="md" component="section" aria-label="Import a file">
          <Stack gap="sm">
            <Title order={2} fz="h4">
              Import a CSV file or an Excel workbook
            </Title>
            <Text size="sm" c="dimmed" maw={720}>
              Check the file first: the dry run says, row by row, what would be created, updated or refused and why. A file is imported whole or not at all; rows are matched by name (systems by asset tag).
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label="What the file holds" data={KINDS} allowDeselect={false} value={kind} onChange={(v) => { setKind(v ?? 'systems'); setReport(null); }} />
              <FileInput label="CSV file or workbook" placeholder="Choose a .csv or .xlsx file" accept=".csv,.txt,.tsv,.xlsx,text/csv" leftSection={<IconFileSpreadsheet size={16} />} value={file} onChange={(f) => { setFile(f); setReport(null); setError(null); }} clearable />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select label="Encoding" description="Detected from the file unless chosen" data={[{ value: '', label: 'Detect' }, { value: 'utf-8', label: 'UTF-8' }, { value: 'utf-16le', label: 'UTF-16' }, { value: 'windows-1252', label: 'Windows-1252 (Western Europe, Americas)' }, { value: 'windows-1250', label: 'Windows-1250 (Central Europe)' }]} value={reading.encoding ?? ''} onChange={(v) => { setReading((r) => ({ ...r, encoding: v ?? '' })); setReport(null); }} allowDeselect={false} />
              <Select label="Decimal mark" description="Guessed from the amounts unless chosen" data={[{ value: '', label: 'Guess' }, { value: '.', label: '1,234.50' }, { value: ',', label: '1.234,50' }]} value={reading.decimal ?? ''} onChange={(v) => { setReading((r) => ({ ...r, decimal: v ?? '' })); setReport(null); }} allowDeselect={false} />
              <Select label="Date format" description="Guessed from the dates; needed when they could be read both ways" data={[{ value: '', label: 'Guess' }, { value: 'DMY', label: 'DD/MM/YYYY, DD.MM.YYYY' }, { value: 'MDY', label: 'MM/DD/YYYY' }, { value: 'YMD', label: 'YYYY-MM-DD' }]} value={reading.dateFormat ?? ''} onChange={(v) => { setReading((r) => ({ ...r, dateFormat: v ?? '' })); setReport(null); }} allowDeselect={false} />
            </SimpleGrid>
            {hint ? (
              <Text size="xs" c="dimmed">
                Columns: {hint}
              </Text>
            ) : null}
            <Group>
              <Button variant="default" leftSection={<IconCheck size={16} />} disabled={!file || running !== null} loading={running?.dryRun === true} onClick={() => void run(true)}>
                Check the file (dry run)
              </Button>
              <Button leftSection={<IconUpload size={16} />} disabled={!checkedOk || running !== null} loading={running?.dryRun === false} onClick={() => void run(false)}>
                Import
              </Button>
            </Group>
            {running ? <RunningProgress importId={running.id} upload={upload} /> : null}
            {error ? <ErrorAlert error={error} /> : null}
            {report ? <ReportView report={report} onMapped={() => void run(true)} /> : null}
          </Stack>
        </Paper>
      ) : null}
      <Stack gap="sm" component="section" aria-label="Export">
        <Title order={2} fz="h4">
          Export
        </Title>
        <Text size="sm" c="dimmed">
          In the columns the import reads, to edit in a spreadsheet and import back: CSV for Excel (UTF-8 with its mark; cells that would run as formulas are quoted) or an Excel workbook.
        </Text>
        <List spacing={4} icon={<IconDownload size={14} />}>
          {KINDS.map((k) => (
            <List.Item key={k.value}>
              {k.label}:{' '}
              <Anchor href={estatePath(clientId, `/export/${k.value}`)} download size="sm">
                CSV
              </Anchor>
              {' \u00b7 '}
              <Anchor href={estatePath(clientId, `/export/${k.value}?format=xlsx`)} download size="sm">
                Excel
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Stack>
      {imports.data && imports.data.recent.length > 0 ? (
        <Stack gap="sm">
          <Title order={2} fz="h4">
            Recent imports
          </Title>
          <TriadTable
            records={imports.data.recent}
            idAccessor="id"
            aria-label="Recent imports" exportAs="Recent imports"
            columns={[
              { accessor: 'finishedAt', title: 'When', render: (r: ImportRecordOut) => formatDateTime(r.finishedAt) },
              { accessor: 'kind', title: 'Kind' },
              { accessor: 'fileName', title: 'File', render: (r: ImportRecordOut) => r.fileName ?? '—' },
              { accessor: 'rows', title: 'Rows', textAlign: 'right', render: (r: ImportRecordOut) => formatNumber(r.rows) },
              { accessor: 'created', title: 'Created / updated', textAlign: 'right', render: (r: ImportRecordOut) => `${formatNumber(r.created)} / ${formatNumber(r.updated)}` },
              { accessor: 'by', title: 'By' },
            ]}
          />
        </Stack>
      ) : null}
      <ImportSettingsPanel />
    </Stack>
  );
}
