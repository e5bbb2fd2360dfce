/**
 * Actuals: import an accounting export (checked first, or written at once: all lines or none,
 * every bad line named with its line, column and reason), enter a month's amount by hand, and
 * the lines recorded this year.
 */
import { Alert, Button, Card, FileInput, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ActualOut, YearOut } from '@schema/budget';
import { CATEGORIES } from '@schema/budget';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { uploadActuals, useActuals, type ActualsImportReport } from './api';

function ImportCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation('budget');
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ report?: ActualsImportReport; error?: unknown } | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      const report = await uploadActuals(clientId, file, dryRun);
      setResult({ report });
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: keys.client(clientId) });
    } catch (error) {
      setResult({ error });
    } finally {
      setBusy(false);
    }
  };
  const r = result?.report;
  return (
    <Card withBorder>
      <Title order={3} fz="sm" mb={4}>
        {t('actuals.importTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('actuals.importIntro')}
      </Text>
      <Group align="flex-end">
        <FileInput label={t('actuals.file')} placeholder={t('actuals.choose')} accept=".csv,text/csv" leftSection={<IconFileSpreadsheet size={16} />} value={file} onChange={(f) => { setFile(f); setResult(null); }} style={{ flex: 1 }} clearable />
        <Button variant="default" disabled={!file} loading={busy} onClick={() => void run(true)}>
          {t('actuals.check')}
        </Button>
        <Button disabled={!file} loading={busy} onClick={() => void run(false)}>
          {t('actuals.import')}
        </Button>
      </Group>
      {result?.error ? (
        <Stack mt="sm" gap={4}>
          <ErrorAlert error={result.error} />
        </Stack>
      ) : null}
      {r ? (
        <Alert mt="sm" color={r.status === 'rejected' ? 'red' : 'teal'} title={r.status === 'imported' ? t('common.imported') : r.status === 'checked' ? t('common.fileGood') : t('actuals.refused')}>
          <Text size="sm">
            {r.status === 'imported'
              ? t('actuals.importedText', { created: r.created, unchanged: r.unchanged })
              : r.status === 'checked'
                ? t('actuals.checkedText', { rows: r.rows, created: r.created, unchanged: r.unchanged })
                : t('actuals.refusedText', { rejected: r.rejected, rows: r.rows })}
          </Text>
          {r.problems.map((p, i) => (
            <Text key={i} size="sm">
              {p.column ? t('actuals.problemColumn', { line: p.line, column: p.column, reason: p.reason }) : t('actuals.problem', { line: p.line, reason: p.reason })}
            </Text>
          ))}
        </Alert>
      ) : null}
    </Card>
  );
}

function EnterCard({ clientId, year }: { clientId: string; year: YearOut }) {
  const { t } = useTranslation('budget');
  const [d, setD] = useState({ month: year.asOf, category: 'software_saas', amount: 0, vendor: '' });
  const save = useApiMutation({
    mutationFn: () => api.post<ActualOut>(clientPath(clientId, '/budget/actuals'), { ...d, vendor: d.vendor || null }),
    success: t('actuals.recorded'),
    notifyError: false,
    invalidate: [keys.client(clientId)],
  });
  return (
    <Card withBorder>
      <Title order={3} fz="sm" mb="sm">
        {t('actuals.enterTitle')}
      </Title>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <Select label={t('common.month')} data={year.months.map((m) => ({ value: m.month, label: m.label }))} value={d.month} onChange={(v) => v && setD({ ...d, month: v })} allowDeselect={false} />
        <Select label={t('common.category')} data={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} value={d.category} onChange={(v) => v && setD({ ...d, category: v })} allowDeselect={false} />
        <NumberInput label={t('common.amount')} thousandSeparator="," decimalScale={2} value={d.amount} onChange={(v) => setD({ ...d, amount: Number(v) || 0 })} />
        <TextInput label={t('common.vendor')} value={d.vendor} onChange={(e) => setD({ ...d, vendor: e.currentTarget.value })} />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
          {t('actuals.record')}
        </Button>
      </Group>
    </Card>
  );
}

export function ActualsView({ clientId, year }: { clientId: string; year: YearOut }) {
  const { t } = useTranslation('budget');
  const actuals = useActuals(clientId, year.fiscalYear);
  const cur = year.currency;
  return (
    <Stack gap="md">
      {year.can.actuals ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <ImportCard clientId={clientId} />
          <EnterCard clientId={clientId} year={year} />
        </SimpleGrid>
      ) : null}
      {actuals.isError ? <ErrorAlert error={actuals.error} /> : null}
      <Text size="sm" c="dimmed" aria-live="polite">
        {actuals.data ? (actuals.data.total > actuals.data.actuals.length ? t('actuals.countLatest', { total: actuals.data.total, year: year.label, shown: actuals.data.actuals.length }) : t('actuals.count', { total: actuals.data.total, year: year.label })) : ''}
      </Text>
      <TriadTable<ActualOut>
        aria-label={t('actuals.table')} exportAs={t('actuals.table')}
        records={actuals.data?.actuals ?? []}
        fetching={actuals.isPending}
        idAccessor="id"
        maxHeight={480}
        noRecordsText={t('actuals.none')}
        columns={[
          { accessor: 'month', title: t('common.month') },
          { accessor: 'date', title: t('actuals.date'), render: (a) => a.date ?? '—' },
          { accessor: 'category', title: t('common.category'), render: (a) => t(`categories.${a.category}`) },
          { accessor: 'seat', title: t('common.seat') },
          { accessor: 'vendor', title: t('common.vendor'), render: (a) => a.vendor ?? '—' },
          { accessor: 'account', title: t('common.account'), render: (a) => a.account ?? (a.source === 'entered' ? t('actuals.entered') : '—') },
          { accessor: 'amount', title: t('common.amount'), textAlign: 'right', render: (a) => <Money amount={a.amount} currency={cur} size="sm" /> },
        ]}
      />
    </Stack>
  );
}
