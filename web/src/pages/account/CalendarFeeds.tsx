/** Your calendar feeds: a secret URL to subscribe to from a calendar app, revocable at any time. */
import { ActionIcon, Alert, Button, Card, Code, CopyButton, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconCalendarEvent, IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { call, triad } from '../../api/typed';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, fromNow } from '../../components/format';

const FEEDS_KEY = ['me', 'calendar-feeds'] as const;

export function CalendarFeeds() {
  const queryClient = useQueryClient();
  const feeds = useQuery({ queryKey: FEEDS_KEY, queryFn: async ({ signal }) => (await call(triad.GET('/api/me/calendar-feeds', { signal }))).feeds });
  const [name, setName] = useState('My Triad dates');
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
    <Card withBorder padding="lg" component="section" aria-label="Calendar feeds">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          Calendar feeds
        </Title>
        <Text size="sm" c="dimmed" maw={720}>
          Subscribe from Outlook, Google Calendar or Apple Calendar to the dates that matter across your clients: contract notice deadlines and renewals, risk acceptances that expire, decisions to take, assessments due and initiatives&rsquo; target quarters. Anyone with the address sees them: revoke a feed you no longer use.
        </Text>
        <Group align="end">
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} w={260} />
          <Button
            leftSection={<IconCalendarEvent size={16} />}
            onClick={() =>
              void run(async () => {
                const r = await call(triad.POST('/api/me/calendar-feeds', { body: { name } }));
                setMade(r.url);
              })
            }
          >
            Make a feed
          </Button>
        </Group>
        {made ? (
          <Alert color="teal" title="Your feed's address (shown once)" role="status">
            <Group gap="xs" wrap="nowrap">
              <Code style={{ wordBreak: 'break-all' }}>{made}</Code>
              <CopyButton value={made}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'}>
                    <ActionIcon variant="subtle" onClick={copy} aria-label="Copy the feed's address">
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
            aria-label="Your calendar feeds"
            columns={[
              { accessor: 'name', title: 'Feed' },
              { accessor: 'prefix', title: 'Address starts', render: (f) => <Code>{f.prefix}…</Code> },
              { accessor: 'createdAt', title: 'Made', render: (f) => formatDate(f.createdAt) },
              { accessor: 'lastUsedAt', title: 'Last read', render: (f) => (f.lastUsedAt ? fromNow(f.lastUsedAt) : 'never') },
              { accessor: 'revokedAt', title: 'State', render: (f) => (f.revokedAt ? `revoked ${formatDate(f.revokedAt)}` : 'active') },
              {
                accessor: 'actions',
                title: '',
                render: (f) =>
                  f.revokedAt ? null : (
                    <ActionIcon variant="subtle" color="red" aria-label={`Revoke ${f.name}`} onClick={() => void run(async () => void (await call(triad.DELETE('/api/me/calendar-feeds/{feedId}', { params: { path: { feedId: f.id } } }))))}>
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
