/** Import of CSV files and Excel workbooks (checked first with a dry run, then written all at once) and export of the estate. */
import { Alert, Anchor, Badge, Button, FileInput, Group, List, Paper, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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

const KINDS = ['systems', 'services', 'vendors', 'contracts', 'datasets', 'grants'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (v: string): v is Kind => (KINDS as readonly string[]).includes(v);

const ACTION_COLORS: Record<RowResult['action'], string> = { create: 'teal', update: 'blue', unchanged: 'gray', reject: 'red' };

function newImportId(): string {
  return crypto.randomUUID();
}

function ReportView({ report, onMapped }: { report: ImportReport; onMapped: () => void }) {
  const { t } = useTranslation('estate');
  const { clientId, can } = useCurrentClient();
  const n = formatNumber;
  const summary =
    report.status === 'imported'
      ? t('import.imported', { rows: n(report.rows), created: n(report.created), updated: n(report.updated), unchanged: n(report.unchanged) })
      : report.status === 'checked'
        ? t('import.checked', { rows: n(report.rows), created: n(report.created), updated: n(report.updated), unchanged: n(report.unchanged) })
        : t('import.refused', { rejected: n(report.rejected), rows: n(report.rows) });
  return (
    <Stack gap="sm" role="region" aria-label={t('import.report')}>
      <Alert color={report.status === 'rejected' ? 'red' : 'teal'} icon={report.status === 'rejected' ? undefined : <IconCheck size={18} />} title={report.status === 'rejected' ? t('import.rowsRefused') : report.status === 'checked' ? t('import.fileGood') : t('import.importedTitle')}>
        <Text size="sm">{summary}</Text>
        {report.newVendors.length > 0 ? <Text size="sm">{t('import.newVendors', { names: report.newVendors.join(', ') })}</Text> : null}
        {report.ignoredColumns.length > 0 ? <Text size="sm">{t('import.columnsNotUsed', { names: report.ignoredColumns.join(', ') })}</Text> : null}
      </Alert>
      <ReadingSummary report={report} />
      <UnknownValues clientId={clientId} report={report} canMap={can('estate.import')} onMapped={onMapped} />
      {report.problems.length > 0 ? (
        <>
          <Title order={3} fz="h5">
            {t('import.problemsCount', { n: n(report.problems.length + report.problemsTruncated) })}
          </Title>
          <TriadTable
            records={report.problems.slice(0, 500).map((p, i) => ({ ...p, key: `${p.line}-${i}` }))}
            idAccessor="key"
            aria-label={t('import.problems')}
            maxHeight={320}
            columns={[
              { accessor: 'line', title: t('common.line'), width: 80 },
              { accessor: 'column', title: t('import.column'), width: 180, render: (p: Problem) => p.column || '—' },
              { accessor: 'reason', title: t('import.problem') },
            ]}
          />
        </>
      ) : null}
      <Title order={3} fz="h5">
        {report.resultsTruncated > 0 ? t('import.rowByRowFirst', { n: n(report.results.length) }) : t('import.rowByRow')}
      </Title>
      <TriadTable
        records={report.results}
        idAccessor="line"
        aria-label={t('import.rows')}
        maxHeight={360}
        columns={[
          { accessor: 'line', title: t('common.line'), width: 80 },
          { accessor: 'key', title: t('import.record') },
          { accessor: 'action', title: t('import.result'), width: 120, render: (r: RowResult) => <Badge color={ACTION_COLORS[r.action]} variant="light">{t(`values.importAction.${r.action}`)}</Badge> },
          { accessor: 'changed', title: t('import.changes'), render: (r: RowResult) => r.changed.join(', ') },
        ]}
      />
    </Stack>
  );
}

function RunningProgress({ importId, upload }: { importId: string; upload: number }) {
  const { t } = useTranslation('estate');
  const { clientId } = useCurrentClient();
  const server = useImportProgress(clientId, importId);
  const p = server.data;
  const percent = Math.round((p ? Math.max(p.fraction, upload / 2) : upload / 2) * 100);
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Group justify="space-between">
        <Text size="sm">
          {!p
            ? t('import.uploading')
            : p.phase === 'reading'
              ? t('import.phaseRows', { phase: t(`values.importPhase.${p.phase}`), n: formatNumber(p.rowsRead) })
              : p.phase === 'writing'
                ? t('import.phaseWriting', { phase: t(`values.importPhase.${p.phase}`), written: formatNumber(p.rowsWritten), total: formatNumber(p.rowsToWrite) })
                : t(`values.importPhase.${p.phase}`)}
        </Text>
        <Text size="sm" c="dimmed">
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} animated aria-label={t('import.progress')} />
    </Stack>
  );
}

