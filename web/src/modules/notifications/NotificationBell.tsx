import { ActionIcon, Anchor, Badge, Box, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { NotificationOut } from '@schema/notifications';
import { fromNow } from '../../components/format';
import { LoadMore } from '../../components/LoadMore';
import { markAllRead, markRead, notificationKeys, useNotifications } from './api';

/**
 * The bell in the header: how many of the person's notifications are unread across all their
 * clients, and the latest ones; opening one marks it read and goes to its page.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const list = useNotifications({ limit: 12 });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const unread = list.first?.unread ?? 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all() });

  const open = async (n: NotificationOut) => {
    close();
    if (!n.readAt) {
      await markRead(n.id).catch(() => undefined);
      await refresh();
    }
    if (n.link) await navigate(n.link);
  };

  return (
    <Popover opened={opened} onChange={(o) => (o ? undefined : close())} position="bottom-end" width={380} shadow="md" withArrow>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={4}>
          <ActionIcon variant="subtle" color="gray" size="lg" radius="xl" onClick={toggle} aria-label={unread > 0 ? t('notifications.unread', { count: unread }) : t('notifications.title')}>
            <IconBell size={20} stroke={1.6} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label={t('notifications.title')}>
        <Group justify="space-between" px="md" py="sm">
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          {unread > 0 ? (
            <Anchor
              component="button"
              type="button"
              size="xs"
              onClick={() => {
                void markAllRead().then(refresh);
              }}
            >
              {t('notifications.markAllRead')}
            </Anchor>
          ) : null}
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420} type="scroll">
          {list.data && list.rows.length === 0 ? (
            <Text size="sm" c="dimmed" p="md">
              {t('notifications.nothingYet')}
            </Text>
          ) : null}
          {list.isError ? (
            <Text size="sm" c="red" p="md">
              {t('notifications.loadFailed')}
            </Text>
          ) : null}
          <Stack gap={0}>
            {list.rows.map((n) => (
              <UnstyledButton
                key={n.id}
                onClick={() => void open(n)}
                px="md"
                py="sm"
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                bg={n.readAt ? undefined : 'var(--mantine-color-blue-0)'}
                aria-label={n.readAt ? n.title : t('notifications.unreadItem', { title: n.title })}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Box style={{ minWidth: 0 }}>
                    <Text size="sm" fw={n.readAt ? 400 : 600} lineClamp={2}>
                      {n.title}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {t('notifications.clientWhen', { client: n.clientName, when: fromNow(n.createdAt) })}
                    </Text>
                  </Box>
                  {n.readAt ? null : (
                    <Badge size="xs" color="blue" variant="filled" style={{ flexShrink: 0 }}>
                      {t('notifications.new')}
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
          <Box pb={list.hasNextPage ? 'sm' : 0}>
            <LoadMore list={list} noun={t('notifications.noun')} />
          </Box>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
