/** The assessment as CSV, and answers imported back from a CSV keyed by control id (checked first, then all at once). */
import { Alert, Anchor, Badge, Button, FileInput, Group, Stack, Text, Title } from '@mantine/core';
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
          Export
        </Title>
        <Text size="sm">
          One line per outcome: its function and category, statement, current and target level, not applicable and why, owner, notes, evidence and linked risks. Fill in the answer columns in a
          spreadsheet and import the file back.
        </Text>
        <Group>
          <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={controlsPath(clientId, `/assessments/${a.id}/export.csv`)}>
            Download {a.title}.csv
          </Button>
          <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={controlsPath(clientId, `/assessments/${a.id}/export.xlsx`)}>
            Excel workbook
          </Button>
        </Group>
      </Stack>
      {detail.can.manage ? (
        <Stack gap="xs">
          <Title order={2} fz="h4">
            Import answers
          </Title>
          <Text size="sm">
            Columns read: <b>Control ID</b> (required), Current, Target (a number, &ldquo;Tier 3&rdquo; or the level&apos;s name), Not applicable (yes or no), Reason not applicable, Owner (CIO, CTO or
            CISO), Notes. Other columns are left alone. A file with any bad line imports nothing.
          </Text>
          <Group align="flex-end">
            <FileInput
              label="CSV file"
              accept=".csv,text/csv"
              value={file}
              onChange={(f) => {
                setFile(f);
                setReport(null);
              }}
              placeholder="Choose a file"
              w={320}
            />
            <Button variant="default" disabled={!file} loading={run.isPending && run.variables === true} onClick={() => run.mutate(true)}>
              Check
            </Button>
            <Button disabled={!file || report?.status !== 'checked'} loading={run.isPending && run.variables === false} onClick={() => run.mutate(false)}>
              Import
            </Button>
          </Group>
          {run.isError ? <ErrorAlert error={run.error} title="Nothing was imported" /> : null}
          {report ? (
            <Stack gap="xs" role="region" aria-label="Import report">
              <Alert color={report.status === 'rejected' ? 'red' : 'teal'} title={report.status === 'rejected' ? 'Lines refused' : report.status === 'checked' ? 'The file is good' : 'Imported'}>
                {report.status === 'rejected'
                  ? `${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}: nothing would be imported. Fix them and check again.`
                  : report.status === 'checked'
                    ? `${report.rows} lines: ${report.changed} would change an answer, ${report.unchanged} unchanged. Nothing was written yet.`
                    : `${report.changed} answers changed, ${report.unchanged} unchanged.`}
                {report.ignoredColumns.length > 0 ? ` Columns not read: ${report.ignoredColumns.join(', ')}.` : ''}
              </Alert>
              {report.problems.length > 0 ? (
                <TriadTable<Problem>
                  aria-label="Problems"
                  records={report.problems.map((p, i) => ({ ...p, key: `${p.line}-${i}` }))}
                  idAccessor="key"
                  columns={[
                    { accessor: 'line', title: 'Line', width: 70 },
                    { accessor: 'column', title: 'Column', width: 180, render: (p) => p.column || '\u2014' },
                    { accessor: 'reason', title: 'Problem' },
                  ]}
                />
              ) : (
                <TriadTable
                  aria-label="Lines" exportAs="Lines"
                  records={report.results}
                  idAccessor="line"
                  maxHeight={360}
                  columns={[
                    { accessor: 'line', title: 'Line', width: 70 },
                    { accessor: 'controlId', title: 'Outcome', width: 140 },
                    { accessor: 'action', title: 'Result', width: 120, render: (r) => <Badge variant="light" color={r.action === 'update' ? 'blue' : 'gray'}>{r.action === 'update' ? 'changes' : 'unchanged'}</Badge> },
                    { accessor: 'changed', title: 'Columns that change', render: (r) => r.changed.join(', ') },
                  ]}
                />
              )}
            </Stack>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {a.status === 'completed' ? 'The assessment is completed: answers are no longer imported.' : 'Advisors import answers from CSV.'}{' '}
          <Anchor href={controlsPath(clientId, `/assessments/${a.id}/export.csv`)}>Download the CSV</Anchor>
        </Text>
      )}
    </Stack>
  );
}
