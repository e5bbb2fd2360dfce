/** Controls and framework assessments of a client: the assessments, the firm's catalogues, and one assessment's pages. */
import { Anchor, Button, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPlus, IconShieldCheck } from '@tabler/icons-react';
import type { AssessmentSummary } from '@schema/controls';
import { useState } from 'react';
import { Link, Outlet, Route, Routes } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RouteTabs } from '../../components/RouteTabs';
import { useCurrentClient } from '../../layout/client-context';
import { useAssessments } from './api';
import { AssessmentPage } from './AssessmentPage';
import { CataloguesView } from './CataloguesView';
import { StartAssessmentModal } from './StartAssessmentModal';
import { mean, scaleName, StatusBadge } from './ui';

const TABS = ['assessments', 'catalogues'] as const;

function ControlsViews() {
  const { t } = useTranslation('controls');
  const { client, can } = useCurrentClient();
  const [starting, setStarting] = useState(false);
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('title')}
        documentTitle={t('documentTitle', { client: client.name })}
        description={t('description')}
        actions={
          can('controls.manage') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setStarting(true)}>
              {t('start')}
            </Button>
          ) : null
        }
      />
      <RouteTabs base="controls" tabs={TABS.map((value) => ({ value, label: t(`tabs.${value}`) }))} />
      <Outlet />
      {starting ? <StartAssessmentModal onClose={() => setStarting(false)} /> : null}
    </>
  );
}

function AssessmentsList() {
  const { t } = useTranslation('controls');
  const { clientId, href, can } = useCurrentClient();
  const q = useAssessments(clientId);
  const mayManage = can('controls.manage');
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data && q.data.assessments.length === 0) {
    return (
      <EmptyState
        icon={<IconShieldCheck size={22} />}
        title={t('list.none')}
        description={mayManage ? t('list.noneManage') : t('list.noneOther')}
      />
    );
  }
  return (
    <TriadTable<AssessmentSummary>
      aria-label={t('list.table')} exportAs={t('list.table')}
      records={q.data?.assessments ?? []}
      fetching={q.isPending}
      idAccessor="id"
      columns={[
        {
          accessor: 'title',
          title: t('list.column.assessment'),
          render: (a) => (
            <Stack gap={0}>
              <Anchor component={Link} to={href(`controls/${a.id}`)} fw={600}>
                {a.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {a.catalogue.title} {a.version.version} · {scaleName(t, a.scale)}
                {a.scope.kind === 'groups' ? ` · ${a.scope.ids.join(', ')}` : a.scope.kind === 'profile' ? t('list.scopeProfile', { title: a.scope.title ?? '' }) : ''}
              </Text>
            </Stack>
          ),
        },
        { accessor: 'status', title: t('list.column.status'), width: 130, render: (a) => <StatusBadge status={a.status} /> },
        {
          accessor: 'answered',
          title: t('list.column.answered'),
          width: 170,
          render: (a) => (
            <Stack gap={2}>
              <Text size="sm">
                {t('list.ofTotal', { n: a.answered, total: a.outcomes })}
              </Text>
              <Progress value={(100 * a.answered) / Math.max(1, a.outcomes)} size="sm" aria-label={t('list.answeredOf', { n: a.answered, total: a.outcomes })} />
            </Stack>
          ),
        },
        { accessor: 'maturity', title: t('list.column.nowTarget'), textAlign: 'right', width: 120, render: (a) => `${mean(a.maturity.current)} / ${mean(a.maturity.target)}` },
        { accessor: 'gaps', title: t('list.column.below'), textAlign: 'right', width: 110 },
        { accessor: 'evidenced', title: t('list.column.evidence'), textAlign: 'right', width: 120, render: (a) => t('list.ofTotal', { n: a.evidenced, total: a.outcomes - a.notApplicable }) },
        { accessor: 'completedAt', title: t('list.column.signedOff'), width: 130, render: (a) => (a.completedAt ? formatDate(a.completedAt) : a.dueOn ? t('list.due', { date: formatDate(a.dueOn) }) : '\u2014') },
      ]}
    />
  );
}

export default function ControlsPage() {
  return (
    <Routes>
      <Route element={<ControlsViews />}>
        <Route index element={<AssessmentsList />} />
        <Route path="catalogues" element={<CataloguesView />} />
      </Route>
      <Route path=":assessmentId/*" element={<AssessmentPage />} />
    </Routes>
  );
}

