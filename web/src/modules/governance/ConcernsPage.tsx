import { Badge, Button, Card, Group, Modal, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConcernOut } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NextPageButton } from '../../components/NextPageButton';
import { formatDate, formatDateTime } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath, useConcerns } from './api';

const STATE_LABELS: Record<ConcernOut['state'], string> = { owed: 'Response owed', responded: 'Responded', declined: 'No comment', lapsed: 'No response given', 'no-holder': 'Seat vacant' };
const STATE_COLORS: Record<ConcernOut['state'], string> = { owed: 'orange', responded: 'teal', declined: 'gray', lapsed: 'gray', 'no-holder': 'gray' };

function RaiseModal({ onClose }: { onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { subjectType: 'finding', subjectTitle: '', seat: 'CIO', summary: '' } });
  const raise = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<ConcernOut>(govPath(clientId, '/concerns'), { ...v, subjectId: `${v.subjectType}-${Date.now().toString(36)}` }),
    success: 'The seat was told and may respond.',
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title="Show something to the seat it concerns" size="lg">
      <form onSubmit={form.onSubmit((v) => raise.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {raise.isError ? <ErrorAlert error={raise.error} /> : null}
          <Select label="What it is" data={[{ value: 'finding', label: 'A finding' }, { value: 'report-section', label: 'A report section' }]} allowDeselect={false} {...form.getInputProps('subjectType')} />
          <TextInput label="Title" required {...form.getInputProps('subjectTitle')} />
          <Select label="Whose area it concerns" data={['CIO', 'CTO', 'CISO']} allowDeselect={false} {...form.getInputProps('seat')} />
          <Textarea label="What it says about that area" required autosize minRows={3} {...form.getInputProps('summary')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={raise.isPending}>
              Ask for a response
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ConcernCard({ concern }: { concern: ConcernOut }) {
  const { clientId } = useCurrentClient();
  const [text, setText] = useState('');
  const respond = useApiMutation({
    mutationFn: (body: object) => api.post<ConcernOut>(govPath(clientId, `/concerns/${concern.id}/response`), body),
    success: 'Your response was recorded; it appears beside the item in the board pack.',
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: () => setText(''),
  });
  return (
    <Card withBorder component="article" aria-label={concern.subjectTitle}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <div>
          <Text fw={600}>{concern.subjectTitle}</Text>
          <Text size="xs" c="dimmed">
            {concern.subjectType.replace('-', ' ')} · concerns the {concern.seat} ({concern.holder?.name ?? 'vacant'}) · raised by {concern.raisedBy?.name ?? 'unknown'} {formatDateTime(concern.createdAt)}
          </Text>
        </div>
        <Badge color={STATE_COLORS[concern.state]} variant="light" style={{ flexShrink: 0 }}>
          {STATE_LABELS[concern.state]}
        </Badge>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {concern.summary}
      </Text>
      {concern.response ? (
        <Card bg="gray.0" mt="sm" p="sm">
          <Text size="xs" c="dimmed">
            {concern.seat}&rsquo;s response, {concern.respondedBy?.name}, {formatDateTime(concern.respondedAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {concern.response}
          </Text>
        </Card>
      ) : concern.state === 'owed' ? (
        <Text size="xs" c="dimmed" mt="xs">
          Response owed by {formatDate(concern.respondBy)}.
        </Text>
      ) : null}
      {concern.canRespond ? (
        <Stack gap="xs" mt="sm">
          {respond.isError ? <ErrorAlert error={respond.error} /> : null}
          <Textarea label={concern.response ? 'Revise your response' : 'Your response'} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <Group justify="flex-end" gap="xs">
            {concern.response ? null : (
              <Button variant="default" size="xs" onClick={() => respond.mutate({ noComment: true })} loading={respond.isPending}>
                No comment
              </Button>
            )}
            <Button size="xs" disabled={!text.trim()} loading={respond.isPending} onClick={() => respond.mutate({ response: text })}>
              Respond
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}

/** No blindsiding: what concerns another seat's area is shown to it first, with its response. */
export function ConcernsPage() {
  const { clientId, can } = useCurrentClient();
  const concerns = useConcerns(clientId);
  const [raising, setRaising] = useState(false);
  if (concerns.isError) return <ErrorAlert error={concerns.error} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2} fz="h3">
            No blindsiding
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            A finding, decision or report section about another seat&rsquo;s area is shown to that seat, who may respond before it goes into a board pack; the response is printed beside it.
          </Text>
        </div>
        {can('governance.concern.raise') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setRaising(true)}>
            Ask a seat to respond
          </Button>
        ) : null}
      </Group>
      {concerns.data && concerns.rows.length === 0 ? <EmptyState title="Nothing raised" description="Nothing concerning another seat's area has been raised in this client." /> : null}
      {concerns.rows.map((c) => (
        <ConcernCard key={c.id} concern={c} />
      ))}
      <NextPageButton {...concerns} shown={concerns.rows.length} total={concerns.first?.total} noun="concerns" />
      {raising ? <RaiseModal onClose={() => setRaising(false)} /> : null}
    </Stack>
  );
}
