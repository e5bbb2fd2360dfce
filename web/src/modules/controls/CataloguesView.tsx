/** The firm's catalogues (NIST CSF 2.0 comes with Triad) with their versions and counts; advisors and firm admins import OSCAL ones. */
import { Alert, Badge, Button, FileButton, Group, List, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { IconUpload } from '@tabler/icons-react';
import type { CatalogueImportProgress, CatalogueImportReport, CatalogueOut } from '@schema/controls';
import { useState } from 'react';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber, parseActor } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { controlKeys, importProgress, uploadCatalogue, useFirmCatalogues } from './api';

function byClass(c: CatalogueOut['latest']['counts'], kind: 'group' | 'control'): string {
  return c.byClass
    .filter((x) => x.kind === kind && x.active > 0)
    .map((x) => `${formatNumber(x.active)} ${x.class}`)
    .join(' · ');
}

export function CataloguesView() {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const queryClient = useQueryClient();
  const q = useFirmCatalogues();
  const [busy, setBusy] = useState<CatalogueImportProgress | null>(null);
  const [report, setReport] = useState<CatalogueImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const importFile = async (file: File): Promise<void> => {
    const importId = crypto.randomUUID();
    setReport(null);
    setError(null);
    setBusy({ id: importId, fileName: file.name, phase: 'reading', fraction: 0, nodesTotal: 0, nodesStored: 0, error: null });
    const poll = window.setInterval(() => {
      importProgress(importId).then(setBusy, () => undefined);
    }, 500);
    try {
      setReport(await uploadCatalogue(file, importId));
      await Promise.all([queryClient.invalidateQueries({ queryKey: controlKeys.firmCatalogues() }), queryClient.invalidateQueries({ queryKey: controlKeys.catalogues(clientId) })]);
    } catch (err) {
      setError(err);
    } finally {
      window.clearInterval(poll);
      setBusy(null);
    }
  };

  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Stack gap="md">
      {q.data?.canImport ? (
        <Group justify="space-between" align="flex-start">
          <Text size="sm" c="dimmed" maw={640}>
            {t('catalogues.importText')}
          </Text>
          <FileButton onChange={(f) => f && void importFile(f)} accept=".json,.yaml,.yml,application/json,application/yaml">
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} loading={busy !== null}>
                {t('catalogues.import')}
              </Button>
            )}
          </FileButton>
        </Group>
      ) : null}
      {busy ? (
        <Stack gap={4} role="status">
          <Text size="sm">
            {busy.phase === 'storing' ? t('catalogues.storing', { file: busy.fileName, stored: formatNumber(busy.nodesStored), total: formatNumber(busy.nodesTotal) }) : t(`catalogues.phase.${busy.phase}`, { file: busy.fileName })}
          </Text>
          <Progress value={100 * busy.fraction} animated />
        </Stack>
      ) : null}
      {error ? <ErrorAlert error={error} title={t('catalogues.notImported')} /> : null}
      {report ? (
        <Alert color="teal" title={report.action === 'unchanged' ? t('catalogues.unchanged') : report.action === 'version-added' ? t('catalogues.versionAdded') : t('catalogues.imported')}>
          <Text size="sm">
            {t('catalogues.report', { title: report.version.title, version: report.version.version, groups: formatNumber(report.version.counts.groups), controls: formatNumber(report.version.counts.controls) })}
            {report.version.counts.withdrawn ? t('catalogues.withdrawnKept', { count: formatNumber(report.version.counts.withdrawn) }) : ''}
            {t('catalogues.outcomesAssess', { count: formatNumber(report.version.counts.outcomes) })}
            {report.action === 'unchanged' ? t('catalogues.sameVersion') : '.'}
          </Text>
          {report.version.warnings.length > 0 ? (
            <List size="sm" mt="xs">
              {report.version.warnings.slice(0, 10).map((w) => (
                <List.Item key={w.path}>
                  {w.path}: {w.message}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
      <TriadTable<CatalogueOut>
        aria-label={t('catalogues.table')} exportAs={t('catalogues.table')}
        records={q.data?.catalogues ?? []}
        fetching={q.isPending}
        idAccessor="id"
        columns={[
          {
            accessor: 'title',
            title: t('catalogues.column.catalogue'),
            render: (c) => (
              <Stack gap={0}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {c.title}
                  </Text>
                  {c.builtin ? (
                    <Badge size="xs" variant="light">
                      {t('catalogues.builtin')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {byClass(c.latest.counts, 'group')}
                  {byClass(c.latest.counts, 'group') ? ' · ' : ''}
                  {byClass(c.latest.counts, 'control')}
                </Text>
              </Stack>
            ),
          },
          { accessor: 'latest.version', title: t('catalogues.column.version'), width: 140, render: (c) => (c.versions.length > 1 ? t('catalogues.older', { version: c.latest.version, count: c.versions.length - 1 }) : c.latest.version) },
          { accessor: 'groups', title: t('catalogues.column.groups'), textAlign: 'right', width: 90, render: (c) => formatNumber(c.latest.counts.groups) },
          { accessor: 'controls', title: t('catalogues.column.controls'), textAlign: 'right', width: 100, render: (c) => formatNumber(c.latest.counts.controls) },
          { accessor: 'withdrawn', title: t('catalogues.column.withdrawn'), textAlign: 'right', width: 100, render: (c) => formatNumber(c.latest.counts.withdrawn) },
          { accessor: 'outcomes', title: t('catalogues.column.outcomes'), textAlign: 'right', width: 100, render: (c) => formatNumber(c.latest.counts.outcomes) },
          { accessor: 'imported', title: t('catalogues.column.imported'), width: 200, render: (c) => t('catalogues.importedBy', { date: formatDate(c.latest.importedAt), name: parseActor(c.latest.importedBy).name }) },
        ]}
      />
    </Stack>
  );
}
