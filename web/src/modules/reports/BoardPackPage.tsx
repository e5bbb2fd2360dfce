/**
 * The board pack of a client: its quarterly packs (generate a draft in the background, read it,
 * issue it), each pack's content as the board reads it, and the ransomware worst case.
 */
import { Alert, Anchor, Badge, Button, Group, List, Modal, Select, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconDownload, IconExternalLink, IconFileText, IconLock, IconRefresh } from '@tabler/icons-react';
import type { PackDetailOut, PackOut } from '@schema/reports';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { BOARD_PACK_JOB } from '@shared/job-kinds';
import { packFileUrl, packJob, reportKeys, usePack, usePacks } from './api';
import { SectionView } from './Blocks';
import { WorstCaseView } from './WorstCaseView';
import { currentLanguage } from '../../i18n';

type ReportsT = TFunction<'reports'>;

const STATUS_COLOR: Record<PackOut['status'], string> = { generating: 'blue', draft: 'yellow', failed: 'red', issued: 'teal' };

type Appetite = NonNullable<PackOut['figures']>['appetite'];
const APPETITE_COLOR: Record<Appetite, string> = { within: 'teal', above: 'red', 'not-set': 'gray', unknown: 'gray' };

export function PackStatusBadge({ status }: { status: PackOut['status'] }) {
  const { t } = useTranslation('reports');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`packStatus.${status}`)}
    </Badge>
  );
}

/** Quarters to choose from: two back, the current one and the next. */
function quarterOptions(t: ReportsT, current: string): { value: string; label: string }[] {
  const m = /^(\d{4})Q([1-4])$/.exec(current);
  if (!m) return [{ value: current, label: current }];
  const base = Number(m[1]) * 4 + Number(m[2]) - 1;
  return [1, 0, -1, -2].map((d) => {
    const n = base + d;
    const key = `${Math.floor(n / 4)}Q${(n % 4) + 1}`;
    return { value: key, label: t(d === 0 ? 'thisQuarter' : 'quarter', { q: (n % 4) + 1, year: Math.floor(n / 4) }) };
  });
}

