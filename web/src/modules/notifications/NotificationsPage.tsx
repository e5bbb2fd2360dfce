import { Alert, Anchor, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutboxOut } from '@schema/notifications';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, fromNow } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { markAllRead, markRead, notificationKeys, useNotifications, useOutbox } from './api';

const STATUS_COLORS: Record<OutboxOut['status'], string> = { pending: 'gray', sent: 'teal', held: 'yellow', failed: 'red' };

function MyNotifications() {
  const { t } = useTranslation('notifications');
  const { clientId } = useCurrentClient();
  const list = useNotifications({ clientId, limit: 50 });
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all() });
  if (list.isError) return <ErrorAlert error={list.error} />;
  const rows = list.rows;
  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button variant="default" size="xs" disabled={!rows.some((n) => !n.readAt)} onClick={() => void markAllRead(clientId).then(refresh)}>
          {t('markAllRead')}
        </Button>
      </Group>
      <TriadTable
        records={rows}
        fetching={list.isPending}
        idAccessor="id"
        noRecordsText={t('noneYet')}
        columns={[
          {
            accessor: 'title',
            title: t('column.notification'),
            render: (n) => (
              <Stack gap={2}>
                {n.link ? (
                  <Anchor component={Link} to={n.link} fw={n.readAt ? 400 : 600} size="sm" onClick={() => void (n.readAt ? undefined : markRead(n.id).then(refresh))}>
                    {n.title}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={n.readAt ? 400 : 600}>
                    {n.title}
                  </Text>
                )}
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {n.body}
                </Text>
              </Stack>
            ),
          },
          { accessor: 'createdAt', title: t('column.when'), width: 140, render: (n) => fromNow(n.createdAt) },
          { accessor: 'readAt', title: '', width: 80, render: (n) => (n.readAt ? null : <Badge size="sm">{t('new')}</Badge>) },
        ]}
      />
      <LoadMore list={list} noun={t('noun')} />
    </Stack>
  );
}

function Outbox() {
  const { t } = useTranslation('notifications');
  const { clientId } = useCurrentClient();
  const outbox = useOutbox(clientId, true);
  const [open, setOpen] = useState<string[]>([]);
  if (outbox.isError) return <ErrorAlert error={outbox.error} />;
  return (
    <Stack gap="md">
      {outbox.first && !outbox.first.smtpConfigured ? (
        <Alert color="yellow" icon={<IconMailOff size={18} />} title={t('notSending')}>
          {t('notSendingText')}
        </Alert>
      ) : null}
      <TriadTable
        records={outbox.rows}
        fetching={outbox.isPending}
        idAccessor="id"
        noRecordsText={t('noEmails')}
        rowExpansion={{ allowMultiple: true, expanded: { recordIds: open, onRecordIdsChange: setOpen }, content: ({ record }) => <Text size="sm" p="md" style={{ whiteSpace: 'pre-wrap' }}>{record.body}</Text> }}
        columns={[
          { accessor: 'toName', title: t('column.to'), render: (e) => t('recipient', { name: e.toName, email: e.toEmail }) },
          { accessor: 'subject', title: t('column.subject') },
          { accessor: 'status', title: t('column.status'), render: (e) => <Badge color={STATUS_COLORS[e.status]} variant="light">{t(`status.${e.status}`)}</Badge> },
          { accessor: 'createdAt', title: t('column.written'), render: (e) => formatDateTime(e.createdAt) },
        ]}
      />
      <LoadMore list={outbox} noun={t('emailsNoun')} />
    </Stack>
  );
}

/** A person's notifications in this client, and (advisors) the client's e-mail outbox. */
export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const { client, can } = useCurrentClient();
  const [tab, setTab] = useState<string | null>('mine');
  const canOutbox = can('notifications.outbox.read');
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('title')}
        documentTitle={t('documentTitle', { client: client.name })}
        description={t('description')}
      />
      {canOutbox ? (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="lg">
            <Tabs.Tab value="mine">{t('tabs.mine')}</Tabs.Tab>
            <Tabs.Tab value="outbox">{t('tabs.outbox')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="mine">
            <MyNotifications />
          </Tabs.Panel>
          <Tabs.Panel value="outbox">
            <Outbox />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <MyNotifications />
      )}
    </>
  );
}
