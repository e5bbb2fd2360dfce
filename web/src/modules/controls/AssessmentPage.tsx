/** One assessment: its outcomes, maturity, ranked gaps, comparison, requests to contributors and CSV; sign-off. */
import { Alert, Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconCircleCheck, IconDownload, IconTrash } from '@tabler/icons-react';
import type { AssessmentDetailOut, AssessmentSummary } from '@schema/controls';
import { SCALES } from '@shared/controls/scales';
import { useState } from 'react';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, parseActor } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RouteTabs } from '../../components/RouteTabs';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath, useAssessment } from './api';
import { CompareView } from './CompareView';
import { CsvView } from './CsvView';
import { GapsView } from './GapsView';
import { MaturityView } from './MaturityView';
import { OutcomesView } from './OutcomesView';
import { RequestsView } from './RequestsView';
import { StatusBadge } from './ui';

function SignOffModal({ detail, onClose }: { detail: AssessmentDetailOut; onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const [note, setNote] = useState('');
  const a = detail.assessment;
  const complete = useApiMutation({
    mutationFn: () => api.post<AssessmentSummary>(controlsPath(clientId, `/assessments/${a.id}/complete`), note.trim() ? { note: note.trim() } : {}),
    notifyError: false,
    success: `"${a.title}" is signed off and frozen.`,
    invalidate: controlChangeKeys(clientId),
    onSuccess: onClose,
  });
  const missing = a.outcomes - a.answered;
  return (
    <Modal opened onClose={onClose} title={`Sign off ${a.title}`}>
      <Stack gap="md">
        {complete.isError ? <ErrorAlert error={complete.error} title="Not ready to sign off" /> : null}
        <Text size="sm">
          Signing off completes the assessment: its answers, evidence and links are frozen, and the next one starts as a copy of it. The board pack reports it as the client&apos;s maturity.
        </Text>
        {missing > 0 ? (
          <Alert color="orange" variant="light">
            {missing} of {a.outcomes} outcomes are not answered yet.
          </Alert>
        ) : null}
        <Textarea label="Note for the record" placeholder="Reviewed with…" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button leftSection={<IconCircleCheck size={16} />} loading={complete.isPending} onClick={() => complete.mutate()}>
            Sign off and complete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const TABS = [
  { value: 'outcomes', label: 'Outcomes' },
  { value: 'maturity', label: 'Maturity' },
  { value: 'gaps', label: 'Gaps' },
  { value: 'compare', label: 'Compare' },
  { value: 'requests', label: 'Requests' },
  { value: 'csv', label: 'CSV' },
];

export function AssessmentPage() {
  const { assessmentId = '' } = useParams();
  const { client, clientId, href } = useCurrentClient();
  const navigate = useNavigate();
  const q = useAssessment(clientId, assessmentId);
  const [signing, setSigning] = useState(false);
  const remove = useApiMutation({
    mutationFn: () => api.delete(controlsPath(clientId, `/assessments/${assessmentId}`)),
    success: 'The assessment was deleted.',
    invalidate: controlChangeKeys(clientId),
    onSuccess: () => navigate(href('controls')),
  });
  if (q.isPending) return <PageSkeleton />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const a = d.assessment;
  const base = `controls/${a.id}`;
  const open = a.status === 'in_progress';
  return (
    <>
      <PageHeader
        eyebrow={`${client.name} · Controls & maturity`}
        title={a.title}
        documentTitle={`${a.title} · ${client.name}`}
        description={
          <Group gap="xs" component="span">
            <StatusBadge status={a.status} />
            <Badge variant="outline" color="gray">
              {a.catalogue.title} {a.version.version}
            </Badge>
            <Badge variant="outline" color="gray">
              {SCALES[a.scale].name}
            </Badge>
            <Text span size="sm" c="dimmed">
              {a.answered} of {a.outcomes} answered · {a.gaps} below target
              {a.completedAt ? ` · signed off ${formatDate(a.completedAt)} by ${parseActor(a.completedBy ?? '').name}` : a.dueOn ? ` · due ${formatDate(a.dueOn)}` : ''}
              {a.copiedFrom ? ` · started as a copy of ${a.copiedFrom.title}` : ''}
            </Text>
          </Group>
        }
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={controlsPath(clientId, `/assessments/${a.id}/export.csv`)}>
              Export CSV
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={controlsPath(clientId, `/assessments/${a.id}/export.xlsx`)}>
              Export Excel
            </Button>
            {d.can.manage ? (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={() => window.confirm(`Delete "${a.title}" with its answers and evidence?`) && remove.mutate()}>
                Delete
              </Button>
            ) : null}
            {d.can.signOff ? (
              <Button leftSection={<IconCircleCheck size={16} />} onClick={() => setSigning(true)}>
                Sign off…
              </Button>
            ) : null}
          </Group>
        }
      />
      {a.signOffNote ? (
        <Alert color="teal" variant="light" mb="md" title="Signed off">
          {a.signOffNote}
        </Alert>
      ) : null}
      {!open ? (
        <Text size="sm" c="dimmed" mb="sm">
          This assessment is completed and frozen; the next one starts as a copy of it.
        </Text>
      ) : null}
      <RouteTabs base={base} tabs={TABS} />
      <Routes>
        <Route index element={<OutcomesView detail={d} />} />
        <Route path="maturity" element={<MaturityView detail={d} />} />
        <Route path="gaps" element={<GapsView detail={d} />} />
        <Route path="compare" element={<CompareView detail={d} />} />
        <Route path="requests" element={<RequestsView detail={d} />} />
        <Route path="csv" element={<CsvView detail={d} />} />
      </Routes>
      {signing ? <SignOffModal detail={d} onClose={() => setSigning(false)} /> : null}
    </>
  );
}
