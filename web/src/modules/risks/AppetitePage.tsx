import { ActionIcon, Alert, Button, Card, FileButton, Group, List, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash, IconUpload } from '@tabler/icons-react';
import type { ImportReport, SettingsOut } from '@schema/risks';
import { useState } from 'react';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSkeleton } from '../../components/Skeletons';
import i18n from '../../i18n';
import { useCurrentClient } from '../../layout/client-context';
import { recomputeJob, riskChangeKeys, useRiskSettings, useWorstCase } from './api';
import { money, percent } from './ui';

function AppetiteEditor({ settings, clientId, canEdit, currency }: { settings: SettingsOut; clientId: string; canEdit: boolean; currency: string }) {
  const [points, setPoints] = useState(settings.appetite.points.map((p) => ({ loss: p.loss, percent: p.probability * 100 })));
  const [statement, setStatement] = useState(settings.appetite.statement ?? '');
  const save = useApiMutation({
    mutationFn: () => api.put<SettingsOut>(clientPath(clientId, '/risks/appetite'), { points: points.map((p) => ({ loss: p.loss, probability: p.percent / 100 })), statement: statement.trim() || null }),
    job: recomputeJob(clientId, () => i18n.t('jobs.recompute.appetiteSaved')),
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
  });
  return (
    <Card>
      <Title order={2} fz="h3" mb={4}>
        Risk appetite
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The loss-tolerance curve: for each annual loss, the highest chance of losing more that the client accepts. The loss exceedance curve must stay under it.
      </Text>
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Textarea label="In plain words" autosize minRows={3} value={statement} readOnly={!canEdit} onChange={(e) => setStatement(e.currentTarget.value)} />
        {points.map((p, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <NumberInput
              label={i === 0 ? 'Annual loss above' : undefined}
              aria-label={`Tolerance point ${i + 1}: loss`}
              thousandSeparator=","
              min={0}
              value={p.loss}
              readOnly={!canEdit}
              onChange={(v) => setPoints(points.map((x, j) => (j === i ? { ...x, loss: Number(v) || 0 } : x)))}
              style={{ flex: 1 }}
            />
            <NumberInput
              label={i === 0 ? 'At most this chance a year' : undefined}
              aria-label={`Tolerance point ${i + 1}: chance`}
              suffix=" %"
              min={0}
              max={100}
              decimalScale={3}
              value={p.percent}
              readOnly={!canEdit}
              onChange={(v) => setPoints(points.map((x, j) => (j === i ? { ...x, percent: Number(v) || 0 } : x)))}
              style={{ flex: 1 }}
            />
            {canEdit ? (
              <ActionIcon variant="subtle" color="gray" aria-label={`Remove tolerance point ${i + 1}`} onClick={() => setPoints(points.filter((_, j) => j !== i))} mb={4}>
                <IconTrash size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        {points.length === 0 ? (
          <Text size="sm" c="dimmed">
            No tolerance points yet.
          </Text>
        ) : null}
        {canEdit ? (
          <Group justify="space-between">
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setPoints([...points, { loss: (points.at(-1)?.loss ?? 100_000) * 5, percent: Math.max(0.1, (points.at(-1)?.percent ?? 10) / 5) }])}>
              Add a point
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              Save appetite
            </Button>
          </Group>
        ) : null}
        <Text size="xs" c="dimmed">
          In {currency}. For example, &ldquo;more than $1M with at most a 2 % chance a year&rdquo;: a loss that size at most once in fifty years.
        </Text>
      </Stack>
    </Card>
  );
}

function SettingsEditor({ settings, clientId, canEdit }: { settings: SettingsOut; clientId: string; canEdit: boolean }) {
  const [seed, setSeed] = useState(settings.seed);
  const [years, setYears] = useState<number | null>(settings.yearsIsDefault ? null : settings.years);
  const [likelihood, setLikelihood] = useState(settings.bands.likelihood.map((x) => x * 100));
  const [impact, setImpact] = useState(settings.bands.impact);
  const save = useApiMutation({
    mutationFn: (body: unknown) => api.put<SettingsOut>(clientPath(clientId, '/risks/settings'), body),
    success: 'Settings saved.',
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
  });
  return (
    <Card>
      <Title order={2} fz="h3" mb={4}>
        Simulation and rating bands
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        The seed and the number of simulated years make the results reproducible: the exported model file with them gives the same figures in <code>triad simulate</code>.
      </Text>
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Group grow>
          <NumberInput label="Seed" min={0} value={seed} readOnly={!canEdit} onChange={(v) => setSeed(Number(v) || 0)} />
          <NumberInput
            label="Simulated years"
            description={years === null ? `Server default (${settings.years.toLocaleString('en-US')})` : undefined}
            min={1000}
            max={1_000_000}
            step={10_000}
            thousandSeparator=","
            value={years ?? ''}
            readOnly={!canEdit}
            onChange={(v) => setYears(v === '' ? null : Number(v))}
          />
        </Group>
        <Text size="sm" fw={600}>
          Likelihood bands (chance of a loss in a year) {settings.bands.likelihoodIsDefault ? '— standard' : ''}
        </Text>
        <SimpleGrid cols={4}>
          {likelihood.map((x, i) => (
            <NumberInput key={i} aria-label={`Likelihood limit ${i + 1}`} suffix=" %" value={x} min={0} max={100} decimalScale={3} readOnly={!canEdit} onChange={(v) => setLikelihood(likelihood.map((y, j) => (j === i ? Number(v) || 0 : y)))} />
          ))}
        </SimpleGrid>
        <Text size="sm" fw={600}>
          Impact bands (typical loss in a year with a loss) {settings.bands.impactIsDefault ? '— standard, from revenue' : ''}
        </Text>
        <SimpleGrid cols={4}>
          {impact.map((x, i) => (
            <NumberInput key={i} aria-label={`Impact limit ${i + 1}`} thousandSeparator="," value={x} min={0} readOnly={!canEdit} onChange={(v) => setImpact(impact.map((y, j) => (j === i ? Number(v) || 0 : y)))} />
          ))}
        </SimpleGrid>
        {canEdit ? (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => save.mutate({ likelihoodBands: null, impactBands: null })}>
              Standard bands
            </Button>
            <Button onClick={() => save.mutate({ seed, years, likelihoodBands: likelihood.map((x) => x / 100), impactBands: impact })} loading={save.isPending}>
              Save settings
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function ImportCard({ clientId }: { clientId: string }) {
  const [text, setText] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = useApiMutation({
    mutationFn: (dryRun: boolean) => api.post<ImportReport>(clientPath(clientId, '/risks/import'), { text, dryRun }),
    notifyError: false,
    invalidate: (r) => (r.dryRun ? [] : riskChangeKeys(clientId)),
    onSuccess: (r) => setReport(r),
  });
  return (
    <Card>
      <Title order={2} fz="h3" mb={4}>
        Import a model file
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        A risk model file (YAML or JSON, as <code>triad simulate</code> reads). Risks are matched to scenarios by id; new ids become new scenarios; nothing is deleted.
      </Text>
      <Stack gap="sm">
        {run.isError ? <ErrorAlert error={run.error} /> : null}
        <Group>
          <FileButton onChange={(f) => void f?.text().then((t) => { setText(t); setReport(null); })} accept=".yaml,.yml,.json">
            {(props) => (
              <Button variant="default" leftSection={<IconUpload size={16} />} {...props}>
                Choose a file
              </Button>
            )}
          </FileButton>
        </Group>
        <Textarea aria-label="Model file" placeholder="…or paste it here" autosize minRows={4} maxRows={12} value={text} onChange={(e) => { setText(e.currentTarget.value); setReport(null); }} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
        {report ? (
          <Alert color={report.dryRun ? 'blue' : 'teal'} title={report.dryRun ? 'What the import would do' : 'Imported'}>
            <List size="sm">
              <List.Item>{report.created.length} new scenarios {report.created.length ? `(${report.created.join(', ')})` : ''}</List.Item>
              <List.Item>{report.updated.length} changed {report.updated.length ? `(${report.updated.join(', ')})` : ''}</List.Item>
              <List.Item>{report.unchanged.length} unchanged</List.Item>
              <List.Item>
                Treatments: {report.treatmentsCreated} new, {report.treatmentsUpdated} changed, {report.treatmentsSetToProposed} set back to proposed
              </List.Item>
              <List.Item>Appetite {report.appetiteChanged ? 'replaced' : 'unchanged'}; seed and years {report.settingsChanged ? 'changed' : 'unchanged'}</List.Item>
              {report.policiesNotImported.length ? <List.Item>Insurance policies not imported (they are kept under Insurance): {report.policiesNotImported.join(', ')}</List.Item> : null}
            </List>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" disabled={!text.trim()} loading={run.isPending && run.variables === true} onClick={() => run.mutate(true)}>
            Check
          </Button>
          <Button disabled={!text.trim() || !report?.dryRun} loading={run.isPending && run.variables === false} onClick={() => run.mutate(false)}>
            Import
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function WorstCaseCard({ clientId, currency }: { clientId: string; currency: string }) {
  const w = useWorstCase(clientId);
  if (!w.data) return null;
  const d = w.data;
  return (
    <Card>
      <Title order={2} fz="h3" mb={4}>
        Ransomware worst case
      </Title>
      {!d.available ? (
        <Text size="sm" mb="md">
          {d.unavailableReason}
        </Text>
      ) : (
        <Text size="sm" mb="md">
          One attack, priced from the register&apos;s {d.scenario?.ref}: <strong>{money(d.low, currency, true)}</strong> to <strong>{money(d.high, currency, true)}</strong>, about{' '}
          <strong>{money(d.expected, currency, true)}</strong> on average.
          {d.scenario?.p99 != null ? ` One year in a hundred it loses more than ${money(d.scenario.p99, currency, true)}.` : ''}
        </Text>
      )}
      <Table withTableBorder aria-label="Ransomware worst case">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Part</Table.Th>
            <Table.Th ta="right">Low</Table.Th>
            <Table.Th ta="right">Typical</Table.Th>
            <Table.Th ta="right">High</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.components.map((c) => (
            <Table.Tr key={c.label}>
              <Table.Td>
                <Text size="sm">{c.label}</Text>
                <Text size="xs" c="dimmed">
                  {c.basis}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{money(c.low, currency, true)}</Table.Td>
              <Table.Td ta="right">{money(c.typical, currency, true)}</Table.Td>
              <Table.Td ta="right">{money(c.high, currency, true)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <List size="xs" c="dimmed" mt="sm">
        {d.assumptions.map((a) => (
          <List.Item key={a}>{a}</List.Item>
        ))}
      </List>
    </Card>
  );
}

/** Appetite, simulation settings, rating bands, import, and the ransomware worst case. */
export function AppetitePage() {
  const { clientId, can, client } = useCurrentClient();
  const settings = useRiskSettings(clientId);
  if (settings.isPending) return <PageSkeleton />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  const key = JSON.stringify(settings.data);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <AppetiteEditor key={`a${key}`} settings={settings.data} clientId={clientId} canEdit={can('risks.appetite')} currency={client.currency} />
        <SettingsEditor key={`s${key}`} settings={settings.data} clientId={clientId} canEdit={can('risks.appetite')} />
      </SimpleGrid>
      <WorstCaseCard clientId={clientId} currency={client.currency} />
      {can('risks.import') ? <ImportCard clientId={clientId} /> : null}
      <Text size="xs" c="dimmed">
        Chances are per year; {percent(0.01)} is once in a hundred years.
      </Text>
    </Stack>
  );
}
