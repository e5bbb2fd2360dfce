import { Anchor, Badge, Group, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { TaskKind, TaskList } from '@schema/tasks';
import { Link } from 'react-router';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DueDate } from '../../components/DueDate';
import { useCurrentClient } from '../../layout/client-context';
import { HomeSection } from './HomeSection';

/** What each kind of task is, in a word or two, for the badge beside it. */
const KIND_LABELS: Record<TaskKind, string> = {
  'decision.decide': 'Decision',
  'decision.position': 'Your position',
  'concern.respond': 'Concern',
  'acceptance.approve': 'Approval',
  'review.certify': 'Access review',
  'review.overdue': 'Access review',
  'assessment.answer': 'Assessment',
  'assessment.returned': 'Sent back',
  'assessment.review': 'Assessment',
  'risk.proposal': 'Proposal',
};

export function useTasks(clientId: string) {
  return useQuery({
    queryKey: [...keys.client(clientId), 'tasks'],
    queryFn: ({ signal }) => api.get<TaskList>(clientPath(clientId, '/tasks'), { signal }),
  });
}

/** The top of a client's home: what waits for the signed-in person, most urgent first. */
export function WaitingForYou({ title = 'Waiting for you' }: { title?: string }) {
  const { clientId, href } = useCurrentClient();
  const tasks = useTasks(clientId);
  const list = tasks.data?.tasks ?? [];
  return (
    <HomeSection title={title} action={list.length > 0 ? <Badge variant="filled" color={list.some((t) => t.overdue) ? 'red' : 'triad'}>{list.length}</Badge> : null}>
      {tasks.isPending ? <Skeleton height={80} /> : null}
      {tasks.isError ? <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      {tasks.isSuccess && list.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon variant="light" color="teal" radius="xl" size="md">
            <IconCircleCheck size={16} />
          </ThemeIcon>
          <Text size="sm">Nothing waits for you here.</Text>
        </Group>
      ) : null}
      {list.length > 0 ? (
        <Stack gap="sm" component="ul" aria-label={title} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.map((t) => (
            <li key={t.id}>
              <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={href(t.path)} fw={600} size="sm">
                    {t.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t.detail}
                  </Text>
                </div>
                <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
                  <Badge variant="light" color="gray" tt="none">
                    {KIND_LABELS[t.kind]}
                  </Badge>
                  {t.dueOn ? <DueDate date={t.dueOn} overdue={t.overdue} size="xs" /> : null}
                </Stack>
              </Group>
            </li>
          ))}
        </Stack>
      ) : null}
    </HomeSection>
  );
}
