/** The firm's catalogues (NIST CSF 2.0 comes with Triad) with their versions and counts; advisors and firm admins import OSCAL ones. */
import { Alert, Badge, Button, FileButton, Group, List, Progress, Stack, Text } from '@mantine/core';
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
            Import any OSCAL catalogue, or a catalogue resolved from a profile (an SP 800-53 baseline, for instance), in JSON or YAML. Importing a catalogue the firm has (the same uuid) with a new version
            adds that version; assessments keep the version they used.
          </Text>
          <FileButton onChange={(f) => f && void importFile(f)} accept=".json,.yaml,.yml,application/json,application/yaml">
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} loading={busy !== null}>
                Import an OSCAL catalogue
              </Button>
            )}
          </FileButton>
        </Group>
      ) : null}
      {busy ? (
        <Stack gap={4} role="status">
          <Text size="sm">
            {busy.fileName}: {busy.phase === 'storing' ? `storing ${formatNumber(busy.nodesStored)} of ${formatNumber(busy.nodesTotal)} groups and controls` : `${busy.phase}…`}
          </Text>
          <Progress value={100 * busy.fraction} animated />
        </Stack>
      ) : null}
      {error ? <ErrorAlert error={error} title="The catalogue was not imported" /> : null}
      {report ? (
        <Alert color="teal" title={report.action === 'unchanged' ? 'Already there' : report.action === 'version-added' ? 'New version added' : 'Catalogue imported'}>
          <Text size="sm">
            {report.version.title} {report.version.version}: {formatNumber(report.version.counts.groups)} groups, {formatNumber(report.version.counts.controls)} controls
            {report.version.counts.withdrawn ? ` (and ${formatNumber(report.version.counts.withdrawn)} withdrawn, kept and marked)` : ''}, {formatNumber(report.version.counts.outcomes)} outcomes to
            assess{report.action === 'unchanged' ? ': the same version with the same content was already stored, nothing changed.' : '.'}
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
        aria-label="Catalogues" exportAs="Catalogues"
        records={q.data?.catalogues ?? []}
        fetching={q.isPending}
        idAccessor="id"
        columns={[
          {
            accessor: 'title',
            title: 'Catalogue',
            render: (c) => (
              <Stack gap={0}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {c.title}
                  </Text>
                  {c.builtin ? (
                    <Badge size="xs" variant="light">
                      comes with Triad
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
          { accessor: 'latest.version', title: 'Version', width: 140, render: (c) => `${c.latest.version}${c.versions.length > 1 ? ` (+${c.versions.length - 1} older)` : ''}` },
          { accessor: 'groups', title: 'Groups', textAlign: 'right', width: 90, render: (c) => formatNumber(c.latest.counts.groups) },
          { accessor: 'controls', title: 'Controls', textAlign: 'right', width: 100, render: (c) => formatNumber(c.latest.counts.controls) },
          { accessor: 'withdrawn', title: 'Withdrawn', textAlign: 'right', width: 100, render: (c) => formatNumber(c.latest.counts.withdrawn) },
          { accessor: 'outcomes', title: 'Outcomes', textAlign: 'right', width: 100, render: (c) => formatNumber(c.latest.counts.outcomes) },
          { accessor: 'imported', title: 'Imported', width: 200, render: (c) => `${formatDate(c.latest.importedAt)} by ${parseActor(c.latest.importedBy).name}` },
        ]}
      />
    </Stack>
  );
}