export function ImportExportView() {
  const { t } = useTranslation('estate');
  const { clientId, can } = useCurrentClient();
  const canEstateImport = can('estate.import');
  const queryClient = useQueryClient();
  const imports = useImports(clientId);
  const [kind, setKind] = useState<Kind>('systems');
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

  return (
    <Stack gap="xl">
      {canEstateImport ? (
        <Paper withBorder p="md" radius="md" component="section" aria-label={t('import.importFile')}>
          <Stack gap="sm">
            <Title order={2} fz="h4">
              {t('import.importTitle')}
            </Title>
            <Text size="sm" c="dimmed" maw={720}>
              {t('import.importIntro')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('import.whatFileHolds')} data={KINDS.map((value) => ({ value, label: t(`import.kinds.${value}`) }))} allowDeselect={false} value={kind} onChange={(v) => { setKind(v && isKind(v) ? v : 'systems'); setReport(null); }} />
              <FileInput label={t('import.file')} placeholder={t('import.choose')} accept=".csv,.txt,.tsv,.xlsx,text/csv" leftSection={<IconFileSpreadsheet size={16} />} value={file} onChange={(f) => { setFile(f); setReport(null); setError(null); }} clearable />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select label={t('import.encoding')} description={t('import.encodingHelp')} data={[{ value: '', label: t('import.detect') }, { value: 'utf-8', label: 'UTF-8' }, { value: 'utf-16le', label: t('import.utf16') }, { value: 'windows-1252', label: t('import.windows1252') }, { value: 'windows-1250', label: t('import.windows1250') }]} value={reading.encoding ?? ''} onChange={(v) => { setReading((r) => ({ ...r, encoding: v ?? '' })); setReport(null); }} allowDeselect={false} />
              <Select label={t('import.decimalMark')} description={t('import.decimalHelp')} data={[{ value: '', label: t('import.guess') }, { value: '.', label: '1,234.50' }, { value: ',', label: '1.234,50' }]} value={reading.decimal ?? ''} onChange={(v) => { setReading((r) => ({ ...r, decimal: v ?? '' })); setReport(null); }} allowDeselect={false} />
              <Select label={t('import.dateFormat')} description={t('import.dateFormatHelp')} data={[{ value: '', label: t('import.guess') }, ...(['DMY', 'MDY', 'YMD'] as const).map((value) => ({ value, label: t(`import.dateFormats.${value}`) }))]} value={reading.dateFormat ?? ''} onChange={(v) => { setReading((r) => ({ ...r, dateFormat: v ?? '' })); setReport(null); }} allowDeselect={false} />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t('import.columns', { hint: t(`import.hints.${kind}`) })}
            </Text>
            <Group>
              <Button variant="default" leftSection={<IconCheck size={16} />} disabled={!file || running !== null} loading={running?.dryRun === true} onClick={() => void run(true)}>
                {t('import.check')}
              </Button>
              <Button leftSection={<IconUpload size={16} />} disabled={!checkedOk || running !== null} loading={running?.dryRun === false} onClick={() => void run(false)}>
                {t('import.import')}
              </Button>
            </Group>
            {running ? <RunningProgress importId={running.id} upload={upload} /> : null}
            {error ? <ErrorAlert error={error} /> : null}
            {report ? <ReportView report={report} onMapped={() => void run(true)} /> : null}
          </Stack>
        </Paper>
      ) : null}
      <Stack gap="sm" component="section" aria-label={t('import.export')}>
        <Title order={2} fz="h4">
          {t('import.export')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('import.exportIntro')}
        </Text>
        <List spacing={4} icon={<IconDownload size={14} />}>
          {KINDS.map((k) => (
            <List.Item key={k}>
              {t('import.exportItem', { kind: t(`import.kinds.${k}`) })}{' '}
              <Anchor href={estatePath(clientId, `/export/${k}`)} download size="sm">
                {t('import.csvLink')}
              </Anchor>
              {' \u00b7 '}
              <Anchor href={estatePath(clientId, `/export/${k}?format=xlsx`)} download size="sm">
                {t('import.excelLink')}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Stack>
      {imports.data && imports.data.recent.length > 0 ? (
        <Stack gap="sm">
          <Title order={2} fz="h4">
            {t('import.recent')}
          </Title>
          <TriadTable
            records={imports.data.recent}
            idAccessor="id"
            aria-label={t('import.recent')} exportAs={t('import.recent')}
            columns={[
              { accessor: 'finishedAt', title: t('common.when'), render: (r: ImportRecordOut) => formatDateTime(r.finishedAt) },
              { accessor: 'kind', title: t('import.kind'), render: (r: ImportRecordOut) => (isKind(r.kind) ? t(`import.kinds.${r.kind}`) : r.kind) },
              { accessor: 'fileName', title: t('import.fileColumn'), render: (r: ImportRecordOut) => r.fileName ?? '—' },
              { accessor: 'rows', title: t('import.rows'), textAlign: 'right', render: (r: ImportRecordOut) => formatNumber(r.rows) },
              { accessor: 'created', title: t('import.createdUpdated'), textAlign: 'right', render: (r: ImportRecordOut) => `${formatNumber(r.created)} / ${formatNumber(r.updated)}` },
              { accessor: 'by', title: t('import.by') },
            ]}
          />
        </Stack>
      ) : null}
      <ImportSettingsPanel />
    </Stack>
  );
}
