import { ActionIcon, Alert, Button, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconDownload, IconHistory, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, clientPath } from '../../api/client';
import { useAuditTrail } from '../../api/hooks';
import type { AuditEntry, AuditVerification } from '../../api/types';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatNumber, fromNow, parseActor } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { AuditDiff } from './AuditDiff';
import { describeAction, describeEntity } from './audit-format';

const KNOWN_ENTITY_TYPES = ['client', 'member', 'user'];

function VerifyResult({ result }: { result: AuditVerification }) {
  if (result.ok) {
    return (
      <Alert color="teal" icon={<IconShieldCheck size={18} />} title="The chain is intact" role="status">
        All {formatNumber(result.entries)} entries verify: none has been changed or removed since it was written.
        {result.anchors > 0
          ? ` The chain also matches the ${formatNumber(result.anchors)} ${result.anchors === 1 ? 'copy' : 'copies'} of its head kept outside it (checkpoints and issued board packs), so it has not been cut short either.`
          : ' No copy of its head is kept outside it yet (the first checkpoint is taken within minutes).'}
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconShieldX size={18} />} title={`The chain breaks at entry #${result.failure?.seq ?? '?'}`} role="alert">
      {result.failure?.reason ?? 'An entry does not verify.'} Entries from #{result.failure?.seq ?? '?'} on may have been altered outside Triad; tell your
      firm&rsquo;s administrator.
    </Alert>
  );
}

/** Every change in the client, newest first, with before/after and a check of the hash chain. */
export function AuditPage() {
  const { client, clientId } = useCurrentClient();
  const [entityType, setEntityType] = useState<string | null>(null);
  const trail = useAuditTrail(clientId, entityType);
  const [expanded, setExpanded] = useState<number[]>([]);
  const verify = useMutation({ mutationFn: () => api.get<AuditVerification>(clientPath(clientId, '/audit/verify')) });

  const entries = useMemo(() => trail.data?.pages.flatMap((p) => p.entries) ?? [], [trail.data]);
  const entityOptions = useMemo(() => {
    const types = new Set([...KNOWN_ENTITY_TYPES, ...entries.map((e) => e.entityType)]);
    if (entityType) types.add(entityType);
    return [...types].sort().map((t) => ({ value: t, label: describeEntity(t) }));
  }, [entries, entityType]);

  const toggle = (seq: number) => setExpanded((cur) => (cur.includes(seq) ? cur.filter((s) => s !== seq) : [...cur, seq]));

  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Audit trail"
        description="Every change in this client, newest first. Each entry is sealed with a hash of the one before it, so a change made behind Triad's back shows up when the chain is verified."
        documentTitle={`Audit trail · ${client.name}`}
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={clientPath(clientId, `/audit/export${entityType ? `?entityType=${encodeURIComponent(entityType)}` : ''}`)} download>
              Export CSV
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={clientPath(clientId, `/audit/export?format=xlsx${entityType ? `&entityType=${encodeURIComponent(entityType)}` : ''}`)} download>
              Export Excel
            </Button>
            <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={verify.isPending} onClick={() => verify.mutate()}>
              Verify chain
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        {verify.data ? <VerifyResult result={verify.data} /> : null}
        {verify.isError ? <ErrorAlert error={verify.error} title="Could not verify the chain" /> : null}
        <Group justify="space-between" align="flex-end">
          <Select
            label="Kind of record"
            placeholder="All records"
            data={entityOptions}
            value={entityType}
            onChange={(v) => {
              setEntityType(v);
              setExpanded([]);
            }}
            clearable
            w={240}
          />
          {entries.length > 0 ? (
            <Text size="sm" c="dimmed">
              {trail.hasNextPage ? `Latest ${formatNumber(entries.length)} entries` : `${formatNumber(entries.length)} ${entries.length === 1 ? 'entry' : 'entries'}`}
            </Text>
          ) : null}
        </Group>
        {trail.isError ? <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} /> : null}
        {trail.isPending ? <TableSkeleton /> : null}
        {trail.isSuccess && entries.length === 0 ? (
          <EmptyState icon={<IconHistory size={24} />} title="No entries" description={entityType ? 'Nothing of this kind has changed yet.' : 'Nothing has changed in this client yet.'} />
        ) : null}
        {trail.isSuccess && entries.length > 0 ? (
          <TriadTable<AuditEntry>
            aria-label="Audit entries"
            records={entries}
            idAccessor="seq"
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
                      aria-label={`${open ? 'Hide' : 'Show'} details of entry ${e.seq}`}
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
              { accessor: 'seq', title: '#', width: 64, render: (e) => <Text size="sm" c="dimmed">{e.seq}</Text> },
              {
                accessor: 'at',
                title: 'When',
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
                title: 'Who',
                render: (e) => {
                  const who = parseActor(e.actor);
                  return (
                    <div>
                      <Text size="sm" fw={500}>
                        {who.name}
                      </Text>
                      {who.email ? (
                        <Text size="xs" c="dimmed">
                          {who.email}
                        </Text>
                      ) : null}
                    </div>
                  );
                },
              },
              {
                accessor: 'action',
                title: 'What',
                render: (e) => (
                  <div>
                    <Text size="sm">{describeAction(e.action)}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.action}
                    </Text>
                  </div>
                ),
              },
              { accessor: 'entityType', title: 'Record', render: (e) => describeEntity(e.entityType) },
            ]}
          />
        ) : null}
        {trail.hasNextPage ? (
          <Group justify="center">
            <Button variant="default" onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
              Load older entries
            </Button>
          </Group>
        ) : null}
      </Stack>
    </>
  );
}

export default AuditPage;
