import { ActionIcon, Alert, Button, Card, FileButton, Group, List, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash, IconUpload } from '@tabler/icons-react';
import type { SettingsOut } from '@schema/risks/settings';
import type { ImportReport } from '@schema/risks/transfer';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../components/format';
import { PageSkeleton } from '../../components/Skeletons';
import i18n from '../../i18n';
import { useCurrentClient } from '../../layout/client-context';
import { recomputeJob, riskChangeKeys, useRiskSettings, useWorstCase } from './api';
import { money, percent } from './ui';

function AppetiteEditor({ settings, clientId, canEdit, currency }: { settings: SettingsOut; clientId: string; canEdit: boolean; currency: string }) {
  const { t } = useTranslation('risks');
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
        {t('appetite.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('appetite.description')}
      </Text>
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Textarea label={t('appetite.statement')} autosize minRows={3} value={statement} readOnly={!canEdit} onChange={(e) => setStatement(e.currentTarget.value)} />
        {points.map((p, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <NumberInput
              label={i === 0 ? t('appetite.lossAbove') : undefined}
              aria-label={t('appetite.pointLoss', { n: i + 1 })}
              thousandSeparator=","
              min={0}
              value={p.loss}
              readOnly={!canEdit}
              onChange={(v) => setPoints(points.map((x, j) => (j === i ? { ...x, loss: Number(v) || 0 } : x)))}
              style={{ flex: 1 }}
            />
            <NumberInput
              label={i === 0 ? t('appetite.atMost') : undefined}
              aria-label={t('appetite.pointChance', { n: i + 1 })}
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
              <ActionIcon variant="subtle" color="gray" aria-label={t('appetite.removePoint', { n: i + 1 })} onClick={() => setPoints(points.filter((_, j) => j !== i))} mb={4}>
                <IconTrash size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        {points.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('appetite.noPoints')}
          </Text>
        ) : null}
        {canEdit ? (
          <Group justify="space-between">
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setPoints([...points, { loss: (points.at(-1)?.loss ?? 100_000) * 5, percent: Math.max(0.1, (points.at(-1)?.percent ?? 10) / 5) }])}>
              {t('appetite.addPoint')}
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('appetite.save')}
            </Button>
          </Group>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('appetite.example', { currency })}
        </Text>
      </Stack>
    </Card>
  );
}

function SettingsEditor({ settings, clientId, canEdit }: { settings: SettingsOut; clientId: string; canEdit: boolean }) {
  const { t } = useTranslation('risks');
  const [seed, setSeed] = useState(settings.seed);
  const [years, setYears] = useState<number | null>(settings.yearsIsDefault ? null : settings.years);
  const [likelihood, setLikelihood] = useState(settings.bands.likelihood.map((x) => x * 100));
  const [impact, setImpact] = useState(settings.bands.impact);
  const save = useApiMutation({
    mutationFn: (body: unknown) => api.put<SettingsOut>(clientPath(clientId, '/risks/settings'), body),
    success: t('appetite.settingsSaved'),
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
  });
  return (
    <Card>
      <Title order={2} fz="h3" mb={4}>
        {t('appetite.settings')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        <Trans t={t} i18nKey="appetite.settingsHelp" components={{ code: <code /> }} />
      </Text>
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Group grow>
          <NumberInput label={t('appetite.seed')} min={0} value={seed} readOnly={!canEdit} onChange={(v) => setSeed(Number(v) || 0)} />
          <NumberInput
            label={t('appetite.years')}
            description={years === null ? t('appetite.yearsDefault', { years: formatNumber(settings.years) }) : undefined}
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
          {settings.bands.likelihoodIsDefault ? t('appetite.likelihoodBandsStandard') : t('appetite.likelihoodBands')}
        </Text>
        <SimpleGrid cols={4}>
          {likelihood.map((x, i) => (
            <NumberInput key={i} aria-label={t('appetite.likelihoodLimit', { n: i + 1 })} suffix=" %" value={x} min={0} max={100} decimalScale={3} readOnly={!canEdit} onChange={(v) => setLikelihood(likelihood.map((y, j) => (j === i ? Number(v) || 0 : y)))} />
          ))}
        </SimpleGrid>
        <Text size="sm" fw={600}>
          {settings.bands.impactIsDefault ? t('appetite.impactBandsStandard') : t('appetite.impactBands')}
        </Text>
        <SimpleGrid cols={4}>
          {impact.map((x, i) => (
            <NumberInput key={i} aria-label={t('appetite.impactLimit', { n: i + 1 })} thousandSeparator="," value={x} min={0} readOnly={!canEdit} onChange={(v) => setImpact(impact.map((y, j) => (j === i ? Number(v) || 0 : y)))} />
          ))}
        </SimpleGrid>
        {canEdit ? (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => save.mutate({ likelihoodBands: null, impactBands: null })}>
              {t('appetite.standardBands')}
            </Button>
            <Button onClick={() => save.mutate({ seed, years, likelihoodBands: likelihood.map((x) => x / 100), impactBands: impact })} loading={save.isPending}>
              {t('appetite.saveSettings')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function ImportCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation('risks');
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
        {t('appetite.import')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        <Trans t={t} i18nKey="appetite.importHelp" components={{ code: <code /> }} />
      </Text>
      <Stack gap="sm">
        {run.isError ? <ErrorAlert error={run.error} /> : null}
        <Group>
          <FileButton onChange={(f) => void f?.text().then((content) => { setText(content); setReport(null); })} accept=".yaml,.yml,.json">
            {(props) => (
              <Button variant="default" leftSection={<IconUpload size={16} />} {...props}>
                {t('appetite.chooseFile')}
              </Button>
            )}
          </FileButton>
        </Group>
        <Textarea aria-label={t('appetite.modelFile')} placeholder={t('appetite.paste')} autosize minRows={4} maxRows={12} value={text} onChange={(e) => { setText(e.currentTarget.value); setReport(null); }} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
        {report ? (
          <Alert color={report.dryRun ? 'blue' : 'teal'} title={report.dryRun ? t('appetite.wouldDo') : t('appetite.imported')}>
            <List size="sm">
              <List.Item>
                {t('appetite.created', { count: report.created.length })} {report.created.length ? t('appetite.list', { list: report.created.join(', ') }) : ''}
              </List.Item>
              <List.Item>
                {t('appetite.updated', { count: report.updated.length })} {report.updated.length ? t('appetite.list', { list: report.updated.join(', ') }) : ''}
              </List.Item>
              <List.Item>{t('appetite.unchanged', { count: report.unchanged.length })}</List.Item>
              <List.Item>{t('appetite.treatments', { created: report.treatmentsCreated, updated: report.treatmentsUpdated, proposed: report.treatmentsSetToProposed })}</List.Item>
              <List.Item>
                {report.appetiteChanged ? t('appetite.appetiteReplaced') : t('appetite.appetiteUnchanged')}; {report.settingsChanged ? t('appetite.settingsChanged') : t('appetite.settingsUnchanged')}
              </List.Item>
              {report.policiesNotImported.length ? <List.Item>{t('appetite.policies', { list: report.policiesNotImported.join(', ') })}</List.Item> : null}
            </List>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" disabled={!text.trim()} loading={run.isPending && run.variables === true} onClick={() => run.mutate(true)}>
            {t('appetite.check')}
          </Button>
          <Button disabled={!text.trim() || !report?.dryRun} loading={run.isPending && run.variables === false} onClick={() => run.mutate(false)}>
            {t('appetite.importButton')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function WorstCaseCard({ clientId, currency }: { clientId: string; currency: string }) {
  const { t } = useTranslation('risks');
  const w = useWorstCase(clientId);
  if (!w.data) return null;
  const d = w.data;
  return (
    <Card>
      <Title order={2} fz="h3" mb={4}>
        {t('appetite.worstCase')}
      </Title>
      {!d.available ? (
        <Text size="sm" mb="md">
          {d.unavailableReason}
        </Text>
      ) : (
        <Text size="sm" mb="md">
          <Trans
            t={t}
            i18nKey="appetite.worstCaseText"
            values={{ ref: d.scenario?.ref ?? '', low: money(d.low, currency, true), high: money(d.high, currency, true), expected: money(d.expected, currency, true) }}
            components={{ strong: <strong /> }}
          />
          {d.scenario?.p99 != null ? t('appetite.worstCaseP99', { p99: money(d.scenario.p99, currency, true) }) : ''}
        </Text>
      )}
      <Table withTableBorder aria-label={t('appetite.worstCase')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('appetite.part')}</Table.Th>
            <Table.Th ta="right">{t('appetite.low')}</Table.Th>
            <Table.Th ta="right">{t('appetite.typical')}</Table.Th>
            <Table.Th ta="right">{t('appetite.high')}</Table.Th>
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
  const { t } = useTranslation('risks');
  const { clientId, can, client } = useCurrentClient();
  const settings = useRiskSettings(clientId);
  const canImport = can('risks.import');
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
      {canImport ? <ImportCard clientId={clientId} /> : null}
      <Text size="xs" c="dimmed">
        {t('appetite.chances', { percent: percent(0.01) })}
      </Text>
    </Stack>
  );
}
