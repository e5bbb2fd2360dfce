import { Anchor, Badge, Group, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { TaskList } from '@schema/tasks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DueDate } from '../../components/DueDate';
import { useCurrentClient } from '../../layout/client-context';
import { HomeSection } from './HomeSection';

export function useTasks(clientId: string) {
  return useQuery({
    queryKey: [...keys.client(clientId), 'tasks'],
    queryFn: ({ signal }) => api.get<TaskList>(clientPath(clientId, '/tasks'), { signal }),
  });
}

/** The top of a client's home: what waits for the signed-in person, most urgent first. */
export function WaitingForYou({ title }: { title: string }) {
  const { t } = useTranslation('home');
  const { clientId, href } = useCurrentClient();
  const tasks = useTasks(clientId);
  const list = tasks.data?.tasks ?? [];
  return (
    <HomeSection title={title} action={list.length > 0 ? <Badge variant="filled" color={list.some((task) => task.overdue) ? 'red' : 'triad'}>{list.length}</Badge> : null}>
      {tasks.isPending ? <Skeleton height={80} /> : null}
      {tasks.isError ? <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      {tasks.isSuccess && list.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon variant="light" color="teal" radius="xl" size="md">
            <IconCircleCheck size={16} />
          </ThemeIcon>
          <Text size="sm">{t('tasks.nothing')}</Text>
        </Group>
      ) : null}
      {list.length > 0 ? (
        <Stack gap="sm" component="ul" aria-label={title} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.map((task) => (
            <li key={task.id}>
              <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={href(task.path)} fw={600} size="sm">
                    {task.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {task.detail}
                  </Text>
                </div>
                <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
                  <Badge variant="light" color="gray" tt="none">
                    {t(`tasks.kinds.${task.kind}`)}
                  </Badge>
                  {task.dueOn ? <DueDate date={task.dueOn} overdue={task.overdue} size="xs" /> : null}
                </Stack>
              </Group>
            </li>
          ))}
        </Stack>
      ) : null}
    </HomeSection>
  );
}
