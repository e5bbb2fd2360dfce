/**
 * The board pack of a client: its quarterly packs (generate a draft in the background, read it,
 * issue it), each pack's content as the board reads it, and the ransomware worst case.
 */
import { Alert, Anchor, Badge, Button, Group, List, Modal, Select, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconDownload, IconExternalLink, IconFileText, IconLock, IconRefresh } from '@tabler/icons-react';
import type { PackDetailOut, PackOut } from '@schema/reports';
import { useMemo, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { api, clientPath, fieldErrors } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { JobProgress } from '../../components/JobProgress';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { PageSkeleton, TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { BOARD_PACK_JOB, packFileUrl, packJob, reportKeys, usePack, usePacks } from './api';
import { SectionView } from './Blocks';
import { WorstCaseView } from './WorstCaseView';
import { currentLanguage } from '../../i18n';

const STATUS: Record<PackOut['status'], { label: string; color: string }> = {
  generating: { label: 'Generating', color: 'blue' },
  draft: { label: 'Draft', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
  issued: { label: 'Issued', color: 'teal' },
};

const APPETITE: Record<string, { label: string; color: string }> = {
  within: { label: 'Within appetite', color: 'teal' },
  above: { label: 'Above appetite', color: 'red' },
  'not-set': { label: 'No appetite set', color: 'gray' },
  unknown: { label: 'Not known', color: 'gray' },
};

export function PackStatusBadge({ status }: { status: PackOut['status'] }) {
  return (
    <Badge color={STATUS[status].color} variant="light">
      {STATUS[status].label}
    </Badge>
  );
}

/** Quarters to choose from: two back, the current one and the next. */
function quarterOptions(current: string): { value: string; label: string }[] {
  const m = /^(\d{4})Q([1-4])$/.exec(current);
  if (!m) return [{ value: current, label: current }];
  const base = Number(m[1]) * 4 + Number(m[2]) - 1;
  return [1, 0, -1, -2].map((d) => {
    const n = base + d;
    const key = `${Math.floor(n / 4)}Q${(n % 4) + 1}`;
    return { value: key, label: `Q${(n % 4) + 1} ${Math.floor(n / 4)}${d === 0 ? ' (this quarter)' : ''}` };
  });
}

function Tabbar({ value }: { value: 'packs' | 'worst-case' }) {
  const { href } = useCurrentClient();
  const navigate = useNavigate();
  return (
    <Tabs value={value} onChange={(v) => void navigate(href(v === 'worst-case' ? 'board-pack/worst-case' : 'board-pack'))} mb="lg">
      <Tabs.List>
        <Tabs.Tab value="packs">Quarterly packs</Tabs.Tab>
        <Tabs.Tab value="worst-case">Ransomware worst case</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

function PackList() {
  const { client, clientId, can, href } = useCurrentClient();
  const navigate = useNavigate();
  const packs = usePacks(clientId);
  const [quarter, setQuarter] = useState<string | null>(null);
  const current = packs.data?.currentQuarter ?? '';
  const options = useMemo(() => quarterOptions(current), [current]);
  const chosen = quarter ?? current;
  const issuedQuarters = new Set((packs.data?.packs ?? []).filter((p) => p.status === 'issued').map((p) => p.quarter));
  const generate = useApiMutation({
    mutationFn: (q: string) => api.post<PackOut>(clientPath(clientId, '/board-packs'), { quarter: q, language: currentLanguage() }),
    job: packJob(clientId, 'started'),
    invalidate: [reportKeys.packs(clientId), keys.jobs(clientId, BOARD_PACK_JOB)],
  });
  const canGenerate = can('reports.generate');
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Board pack"
        documentTitle={`Board pack · ${client.name}`}
        description="The quarterly report for the CEO and the board: risk in money against the appetite, decisions for the board, accepted risks, vendors and the estate."
        actions={
          canGenerate && current ? (
            <Group gap="sm" align="flex-end">
              <Select aria-label="Quarter" data={options} value={chosen} onChange={setQuarter} allowDeselect={false} w={230} />
              <Button leftSection={<IconFileText size={16} />} loading={generate.isPending} disabled={issuedQuarters.has(chosen)} onClick={() => generate.mutate(chosen)}>
                Generate draft
              </Button>
            </Group>
          ) : null
        }
      />
      <Tabbar value="packs" />
      <Stack gap="md">
        <JobProgress clientId={clientId} kind={BOARD_PACK_JOB} label="Generating the board pack" />
        {packs.isError ? <ErrorAlert error={packs.error} onRetry={() => void packs.refetch()} /> : null}
        {packs.isPending ? <TableSkeleton rows={3} /> : null}
        {packs.isSuccess && packs.data.packs.length === 0 ? (
          <EmptyState
            icon={<IconFileText size={24} />}
            title="No board pack yet"
            description={canGenerate ? 'Generate a draft for a quarter: it is made in the background from the register, governance and estate as they are now.' : 'When an advisor issues the quarter\u2019s board pack, it appears here.'}
          />
        ) : null}
        {packs.isSuccess && packs.data.packs.length > 0 ? (
          <TriadTable<PackOut>
            aria-label="Board packs" exportAs="Board packs"
            records={packs.data.packs}
            idAccessor="id"
            onRowClick={({ record }) => {
              if (record.status === 'draft' || record.status === 'issued') void navigate(href(`board-pack/${record.id}`));
            }}
            columns={[
              {
                accessor: 'quarter',
                title: 'Quarter',
                render: (p) =>
                  p.status === 'draft' || p.status === 'issued' ? (
                    <Anchor component={Link} to={href(`board-pack/${p.id}`)} fw={600} onClick={(e) => e.stopPropagation()}>
                      {p.quarterLabel}
                    </Anchor>
                  ) : (
                    <Text fw={600} size="sm">
                      {p.quarterLabel}
                    </Text>
                  ),
              },
              { accessor: 'status', title: 'Status', render: (p) => <PackStatusBadge status={p.status} /> },
              { accessor: 'expectedLoss', title: 'Expected annual loss', textAlign: 'right', render: (p) => <Money amount={p.figures?.expectedLoss} currency={client.currency} size="sm" /> },
              { accessor: 'appetite', title: 'Appetite', render: (p) => (p.figures ? <Badge variant="light" color={APPETITE[p.figures.appetite]!.color}>{APPETITE[p.figures.appetite]!.label}</Badge> : null) },
              {
                accessor: 'when',
                title: 'Made',
                render: (p) => (
                  <Text size="sm">
                    {p.status === 'issued' ? `Issued ${formatDateTime(p.issuedAt)} by ${p.issuedBy ?? ''}` : p.status === 'failed' ? (p.error ?? 'Failed') : p.generatedAt ? `Generated ${formatDateTime(p.generatedAt)}` : 'Being generated'}
                  </Text>
                ),
              },
              {
                accessor: 'files',
                title: 'Files',
                textAlign: 'right',
                render: (p) =>
                  p.files.length > 0 ? (
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="default" component="a" href={packFileUrl(clientId, p.id, 'pdf', true)} leftSection={<IconDownload size={14} />} aria-label={`Download the ${p.quarterLabel} PDF`} onClick={(e) => e.stopPropagation()}>
                        PDF
                      </Button>
                      <Button size="compact-sm" variant="default" component="a" href={packFileUrl(clientId, p.id, 'html')} target="_blank" rel="noopener" leftSection={<IconExternalLink size={14} />} aria-label={`Open the ${p.quarterLabel} HTML page`} onClick={(e) => e.stopPropagation()}>
                        HTML
                      </Button>
                    </Group>
                  ) : null,
              },
            ]}
          />
        ) : null}
      </Stack>
    </>
  );
}

function IssueModal({ pack, opened, onClose }: { pack: PackDetailOut; opened: boolean; onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const [reason, setReason] = useState('');
  const owed = pack.owedNow;
  const issue = useApiMutation({
    mutationFn: () => api.post<PackDetailOut>(clientPath(clientId, `/board-packs/${encodeURIComponent(pack.id)}/issue`), owed.length > 0 ? { overrideReason: reason } : {}),
    success: (p) => `The ${p.quarterLabel} board pack is issued.`,
    invalidate: [reportKeys.packs(clientId), keys.client(clientId)],
    notifyError: false,
    onSuccess: () => onClose(),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`Issue the ${pack.quarterLabel} board pack`} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Issuing makes the pack from the records as they are now and freezes it as the quarter&rsquo;s snapshot: its figures, PDF and HTML never change afterwards, and next quarter&rsquo;s pack compares against it.
        </Text>
        {owed.length > 0 ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Responses still owed">
            <Text size="sm">A seat is shown what concerns its area before the board sees it. These responses are still owed:</Text>
            <List size="sm" mt={4}>
              {owed.map((o) => (
                <List.Item key={`${o.subjectType}:${o.subjectId}:${o.seat}:${o.kind}`}>
                  The {o.seat}
                  {o.holder ? ` (${o.holder})` : ''} {o.kind === 'position' ? 'has not taken a position on' : 'has not responded on'} &ldquo;{o.about}&rdquo;
                  {o.respondBy ? `, due ${o.respondBy}` : ''}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {owed.length > 0 ? (
          <Textarea
            label="Reason to issue anyway"
            description="Recorded in the audit trail and printed in the pack."
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldErrors(issue.error).overrideReason}
          />
        ) : null}
        {issue.isError && !fieldErrors(issue.error).overrideReason ? <ErrorAlert error={issue.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={owed.length > 0 ? 'orange' : undefined} leftSection={<IconLock size={16} />} loading={issue.isPending} onClick={() => issue.mutate()}>
            {owed.length > 0 ? 'Issue anyway' : 'Issue pack'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PackView() {
  const { packId = '' } = useParams();
  const { client, clientId, href } = useCurrentClient();
  const pack = usePack(clientId, packId);
  const [issuing, { open, close }] = useDisclosure(false);
  const regenerate = useApiMutation({
    mutationFn: (q: string) => api.post<PackOut>(clientPath(clientId, '/board-packs'), { quarter: q, language: currentLanguage() }),
    job: packJob(clientId, 'restarted'),
    invalidate: [reportKeys.pack(clientId, packId), reportKeys.packs(clientId), keys.jobs(clientId, BOARD_PACK_JOB)],
  });
  if (pack.isPending) return <PageSkeleton />;
  if (pack.isError) return <ErrorAlert error={pack.error} onRetry={() => void pack.refetch()} />;
  const p = pack.data;
  const content = p.content;
  return (
    <>
      <PageHeader
        eyebrow={
          <Anchor component={Link} to={href('board-pack')} size="xs" fw={600} tt="uppercase">
            {client.name} · Board pack
          </Anchor>
        }
        title={`Board pack ${p.quarterLabel}`}
        documentTitle={`Board pack ${p.quarterLabel} · ${client.name}`}
        description={
          <Group gap="xs" component="span">
            <PackStatusBadge status={p.status} />
            <span>{p.status === 'issued' ? `Issued ${formatDateTime(p.issuedAt)} by ${p.issuedBy ?? ''}` : p.generatedAt ? `Draft generated ${formatDateTime(p.generatedAt)}` : 'Being generated'}</span>
          </Group>
        }
        actions={
          <Group gap="sm">
            {p.files.length > 0 ? (
              <>
                <Button variant="default" component="a" href={packFileUrl(clientId, p.id, 'pdf', true)} leftSection={<IconDownload size={16} />}>
                  Download PDF
                </Button>
                <Button variant="default" component="a" href={packFileUrl(clientId, p.id, 'html')} target="_blank" rel="noopener" leftSection={<IconExternalLink size={16} />}>
                  Open HTML
                </Button>
              </>
            ) : null}
            {p.can.generate ? (
              <Button variant="default" leftSection={<IconRefresh size={16} />} loading={regenerate.isPending} onClick={() => regenerate.mutate(p.quarter)}>
                Regenerate
              </Button>
            ) : null}
            {p.can.issue && p.status === 'draft' ? (
              <Button leftSection={<IconLock size={16} />} onClick={open}>
                Issue…
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="md">
        <JobProgress clientId={clientId} kind={BOARD_PACK_JOB} label="Generating the board pack" />
        {p.status === 'draft' && p.owedNow.length > 0 ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Not ready to issue">
            {p.owedNow.length === 1 ? 'One response is' : `${p.owedNow.length} responses are`} still owed by the seats: {p.owedNow.map((o) => `the ${o.seat} on \u201c${o.about}\u201d`).join('; ')}.
          </Alert>
        ) : null}
        {p.overrideReason ? (
          <Alert color="orange" title="Issued while responses were owed">
            {p.overrideReason}
          </Alert>
        ) : null}
        {p.status === 'failed' ? <Alert color="red" title="The draft could not be generated">{p.error}</Alert> : null}
        {content ? content.sections.map((s) => <SectionView key={s.key} section={s} />) : null}
      </Stack>
      {p.can.issue ? <IssueModal key={p.contentHash ?? p.id} pack={p} opened={issuing} onClose={close} /> : null}
    </>
  );
}

function WorstCasePage() {
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Board pack"
        documentTitle={`Ransomware worst case · ${client.name}`}
        description="What a ransomware attack would cost this client, as a range with its assumptions, next to the yearly cost of the treatments that cut it."
      />
      <Tabbar value="worst-case" />
      <WorstCaseView />
    </>
  );
}

export default function BoardPackPage() {
  return (
    <Routes>
      <Route index element={<PackList />} />
      <Route path="worst-case" element={<WorstCasePage />} />
      <Route path=":packId" element={<PackView />} />
    </Routes>
  );
}
