/** Controls and framework assessments of a client: the assessments, the firm's catalogues, and one assessment's pages. */
import { Anchor, Button, Progress, Stack, Text } from '@mantine/core';
import { IconPlus, IconShieldCheck } from '@tabler/icons-react';
import type { AssessmentSummary } from '@schema/controls';
import { SCALES } from '@shared/controls/scales';
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
import { mean, StatusBadge } from './ui';

const TABS = [
  { value: 'assessments', label: 'Assessments' },
  { value: 'catalogues', label: 'Catalogues' },
];

function ControlsViews() {
  const { client, can } = useCurrentClient();
  const [starting, setStarting] = useState(false);
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Controls & maturity"
        documentTitle={`Controls & maturity · ${client.name}`}
        description="How the company meets a security framework (NIST CSF 2.0, or any catalogue imported from OSCAL): outcome by outcome, current against target, with evidence, and the gaps ranked by the money at stake."
        actions={
          can('controls.manage') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setStarting(true)}>
              Start an assessment
            </Button>
          ) : null
        }
      />
      <RouteTabs base="controls" tabs={TABS} />
      <Outlet />
      {starting ? <StartAssessmentModal onClose={() => setStarting(false)} /> : null}
    </>
  );
}

function AssessmentsList() {
  const { clientId, href, can } = useCurrentClient();
  const q = useAssessments(clientId);
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data && q.data.assessments.length === 0) {
    return (
      <EmptyState
        icon={<IconShieldCheck size={22} />}
        title="No assessment yet"
        description={can('controls.manage') ? 'Start one against NIST CSF 2.0, which comes with Triad, or against a catalogue the firm imported.' : 'An advisor starts the first assessment; it will show here.'}
      />
    );
  }
  return (
    <TriadTable<AssessmentSummary>
      aria-label="Assessments" exportAs="Assessments"
      records={q.data?.assessments ?? []}
      fetching={q.isPending}
      idAccessor="id"
      columns={[
        {
          accessor: 'title',
          title: 'Assessment',
          render: (a) => (
            <Stack gap={0}>
              <Anchor component={Link} to={href(`controls/${a.id}`)} fw={600}>
                {a.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {a.catalogue.title} {a.version.version} · {SCALES[a.scale].name}
                {a.scope.kind === 'groups' ? ` · ${a.scope.ids.join(', ')}` : a.scope.kind === 'profile' ? ` · profile: ${a.scope.title ?? ''}` : ''}
              </Text>
            </Stack>
          ),
        },
        { accessor: 'status', title: 'Status', width: 130, render: (a) => <StatusBadge status={a.status} /> },
        {
          accessor: 'answered',
          title: 'Answered',
          width: 170,
          render: (a) => (
            <Stack gap={2}>
              <Text size="sm">
                {a.answered} of {a.outcomes}
              </Text>
              <Progress value={(100 * a.answered) / Math.max(1, a.outcomes)} size="sm" aria-label={`${a.answered} of ${a.outcomes} answered`} />
            </Stack>
          ),
        },
        { accessor: 'maturity', title: 'Now / target', textAlign: 'right', width: 120, render: (a) => `${mean(a.maturity.current)} / ${mean(a.maturity.target)}` },
        { accessor: 'gaps', title: 'Below target', textAlign: 'right', width: 110 },
        { accessor: 'evidenced', title: 'With evidence', textAlign: 'right', width: 120, render: (a) => `${a.evidenced} of ${a.outcomes - a.notApplicable}` },
        { accessor: 'completedAt', title: 'Signed off', width: 130, render: (a) => (a.completedAt ? formatDate(a.completedAt) : a.dueOn ? `due ${formatDate(a.dueOn)}` : '\u2014') },
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

