/** The firm's webhooks (firm admins): add one, see its delivery log, test it, pause or remove it. */
import { ActionIcon, Alert, Badge, Button, Card, Code, Group, MultiSelect, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconSend, IconTrash, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import type { components } from '../../../../clients/typescript/index';
import { call, triad } from '../../api/typed';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

type Webhook = components['schemas']['Webhook'];
type Event = Webhook['events'][number];
const EVENTS: { value: Event; label: string }[] = [
  { value: 'escalation', label: 'A decision is escalated' },
  { value: 'acceptance.requested', label: 'A risk acceptance is requested' },
  { value: 'acceptance.approved', label: 'A risk acceptance is approved' },
  { value: 'acceptance.expired', label: 'A risk acceptance expires' },
  { value: 'pack.issued', label: 'A board pack is issued' },
  { value: 'import.finished', label: 'An import is written' },
];
const HOOKS_KEY = ['firm', 'webhooks'] as const;
const STATUS_COLORS: Record<string, string> = { delivered: 'teal', pending: 'yellow', failed: 'red' };

function Deliveries({ hook }: { hook: Webhook }) {
  const deliveries = useQuery({
    queryKey: [...HOOKS_KEY, hook.id, 'deliveries'],
    queryFn: async ({ signal }) => (await call(triad.GET('/api/firm/webhooks/{webhookId}/deliveries', { params: { path: { webhookId: hook.id }, query: { limit: 50 } }, signal }))).deliveries,
    refetchInterval: (q) => (q.state.data?.some((d) => d.status === 'pending') ? 3000 : false),
  });
  if (!deliveries.data) return null;
  return deliveries.data.length === 0 ? (
    <Text size="sm" c="dimmed">
      No deliveries yet.
    </Text>
  ) : (
    <TriadTable
      records={deliveries.data}
      idAccessor="id"
      aria-label={`Deliveries to ${hook.url}`}
      exportAs={`Webhook deliveries ${hook.url}`}
      columns={[
        { accessor: 'createdAt', title: 'When', render: (d) => formatDateTime(d.createdAt) },
        { accessor: 'event', title: 'Event' },
        { accessor: 'status', title: 'Delivery', render: (d) => <Badge color={STATUS_COLORS[d.status]} variant="light">{d.status}</Badge> },
        { accessor: 'attempts', title: 'Attempts', textAlign: 'right' },
        { accessor: 'lastStatus', title: 'Answer', render: (d) => d.lastError ?? (d.lastStatus ? String(d.lastStatus) : '—') },
        { accessor: 'nextAttemptAt', title: 'Next attempt', render: (d) => (d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—') },
      ]}
    />
  );
}

export function WebhooksPage() {
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: HOOKS_KEY, queryFn: async ({ signal }) => (await call(triad.GET('/api/firm/webhooks', { signal }))).webhooks });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<Event[]>(['escalation', 'acceptance.requested']);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<void>): Promise<void> => {
    setError(null);
    try {
      await fn();
      await queryClient.invalidateQueries({ queryKey: HOOKS_KEY });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <PageHeader title="Webhooks" description="Tell the firm's other tools when something happens in Triad: each event is a JSON POST signed with the webhook's secret (HMAC-SHA256 over the timestamp and the body), retried with backoff until the receiver answers 2xx." />
      <Stack gap="lg">
        <Card withBorder padding="lg" component="section" aria-label="Add a webhook">
          <Stack gap="sm">
            <Title order={2} fz="h4">
              Add a webhook
            </Title>
            <TextInput label="Address" placeholder="https://automation.example.com/hooks/triad" value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
            <MultiSelect label="Events" data={EVENTS} value={events} onChange={setEvents} />
            <Group>
              <Button
                leftSection={<IconWebhook size={16} />}
                onClick={() =>
                  void run(async () => {
                    const r = await call(triad.POST('/api/firm/webhooks', { body: { url, events } }));
                    setSecret(r.secret);
                    setUrl('');
                  })
                }
              >
                Add
              </Button>
            </Group>
            {secret ? (
              <Alert color="teal" title="The signing secret (shown once)" role="status">
                <Code>{secret}</Code>
                <Text size="xs" mt={4}>
                  Check each delivery&rsquo;s Triad-Signature header, t=&lt;seconds&gt;,v1=&lt;hex HMAC-SHA256 of &quot;t.body&quot;&gt;, with it (docs/api.md).
                </Text>
              </Alert>
            ) : null}
            {error ? <ErrorAlert error={error} /> : null}
          </Stack>
        </Card>
        {hooks.data && hooks.data.length === 0 ? <EmptyState icon={<IconWebhook size={24} />} title="No webhooks" description="Add one to tell another tool about escalations, acceptances, board packs and imports." /> : null}
        {hooks.data?.map((h) => (
          <Card key={h.id} withBorder padding="lg" component="section" aria-label={`Webhook ${h.url}`}>
            <Stack gap="sm">
              <Group justify="space-between">
                <Stack gap={2}>
                  <Text fw={600}>{h.url}</Text>
                  <Text size="xs" c="dimmed">
                    {h.events.join(', ')} · added by {h.createdBy}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Switch label="Active" checked={h.active} onChange={(e) => void run(async () => void (await call(triad.PATCH('/api/firm/webhooks/{webhookId}', { params: { path: { webhookId: h.id } }, body: { active: e.currentTarget.checked } }))))} />
                  <Button size="xs" variant="default" leftSection={<IconSend size={14} />} onClick={() => void run(async () => void (await call(triad.POST('/api/firm/webhooks/{webhookId}/ping', { params: { path: { webhookId: h.id } } }))))}>
                    Send a test
                  </Button>
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove ${h.url}`} onClick={() => void run(async () => void (await call(triad.DELETE('/api/firm/webhooks/{webhookId}', { params: { path: { webhookId: h.id } } }))))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Group>
              <Deliveries hook={h} />
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}

export default WebhooksPage;
