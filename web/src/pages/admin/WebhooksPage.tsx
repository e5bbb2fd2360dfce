/** The firm's webhooks (firm admins): add one, see its delivery log, test it, pause or remove it. */
import { ActionIcon, Alert, Badge, Button, Card, Code, Group, MultiSelect, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconSend, IconTrash, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../../../clients/typescript/index';
import { call, triad } from '../../api/typed';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

type Webhook = components['schemas']['Webhook'];
type Event = Webhook['events'][number];
const EVENTS = ['escalation', 'acceptance.requested', 'acceptance.approved', 'acceptance.expired', 'pack.issued', 'import.finished'] as const satisfies readonly Event[];
const isEvent = (e: string): e is Event => (EVENTS as readonly string[]).includes(e);
const HOOKS_KEY = ['firm', 'webhooks'] as const;
const STATUS_COLORS: Record<string, string> = { delivered: 'teal', pending: 'yellow', failed: 'red' };

function Deliveries({ hook }: { hook: Webhook }) {
  const { t } = useTranslation('admin');
  const deliveries = useQuery({
    queryKey: [...HOOKS_KEY, hook.id, 'deliveries'],
    queryFn: async ({ signal }) => (await call(triad.GET('/api/firm/webhooks/{webhookId}/deliveries', { params: { path: { webhookId: hook.id }, query: { limit: 50 } }, signal }))).deliveries,
    refetchInterval: (q) => (q.state.data?.some((d) => d.status === 'pending') ? 3000 : false),
  });
  if (!deliveries.data) return null;
  return deliveries.data.length === 0 ? (
    <Text size="sm" c="dimmed">
      {t('webhooks.noDeliveries')}
    </Text>
  ) : (
    <TriadTable
      records={deliveries.data}
      idAccessor="id"
      aria-label={t('webhooks.deliveriesTo', { url: hook.url })}
      exportAs={t('webhooks.deliveriesExport', { url: hook.url })}
      columns={[
        { accessor: 'createdAt', title: t('common.when'), render: (d) => formatDateTime(d.createdAt) },
        { accessor: 'event', title: t('webhooks.event'), render: (d) => (isEvent(d.event) ? t(`webhooks.events.${d.event}`) : d.event) },
        { accessor: 'status', title: t('webhooks.deliveryColumn'), render: (d) => <Badge color={STATUS_COLORS[d.status]} variant="light">{t(`webhooks.delivery.${d.status}`)}</Badge> },
        { accessor: 'attempts', title: t('webhooks.attempts'), textAlign: 'right' },
        { accessor: 'lastStatus', title: t('webhooks.answer'), render: (d) => d.lastError ?? (d.lastStatus ? String(d.lastStatus) : '—') },
        { accessor: 'nextAttemptAt', title: t('webhooks.nextAttempt'), render: (d) => (d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—') },
      ]}
    />
  );
}

export function WebhooksPage() {
  const { t } = useTranslation('admin');
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
      <PageHeader title={t('webhooks.title')} description={t('webhooks.description')} />
      <Stack gap="lg">
        <Card withBorder padding="lg" component="section" aria-label={t('webhooks.addTitle')}>
          <Stack gap="sm">
            <Title order={2} fz="h4">
              {t('webhooks.addTitle')}
            </Title>
            <TextInput label={t('webhooks.address')} placeholder={t('webhooks.addressPlaceholder')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
            <MultiSelect label={t('webhooks.eventsLabel')} data={EVENTS.map((value) => ({ value, label: t(`webhooks.events.${value}`) }))} value={events} onChange={(v) => setEvents(EVENTS.filter((e) => v.includes(e)))} />
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
                {t('common.add')}
              </Button>
            </Group>
            {secret ? (
              <Alert color="teal" title={t('webhooks.secretTitle')} role="status">
                <Code>{secret}</Code>
                <Text size="xs" mt={4}>
                  {t('webhooks.secretHelp')}
                </Text>
              </Alert>
            ) : null}
            {error ? <ErrorAlert error={error} /> : null}
          </Stack>
        </Card>
        {hooks.data && hooks.data.length === 0 ? <EmptyState icon={<IconWebhook size={24} />} title={t('webhooks.noneTitle')} description={t('webhooks.noneDescription')} /> : null}
        {hooks.data?.map((h) => (
          <Card key={h.id} withBorder padding="lg" component="section" aria-label={t('webhooks.webhook', { url: h.url })}>
            <Stack gap="sm">
              <Group justify="space-between">
                <Stack gap={2}>
                  <Text fw={600}>{h.url}</Text>
                  <Text size="xs" c="dimmed">
                    {t('webhooks.addedBy', { events: h.events.map((e) => t(`webhooks.events.${e}`)).join(', '), by: h.createdBy })}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Switch label={t('webhooks.active')} checked={h.active} onChange={(e) => void run(async () => void (await call(triad.PATCH('/api/firm/webhooks/{webhookId}', { params: { path: { webhookId: h.id } }, body: { active: e.currentTarget.checked } }))))} />
                  <Button size="xs" variant="default" leftSection={<IconSend size={14} />} onClick={() => void run(async () => void (await call(triad.POST('/api/firm/webhooks/{webhookId}/ping', { params: { path: { webhookId: h.id } } }))))}>
                    {t('webhooks.test')}
                  </Button>
                  <ActionIcon variant="subtle" color="red" aria-label={t('webhooks.remove', { url: h.url })} onClick={() => void run(async () => void (await call(triad.DELETE('/api/firm/webhooks/{webhookId}', { params: { path: { webhookId: h.id } } }))))}>
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
