import { ActionIcon, Alert, Anchor, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconDownload, IconHistory, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { auditQuery, useAuditFacets, useAuditTrail } from '../../api/hooks';
import type { AuditEntry, AuditVerification } from '../../api/types';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatNumber, fromNow, parseActor } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { AuditDiff } from './AuditDiff';
import { AuditFilterBar, useKindLabel, useTrailFilters, type TrailFilters } from './AuditFilters';
import { describeAction } from './audit-format';

function VerifyResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert color="teal" icon={<IconShieldCheck size={18} />} title={t('audit.intact')} role="status">
        {t('audit.intactEntries', { count: result.entries, n: formatNumber(result.entries) })}{' '}
        {result.anchors > 0 ? t('audit.intactAnchors', { count: result.anchors, n: formatNumber(result.anchors) }) : t('audit.noAnchors')}
      </Alert>
    );
  }
  const seq = result.failure?.seq ?? '?';
  return (
    <Alert color="red" icon={<IconShieldX size={18} />} title={t('audit.breaks', { seq })} role="alert">
      {result.failure?.reason ?? t('audit.entryFails')} {t('audit.tellAdmin', { seq })}
    </Alert>
  );
}

/** What the record filtered by is called, as the newest entry about it says (name, title or reference). */
function recordNameOf(entries: readonly AuditEntry[]): string | null {
  for (const e of entries) {
    for (const side of [e.after, e.before]) {
      if (side && typeof side === 'object') {
        const r = side as Record<string, unknown>;
        for (const k of ['name', 'title', 'reference', 'ref', 'email']) if (typeof r[k] === 'string' && r[k]) return r[k];
      }
    }
  }
  return null;
}

/** The export of what the filters keep, as a link. */
function exportHref(clientId: string, filters: TrailFilters, format: 'csv' | 'xlsx'): string {
  const q = new URLSearchParams({ format, ...auditQuery(filters) });
  return clientPath(clientId, `/audit/export?${q.toString()}`);
}

