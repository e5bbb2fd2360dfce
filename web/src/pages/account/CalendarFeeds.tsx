/** Your calendar feeds: a secret URL to subscribe to from a calendar app, revocable at any time. */
import { ActionIcon, Alert, Button, Card, Code, CopyButton, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCalendarEvent, IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, triad } from '../../api/typed';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, fromNow } from '../../components/format';

const FEEDS_KEY = ['me', 'calendar-feeds'] as const;

export function CalendarFeeds() {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const feeds = useQuery({ queryKey: FEEDS_KEY, queryFn: async ({ signal }) => (await call(triad.GET('/api/me/calendar-feeds', { signal }))).feeds });
  const [name, setName] = useState(() => t('feeds.defaultName'));
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<void>): Promise<void> => {
    setError(null);
    try {
      await fn();
      await queryClient.invalidateQueries({ queryKey: FEEDS_KEY });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card withBorder padding="lg" component="section" aria-label={t('feeds.region')}>
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('feeds.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={720}>
          {t('feeds.intro')}
        </Text>
        <Group align="end">
          <TextInput label={t('common.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} w={260} />
          <Button
            leftSection={<IconCalendarEvent size={16} />}
            onClick={() =>
              void run(async () => {
                const r = await call(triad.POST('/api/me/calendar-feeds', { body: { name } }));
                setMade(r.url);
              })
            }
          >
            {t('feeds.make')}
          </Button>
        </Group>
        {made ? (
          <Alert color="teal" title={t('feeds.madeTitle')} role="status">
            <Group gap="xs" wrap="nowrap">
              <Code style={{ wordBreak: 'break-all' }}>{made}</Code>
              <CopyButton value={made}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                    <ActionIcon variant="subtle" onClick={copy} aria-label={t('feeds.copyAddress')}>
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          </Alert>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        {feeds.data && feeds.data.length > 0 ? (
          <TriadTable
            records={feeds.data}
            idAccessor="id"
            aria-label={t('feeds.table')}
            columns={[
              { accessor: 'name', title: t('feeds.feed') },
              { accessor: 'prefix', title: t('feeds.addressStarts'), render: (f) => <Code>{f.prefix}…</Code> },
              { accessor: 'createdAt', title: t('feeds.made'), render: (f) => formatDate(f.createdAt) },
              { accessor: 'lastUsedAt', title: t('feeds.lastRead'), render: (f) => (f.lastUsedAt ? fromNow(f.lastUsedAt) : t('feeds.never')) },
              { accessor: 'revokedAt', title: t('feeds.state'), render: (f) => (f.revokedAt ? t('feeds.revokedOn', { date: formatDate(f.revokedAt) }) : t('feeds.active')) },
              {
                accessor: 'actions',
                title: '',
                render: (f) =>
                  f.revokedAt ? null : (
                    <ActionIcon variant="subtle" color="red" aria-label={t('feeds.revokeLabel', { name: f.name })} onClick={() => void run(async () => void (await call(triad.DELETE('/api/me/calendar-feeds/{feedId}', { params: { path: { feedId: f.id } } }))))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  ),
              },
            ]}
          />
        ) : null}
      </Stack>
    </Card>
  );
}
