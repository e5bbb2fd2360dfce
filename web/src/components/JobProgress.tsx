import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useJobs } from '../api/hooks';
import { fromNow } from './format';

export interface JobProgressProps {
  clientId: string;
  /** The job kind, e.g. 'risk.simulate'. */
  kind: string;
  /** What the job does, as a gerund: "Recomputing the risk register". */
  label: string;
}

/**
 * The latest background job of a kind: a progress bar while it runs (polled every second), the
 * error if it failed, when it last finished otherwise. Shows nothing before the first run. (The
 * change that starts a job says in a notification that it started, then how it ended: the `job`
 * option of useApiMutation.)
 */
export function JobProgress({ clientId, kind, label }: JobProgressProps) {
  const { t } = useTranslation();
  const jobs = useJobs(clientId, kind);
  const job = jobs.data?.[0];
  if (!job) return null;
  if (job.status === 'queued' || job.status === 'running') {
    const percent = Math.round(job.progress * 100);
    return (
      <Stack gap={4} role="status" aria-live="polite">
        <Group justify="space-between">
          <Text size="sm">{job.status === 'queued' ? t('ui.job.waiting', { label }) : t('ui.job.running', { label })}</Text>
          <Text size="sm" c="dimmed">
            {percent}%
          </Text>
        </Group>
        <Progress value={percent} animated aria-label={label} />
      </Stack>
    );
  }
  if (job.status === 'failed') {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('ui.job.failed', { label })}>
        {job.error ?? t('ui.job.stopped')}
      </Alert>
    );
  }
  return (
    <Text size="xs" c="dimmed" role="status">
      {t('ui.job.updated', { when: fromNow(job.finishedAt) })}
    </Text>
  );
}