/** Every change in the client, newest first, filtered by days, person, kind, action or one record; with before/after and a check of the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const { client, clientId } = useCurrentClient();
  const { filters, update, replace } = useTrailFilters();
  const trail = useAuditTrail(clientId, filters);
  const facets = useAuditFacets(clientId);
  const kindLabel = useKindLabel();
  const [expanded, setExpanded] = useState<number[]>([]);
  const verify = useMutation({ mutationFn: () => api.get<AuditVerification>(clientPath(clientId, '/audit/verify')) });

  const entries = useMemo(() => trail.data?.pages.flatMap((p) => p.entries) ?? [], [trail.data]);
  const total = trail.data?.pages[0]?.total ?? null;
  const filtered = Object.keys(filters).length > 0;
  const onUpdate = (patch: TrailFilters) => {
    update(patch);
    setExpanded([]);
  };
  const onReplace = (all: TrailFilters) => {
    replace(all);
    setExpanded([]);
  };
  const toggle = (seq: number) => setExpanded((cur) => (cur.includes(seq) ? cur.filter((s) => s !== seq) : [...cur, seq]));

  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('audit.title')}
        description={t('audit.description')}
        documentTitle={t('audit.documentTitle', { client: client.name })}
        actions={
          <Group gap="sm">
            <Tooltip label={filtered ? t('audit.exportFiltered') : t('audit.exportAll')}>
              <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={exportHref(clientId, filters, 'csv')} download>
                {t('audit.exportCsv')}
              </Button>
            </Tooltip>
            <Tooltip label={filtered ? t('audit.exportFiltered') : t('audit.exportAll')}>
              <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={exportHref(clientId, filters, 'xlsx')} download>
                {t('audit.exportExcel')}
              </Button>
            </Tooltip>
            <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('audit.verify')}
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        {verify.data ? <VerifyResult result={verify.data} /> : null}
        {verify.isError ? <ErrorAlert error={verify.error} title={t('audit.verifyFailed')} /> : null}
        <AuditFilterBar filters={filters} onUpdate={onUpdate} onReplace={onReplace} facets={facets.data} recordName={filters.entityId ? recordNameOf(entries) : null} />
        {facets.isError ? <ErrorAlert error={facets.error} onRetry={() => void facets.refetch()} /> : null}
        {trail.isSuccess && total !== null ? (
          <Text size="sm" c="dimmed" role="status">
            {trail.hasNextPage ? t('audit.latestOf', { count: total, shown: formatNumber(entries.length), n: formatNumber(total) }) : t('audit.entries', { count: total, n: formatNumber(total) })}
          </Text>
        ) : null}
        {trail.isError ? <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} /> : null}
        {trail.isPending ? <TableSkeleton /> : null}
        {trail.isSuccess && entries.length === 0 ? (
          <EmptyState icon={<IconHistory size={24} />} title={t('audit.noEntries')} description={filtered ? t('audit.noneMatch') : t('audit.noneYet')} />
        ) : null}
        {trail.isSuccess && entries.length > 0 ? (
          <TriadTable<AuditEntry>
            aria-label={t('audit.entriesTable')}
            records={entries}
            fetching={trail.isPlaceholderData}
            idAccessor="seq"
            columnsKey="audit"
            rowExpansion={{
              allowMultiple: true,
              expanded: { recordIds: expanded, onRecordIdsChange: (ids: unknown[]) => setExpanded(ids as number[]) },
              content: ({ record }) => <AuditDiff entry={record} />,
            }}
            columns={[
              {
                accessor: 'expand',
                title: '',
                width: 44,
                render: (e) => {
                  const open = expanded.includes(e.seq);
                  return (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t(open ? 'audit.hideDetails' : 'audit.showDetails', { seq: e.seq })}
                      aria-expanded={open}
                      onClick={(ev) => {
                        ev.stopPropagation();
                        toggle(e.seq);
                      }}
                    >
                      {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  );
                },
              },
              { accessor: 'seq', title: '#', width: 64, toggleable: false, render: (e) => <Text size="sm" c="dimmed">{e.seq}</Text> },
              {
                accessor: 'at',
                title: t('audit.when'),
                width: 190,
                render: (e) => (
                  <Tooltip label={fromNow(e.at)}>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(e.at)}
                    </Text>
                  </Tooltip>
                ),
              },
              {
                accessor: 'actor',
                title: t('audit.who'),
                render: (e) => {
                  const who = e.actorId === null ? { name: e.actor, email: null } : parseActor(e.actor);
                  return (
                    <div>
                      <Text size="sm" fw={500}>
                        {who.name}
                      </Text>
                      {who.email ? (
                        <Text size="xs" c="dimmed">
                          {who.email}
                        </Text>
                      ) : e.actorId === null ? (
                        <Text size="xs" c="dimmed">
                          {t('audit.system')}
                        </Text>
                      ) : null}
                    </div>
                  );
                },
              },
              {
                accessor: 'action',
                title: t('audit.what'),
                render: (e) => (
                  <div>
                    <Text size="sm">{describeAction(e.action)}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.action}
                    </Text>
                  </div>
                ),
              },
              {
                accessor: 'entityType',
                title: t('audit.recordColumn'),
                render: (e) =>
                  e.entityId && filters.entityId !== e.entityId ? (
                    <Tooltip label={t('audit.historyOf')}>
                      <Anchor component="button" type="button" size="sm" onClick={(ev) => {
                        ev.stopPropagation();
                        onUpdate({ entityType: e.entityType, entityId: e.entityId ?? undefined, action: undefined });
                      }}>
                        {kindLabel(e.entityType)}
                      </Anchor>
                    </Tooltip>
                  ) : (
                    kindLabel(e.entityType)
                  ),
              },
            ]}
          />
        ) : null}
        {trail.hasNextPage ? (
          <Group justify="center">
            <Button variant="default" onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
              {t('audit.loadOlder')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </>
  );
}

export default AuditPage;
