/** The assessment as CSV, and answers imported back from a CSV keyed by control id (checked first, then all at once). */
import { Alert, Anchor, Badge, Button, FileInput, Group, Stack, Text, Title } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { IconDownload } from '@tabler/icons-react';
import type { AssessmentDetailOut, CsvImportReport } from '@schema/controls';
import { useState } from 'react';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath, importAnswers } from './api';

type Problem = CsvImportReport['problems'][number] & { key: string };

export function CsvView({ detail }: { detail: AssessmentDetailOut }) {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CsvImportReport | null>(null);
  const run = useApiMutation({
    mutationFn: (dryRun: boolean) => importAnswers(clientId, detail.assessment.id, file!, dryRun),
    notifyError: false,
    invalidate: (r) => (r.status === 'imported' ? controlChangeKeys(clientId) : []),
    onSuccess: (r) => setReport(r),
  });
  const a = detail.assessment;
  return (
    <Stack gap="lg" maw={960}>
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('csv.export')}
        </Title>
        <Text size="sm">
          {t('csv.exportText')}
        </Text>
        <Group>
          <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={controlsPath(clientId, `/assessments/${a.id}/export.csv`)}>
            {t('csv.download', { title: a.title })}
          </Button>
          <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={controlsPath(clientId, `/assessments/${a.id}/export.xlsx`)}>
            {t('csv.excel')}
          </Button>
        </Group>
      </Stack>
      {detail.can.manage ? (
        <Stack gap="xs">
          <Title order={2} fz="h4">
            {t('csv.import')}
          </Title>
          <Text size="sm">
            <Trans t={t} i18nKey="csv.columnsRead" components={{ b: <b /> }} />
          </Text>
          <Group align="flex-end">
            <FileInput
              label={t('csv.file')}
              accept=".csv,text/csv"
              value={file}
              onChange={(f) => {
                setFile(f);
                setReport(null);
              }}
              placeholder={t('csv.chooseFile')}
              w={320}
            />
            <Button variant="default" disabled={!file} loading={run.isPending && run.variables === true} onClick={() => run.mutate(true)}>
              {t('csv.check')}
            </Button>
            <Button disabled={!file || report?.status !== 'checked'} loading={run.isPending && run.variables === false} onClick={() => run.mutate(false)}>
              {t('csv.importButton')}
            </Button>
          </Group>
          {run.isError ? <ErrorAlert error={run.error} title={t('csv.nothingImported')} /> : null}
          {report ? (
            <Stack gap="xs" role="region" aria-label={t('csv.report')}>
              <Alert color={report.status === 'rejected' ? 'red' : 'teal'} title={report.status === 'rejected' ? t('csv.refused') : report.status === 'checked' ? t('csv.good') : t('csv.imported')}>
                {report.status === 'rejected'
                  ? t('csv.problems', { count: report.problems.length })
                  : report.status === 'checked'
                    ? t('csv.checked', { rows: report.rows, changed: report.changed, unchanged: report.unchanged })
                    : t('csv.done', { changed: report.changed, unchanged: report.unchanged })}
                {report.ignoredColumns.length > 0 ? t('csv.ignored', { columns: report.ignoredColumns.join(', ') }) : ''}
              </Alert>
              {report.problems.length > 0 ? (
                <TriadTable<Problem>
                  aria-label={t('csv.problemsTable')}
                  records={report.problems.map((p, i) => ({ ...p, key: `${p.line}-${i}` }))}
                  idAccessor="key"
                  columns={[
                    { accessor: 'line', title: t('csv.column.line'), width: 70 },
                    { accessor: 'column', title: t('csv.column.column'), width: 180, render: (p) => p.column || '\u2014' },
                    { accessor: 'reason', title: t('csv.column.problem') },
                  ]}
                />
              ) : (
                <TriadTable
                  aria-label={t('csv.linesTable')} exportAs={t('csv.linesTable')}
                  records={report.results}
                  idAccessor="line"
                  maxHeight={360}
                  columns={[
                    { accessor: 'line', title: t('csv.column.line'), width: 70 },
                    { accessor: 'controlId', title: t('csv.column.outcome'), width: 140 },
                    { accessor: 'action', title: t('csv.column.result'), width: 120, render: (r) => <Badge variant="light" color={r.action === 'update' ? 'blue' : 'gray'}>{r.action === 'update' ? t('csv.changes') : t('csv.unchanged')}</Badge> },
                    { accessor: 'changed', title: t('csv.column.changed'), render: (r) => r.changed.join(', ') },
                  ]}
                />
              )}
            </Stack>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {a.status === 'completed' ? t('csv.completed') : t('csv.advisors')}{' '}
          <Anchor href={controlsPath(clientId, `/assessments/${a.id}/export.csv`)}>{t('csv.downloadCsv')}</Anchor>
        </Text>
      )}
    </Stack>
  );
}
