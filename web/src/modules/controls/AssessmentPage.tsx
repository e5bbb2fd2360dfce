/** One assessment: its outcomes, maturity, ranked gaps, comparison, requests to contributors and CSV; sign-off. */
import { Alert, Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconCircleCheck, IconDownload, IconTrash } from '@tabler/icons-react';
import type { AssessmentDetailOut, AssessmentSummary } from '@schema/controls';
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
import { scaleName, StatusBadge } from './ui';

function SignOffModal({ detail, onClose }: { detail: AssessmentDetailOut; onClose: () => void }) {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const [note, setNote] = useState('');
  const a = detail.assessment;
  const complete = useApiMutation({
    mutationFn: () => api.post<AssessmentSummary>(controlsPath(clientId, `/assessments/${a.id}/complete`), note.trim() ? { note: note.trim() } : {}),
    notifyError: false,
    success: t('assessment.signedOffFrozen', { title: a.title }),
    invalidate: controlChangeKeys(clientId),
    onSuccess: onClose,
  });
  const missing = a.outcomes - a.answered;
  return (
    <Modal opened onClose={onClose} title={t('assessment.signOffTitle', { title: a.title })}>
      <Stack gap="md">
        {complete.isError ? <ErrorAlert error={complete.error} title={t('assessment.notReady')} /> : null}
        <Text size="sm">
          {t('assessment.signOffText')}
        </Text>
        {missing > 0 ? (
          <Alert color="orange" variant="light">
            {t('assessment.missing', { missing, total: a.outcomes })}
          </Alert>
        ) : null}
        <Textarea label={t('assessment.note')} placeholder={t('assessment.notePlaceholder')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button leftSection={<IconCircleCheck size={16} />} loading={complete.isPending} onClick={() => complete.mutate()}>
            {t('assessment.signOffButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const TABS = ['outcomes', 'maturity', 'gaps', 'compare', 'requests', 'csv'] as const;

export function AssessmentPage() {
  const { t } = useTranslation('controls');
  const { assessmentId = '' } = useParams();
  const { client, clientId, href } = useCurrentClient();
  const navigate = useNavigate();
  const q = useAssessment(clientId, assessmentId);
  const [signing, setSigning] = useState(false);
  const remove = useApiMutation({
    mutationFn: () => api.delete(controlsPath(clientId, `/assessments/${assessmentId}`)),
    success: t('assessment.deleted'),
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
        eyebrow={t('assessment.eyebrow', { client: client.name })}
        title={a.title}
        documentTitle={t('assessment.documentTitle', { title: a.title, client: client.name })}
        description={
          <Group gap="xs" component="span">
            <StatusBadge status={a.status} />
            <Badge variant="outline" color="gray">
              {a.catalogue.title} {a.version.version}
            </Badge>
            <Badge variant="outline" color="gray">
              {scaleName(t, a.scale)}
            </Badge>
            <Text span size="sm" c="dimmed">
              {t('assessment.summary', { answered: a.answered, total: a.outcomes, gaps: a.gaps })}
              {a.completedAt ? t('assessment.signedOffBy', { date: formatDate(a.completedAt), name: parseActor(a.completedBy ?? '').name }) : a.dueOn ? t('assessment.due', { date: formatDate(a.dueOn) }) : ''}
              {a.copiedFrom ? t('assessment.copyOf', { title: a.copiedFrom.title }) : ''}
            </Text>
          </Group>
        }
        actions={
          <Group gap="sm">
            <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={controlsPath(clientId, `/assessments/${a.id}/export.csv`)}>
              {t('assessment.exportCsv')}
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} />} component="a" href={controlsPath(clientId, `/assessments/${a.id}/export.xlsx`)}>
              {t('assessment.exportExcel')}
            </Button>
            {d.can.manage ? (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={() => window.confirm(t('assessment.confirmDelete', { title: a.title })) && remove.mutate()}>
                {t('assessment.delete')}
              </Button>
            ) : null}
            {d.can.signOff ? (
              <Button leftSection={<IconCircleCheck size={16} />} onClick={() => setSigning(true)}>
                {t('assessment.signOff')}
              </Button>
            ) : null}
          </Group>
        }
      />
      {a.signOffNote ? (
        <Alert color="teal" variant="light" mb="md" title={t('assessment.signedOff')}>
          {a.signOffNote}
        </Alert>
      ) : null}
      {!open ? (
        <Text size="sm" c="dimmed" mb="sm">
          {t('assessment.frozen')}
        </Text>
      ) : null}
      <RouteTabs base={base} tabs={TABS.map((value) => ({ value, label: t(`assessmentTabs.${value}`) }))} />
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
