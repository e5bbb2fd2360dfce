/**
 * Actuals: import an accounting export (checked first, or written at once: all lines or none,
 * every bad line named with its line, column and reason), enter a month's amount by hand, and
 * the lines recorded this year.
 */
import { Alert, Button, Card, FileInput, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ActualOut, YearOut } from '@schema/budget';
import { CATEGORIES, CATEGORY_LABELS } from '@schema/budget';
import { useState } from 'react';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { uploadActuals, useActuals, type ActualsImportReport } from './api';

function ImportCard({ clientId }: { clientId: string }) {
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
        Import from accounting
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        A CSV export with Date, Account (or Category), Vendor, Description and Amount; credits negative or in parentheses. Each account is mapped to a category once (Accounts). Lines imported before are left as they are.
      </Text>
      <Group align="flex-end">
        <FileInput label="Actuals file (CSV)" placeholder="Choose a file" accept=".csv,text/csv" leftSection={<IconFileSpreadsheet size={16} />} value={file} onChange={(f) => { setFile(f); setResult(null); }} style={{ flex: 1 }} clearable />
        <Button variant="default" disabled={!file} loading={busy} onClick={() => void run(true)}>
          Check file
        </Button>
        <Button disabled={!file} loading={busy} onClick={() => void run(false)}>
          Import
        </Button>
      </Group>
      {result?.error ? (
        <Stack mt="sm" gap={4}>
          <ErrorAlert error={result.error} />
        </Stack>
      ) : null}
      {r ? (
        <Alert mt="sm" color={r.status === 'rejected' ? 'red' : 'teal'} title={r.status === 'imported' ? 'Imported' : r.status === 'checked' ? 'The file is good' : 'Lines refused'}>
          <Text size="sm">
            {r.status === 'imported'
              ? `${r.created} lines imported, ${r.unchanged} already there.`
              : r.status === 'checked'
                ? `${r.rows} lines read: ${r.created} would be imported, ${r.unchanged} are already there. Nothing was written.`
                : `${r.rejected} of ${r.rows} lines are refused; nothing would be imported.`}
          </Text>
          {r.problems.map((p, i) => (
            <Text key={i} size="sm">
              Line {p.line}
              {p.column ? `, column ${p.column}` : ''}: {p.reason}
            </Text>
          ))}
        </Alert>
      ) : null}
    </Card>
  );
}

function EnterCard({ clientId, year }: { clientId: string; year: YearOut }) {
  const [d, setD] = useState({ month: year.asOf, category: 'software_saas', amount: 0, vendor: '' });
  const save = useApiMutation({
    mutationFn: () => api.post<ActualOut>(clientPath(clientId, '/budget/actuals'), { ...d, vendor: d.vendor || null }),
    success: 'Actual recorded.',
    notifyError: false,
    invalidate: [keys.client(clientId)],
  });
  return (
    <Card withBorder>
      <Title order={3} fz="sm" mb="sm">
        Enter an amount
      </Title>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <Select label="Month" data={year.months.map((m) => ({ value: m.month, label: m.label }))} value={d.month} onChange={(v) => v && setD({ ...d, month: v })} allowDeselect={false} />
        <Select label="Category" data={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} value={d.category} onChange={(v) => v && setD({ ...d, category: v })} allowDeselect={false} />
        <NumberInput label="Amount" thousandSeparator="," decimalScale={2} value={d.amount} onChange={(v) => setD({ ...d, amount: Number(v) || 0 })} />
        <TextInput label="Vendor" value={d.vendor} onChange={(e) => setD({ ...d, vendor: e.currentTarget.value })} />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
          Record
        </Button>
      </Group>
    </Card>
  );
}

export function ActualsView({ clientId, year }: { clientId: string; year: YearOut }) {
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
        {actuals.data ? `${actuals.data.total} actual lines in ${year.label}${actuals.data.total > actuals.data.actuals.length ? `; the ${actuals.data.actuals.length} latest shown` : ''}.` : ''}
      </Text>
      <TriadTable<ActualOut>
        aria-label="Actual lines" exportAs="Actual lines"
        records={actuals.data?.actuals ?? []}
        fetching={actuals.isPending}
        idAccessor="id"
        maxHeight={480}
        noRecordsText="No actuals recorded yet"
        columns={[
          { accessor: 'month', title: 'Month' },
          { accessor: 'date', title: 'Date', render: (a) => a.date ?? '—' },
          { accessor: 'category', title: 'Category', render: (a) => CATEGORY_LABELS[a.category] },
          { accessor: 'seat', title: 'Seat' },
          { accessor: 'vendor', title: 'Vendor', render: (a) => a.vendor ?? '—' },
          { accessor: 'account', title: 'Account', render: (a) => a.account ?? (a.source === 'entered' ? 'entered' : '—') },
          { accessor: 'amount', title: 'Amount', textAlign: 'right', render: (a) => <Money amount={a.amount} currency={cur} size="sm" /> },
        ]}
      />
    </Stack>
  );
}