function Tabbar({ value }: { value: 'packs' | 'worst-case' }) {
  const { t } = useTranslation('reports');
  const { href } = useCurrentClient();
  const navigate = useNavigate();
  return (
    <Tabs value={value} onChange={(v) => void navigate(href(v === 'worst-case' ? 'board-pack/worst-case' : 'board-pack'))} mb="lg">
      <Tabs.List>
        <Tabs.Tab value="packs">{t('tabs.packs')}</Tabs.Tab>
        <Tabs.Tab value="worst-case">{t('tabs.worstCase')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

function PackList() {
  const { t } = useTranslation('reports');
  const { client, clientId, can, href } = useCurrentClient();
  const navigate = useNavigate();
  const packs = usePacks(clientId);
  const [quarter, setQuarter] = useState<string | null>(null);
  const current = packs.data?.currentQuarter ?? '';
  const options = useMemo(() => quarterOptions(t, current), [t, current]);
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
        title={t('title')}
        documentTitle={t('documentTitle', { client: client.name })}
        description={t('description')}
        actions={
          canGenerate && current ? (
            <Group gap="sm" align="flex-end">
              <Select aria-label={t('quarterLabel')} data={options} value={chosen} onChange={setQuarter} allowDeselect={false} w={230} />
              <Button leftSection={<IconFileText size={16} />} loading={generate.isPending} disabled={issuedQuarters.has(chosen)} onClick={() => generate.mutate(chosen)}>
                {t('generate')}
              </Button>
            </Group>
          ) : null
        }
      />
      <Tabbar value="packs" />
      <Stack gap="md">
        <JobProgress clientId={clientId} kind={BOARD_PACK_JOB} label={t('generating')} />
        {packs.isError ? <ErrorAlert error={packs.error} onRetry={() => void packs.refetch()} /> : null}
        {packs.isPending ? <TableSkeleton rows={3} /> : null}
        {packs.isSuccess && packs.data.packs.length === 0 ? (
          <EmptyState
            icon={<IconFileText size={24} />}
            title={t('emptyTitle')}
            description={canGenerate ? t('emptyGenerate') : t('emptyRead')}
          />
        ) : null}
        {packs.isSuccess && packs.data.packs.length > 0 ? (
          <TriadTable<PackOut>
            aria-label={t('table')} exportAs={t('table')}
            records={packs.data.packs}
            idAccessor="id"
            onRowClick={({ record }) => {
              if (record.status === 'draft' || record.status === 'issued') void navigate(href(`board-pack/${record.id}`));
            }}
            columns={[
              {
                accessor: 'quarter',
                title: t('column.quarter'),
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
              { accessor: 'status', title: t('column.status'), render: (p) => <PackStatusBadge status={p.status} /> },
              { accessor: 'expectedLoss', title: t('column.expectedLoss'), textAlign: 'right', render: (p) => <Money amount={p.figures?.expectedLoss} currency={client.currency} size="sm" /> },
              { accessor: 'appetite', title: t('column.appetite'), render: (p) => (p.figures ? <Badge variant="light" color={APPETITE_COLOR[p.figures.appetite]}>{t(`appetite.${p.figures.appetite}`)}</Badge> : null) },
              {
                accessor: 'when',
                title: t('column.made'),
                render: (p) => (
                  <Text size="sm">
                    {p.status === 'issued' ? t('issuedBy', { when: formatDateTime(p.issuedAt), who: p.issuedBy ?? '' }) : p.status === 'failed' ? (p.error ?? t('failed')) : p.generatedAt ? t('generated', { when: formatDateTime(p.generatedAt) }) : t('beingGenerated')}
                  </Text>
                ),
              },
              {
                accessor: 'files',
                title: t('column.files'),
                textAlign: 'right',
                render: (p) =>
                  p.files.length > 0 ? (
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="default" component="a" href={packFileUrl(clientId, p.id, 'pdf', true)} leftSection={<IconDownload size={14} />} aria-label={t('downloadPdf', { quarter: p.quarterLabel })} onClick={(e) => e.stopPropagation()}>
                        {t('pdf')}
                      </Button>
                      <Button size="compact-sm" variant="default" component="a" href={packFileUrl(clientId, p.id, 'html')} target="_blank" rel="noopener" leftSection={<IconExternalLink size={14} />} aria-label={t('openHtml', { quarter: p.quarterLabel })} onClick={(e) => e.stopPropagation()}>
                        {t('html')}
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
  const { t } = useTranslation('reports');
  const { clientId } = useCurrentClient();
  const [reason, setReason] = useState('');
  const owed = pack.owedNow;
  const issue = useApiMutation({
    mutationFn: () => api.post<PackDetailOut>(clientPath(clientId, `/board-packs/${encodeURIComponent(pack.id)}/issue`), owed.length > 0 ? { overrideReason: reason } : {}),
    success: (p) => t('issue.done', { quarter: p.quarterLabel }),
    invalidate: [reportKeys.packs(clientId), keys.client(clientId)],
    notifyError: false,
    onSuccess: () => onClose(),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('issue.title', { quarter: pack.quarterLabel })} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          {t('issue.text')}
        </Text>
        {owed.length > 0 ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('issue.owedTitle')}>
            <Text size="sm">{t('issue.owedText')}</Text>
            <List size="sm" mt={4}>
              {owed.map((o) => (
                <List.Item key={`${o.subjectType}:${o.subjectId}:${o.seat}:${o.kind}`}>
                  {o.kind === 'position'
                    ? t(o.holder ? 'issue.owedPositionHolder' : 'issue.owedPosition', { seat: o.seat, holder: o.holder, about: o.about })
                    : t(o.holder ? 'issue.owedResponseHolder' : 'issue.owedResponse', { seat: o.seat, holder: o.holder, about: o.about })}
                  {o.respondBy ? t('issue.due', { date: o.respondBy }) : ''}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {owed.length > 0 ? (
          <Textarea
            label={t('issue.reason')}
            description={t('issue.reasonHelp')}
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldErrors(issue.error).overrideReason}
          />
        ) : null}
        {issue.isError && !fieldErrors(issue.error).overrideReason ? <ErrorAlert error={issue.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('issue.cancel')}
          </Button>
          <Button color={owed.length > 0 ? 'orange' : undefined} leftSection={<IconLock size={16} />} loading={issue.isPending} onClick={() => issue.mutate()}>
            {owed.length > 0 ? t('issue.anyway') : t('issue.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PackView() {
  const { t } = useTranslation('reports');
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
            {t('pack.eyebrow', { client: client.name })}
          </Anchor>
        }
        title={t('pack.title', { quarter: p.quarterLabel })}
        documentTitle={t('pack.documentTitle', { quarter: p.quarterLabel, client: client.name })}
        description={
          <Group gap="xs" component="span">
            <PackStatusBadge status={p.status} />
            <span>{p.status === 'issued' ? t('issuedBy', { when: formatDateTime(p.issuedAt), who: p.issuedBy ?? '' }) : p.generatedAt ? t('draftGenerated', { when: formatDateTime(p.generatedAt) }) : t('beingGenerated')}</span>
          </Group>
        }
        actions={
          <Group gap="sm">
            {p.files.length > 0 ? (
              <>
                <Button variant="default" component="a" href={packFileUrl(clientId, p.id, 'pdf', true)} leftSection={<IconDownload size={16} />}>
                  {t('pack.downloadPdf')}
                </Button>
                <Button variant="default" component="a" href={packFileUrl(clientId, p.id, 'html')} target="_blank" rel="noopener" leftSection={<IconExternalLink size={16} />}>
                  {t('pack.openHtml')}
                </Button>
              </>
            ) : null}
            {p.can.generate ? (
              <Button variant="default" leftSection={<IconRefresh size={16} />} loading={regenerate.isPending} onClick={() => regenerate.mutate(p.quarter)}>
                {t('pack.regenerate')}
              </Button>
            ) : null}
            {p.can.issue && p.status === 'draft' ? (
              <Button leftSection={<IconLock size={16} />} onClick={open}>
                {t('pack.issue')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="md">
        <JobProgress clientId={clientId} kind={BOARD_PACK_JOB} label={t('generating')} />
        {p.status === 'draft' && p.owedNow.length > 0 ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('pack.notReady')}>
            {t('pack.owed', { count: p.owedNow.length, list: p.owedNow.map((o) => t('pack.owedItem', { seat: o.seat, about: o.about })).join('; ') })}
          </Alert>
        ) : null}
        {p.overrideReason ? (
          <Alert color="orange" title={t('pack.overridden')}>
            {p.overrideReason}
          </Alert>
        ) : null}
        {p.status === 'failed' ? <Alert color="red" title={t('pack.failed')}>{p.error}</Alert> : null}
        {content ? content.sections.map((s) => <SectionView key={s.key} section={s} />) : null}
      </Stack>
      {p.can.issue ? <IssueModal key={p.contentHash ?? p.id} pack={p} opened={issuing} onClose={close} /> : null}
    </>
  );
}

function WorstCasePage() {
  const { t } = useTranslation('reports');
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('title')}
        documentTitle={t('worstCase.documentTitle', { client: client.name })}
        description={t('worstCase.description')}
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
