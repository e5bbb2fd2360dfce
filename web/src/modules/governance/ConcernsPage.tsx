import { Badge, Button, Card, Group, Modal, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConcernOut } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { formatDate, formatDateTime } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath, useConcerns } from './api';

const STATE_COLORS: Record<ConcernOut['state'], string> = { owed: 'orange', responded: 'teal', declined: 'gray', lapsed: 'gray', 'no-holder': 'gray' };

function RaiseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('governance');
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { subjectType: 'finding', subjectTitle: '', seat: 'CIO', summary: '' } });
  const raise = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<ConcernOut>(govPath(clientId, '/concerns'), { ...v, subjectId: `${v.subjectType}-${Date.now().toString(36)}` }),
    success: t('concerns.told'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('concerns.raiseTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => raise.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {raise.isError ? <ErrorAlert error={raise.error} /> : null}
          <Select label={t('concerns.whatItIs')} data={[{ value: 'finding', label: t('concerns.aFinding') }, { value: 'report-section', label: t('concerns.aReportSection') }]} allowDeselect={false} {...form.getInputProps('subjectType')} />
          <TextInput label={t('concerns.titleLabel')} required {...form.getInputProps('subjectTitle')} />
          <Select label={t('concerns.whoseArea')} data={['CIO', 'CTO', 'CISO']} allowDeselect={false} {...form.getInputProps('seat')} />
          <Textarea label={t('concerns.whatItSays')} required autosize minRows={3} {...form.getInputProps('summary')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={raise.isPending}>
              {t('concerns.ask')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ConcernCard({ concern }: { concern: ConcernOut }) {
  const { t } = useTranslation('governance');
  const { clientId } = useCurrentClient();
  const [text, setText] = useState('');
  const respond = useApiMutation({
    mutationFn: (body: object) => api.post<ConcernOut>(govPath(clientId, `/concerns/${concern.id}/response`), body),
    success: t('concerns.responded'),
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
            {t('concerns.meta', { type: concern.subjectType === 'finding' || concern.subjectType === 'report-section' ? t(`concerns.subjectType.${concern.subjectType}`) : concern.subjectType, seat: concern.seat, holder: concern.holder?.name ?? t('concerns.vacant'), by: concern.raisedBy?.name ?? t('unknown'), when: formatDateTime(concern.createdAt) })}
          </Text>
        </div>
        <Badge color={STATE_COLORS[concern.state]} variant="light" style={{ flexShrink: 0 }}>
          {t(`concerns.state.${concern.state}`)}
        </Badge>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {concern.summary}
      </Text>
      {concern.response ? (
        <Card bg="gray.0" mt="sm" p="sm">
          <Text size="xs" c="dimmed">
            {t('concerns.response', { seat: concern.seat, name: concern.respondedBy?.name, when: formatDateTime(concern.respondedAt) })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {concern.response}
          </Text>
        </Card>
      ) : concern.state === 'owed' ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('concerns.owedBy', { date: formatDate(concern.respondBy) })}
        </Text>
      ) : null}
      {concern.canRespond ? (
        <Stack gap="xs" mt="sm">
          {respond.isError ? <ErrorAlert error={respond.error} /> : null}
          <Textarea label={concern.response ? t('concerns.revise') : t('concerns.yours')} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <Group justify="flex-end" gap="xs">
            {concern.response ? null : (
              <Button variant="default" size="xs" onClick={() => respond.mutate({ noComment: true })} loading={respond.isPending}>
                {t('concerns.noComment')}
              </Button>
            )}
            <Button size="xs" disabled={!text.trim()} loading={respond.isPending} onClick={() => respond.mutate({ response: text })}>
              {t('concerns.respond')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}

/** No blindsiding: what concerns another seat's area is shown to it first, with its response. */
export function ConcernsPage() {
  const { t } = useTranslation('governance');
  const { clientId, can } = useCurrentClient();
  const concerns = useConcerns(clientId);
  const [raising, setRaising] = useState(false);
  const mayRaise = can('governance.concern.raise');
  if (concerns.isError) return <ErrorAlert error={concerns.error} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2} fz="h3">
            {t('concerns.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('concerns.intro')}
          </Text>
        </div>
        {mayRaise ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setRaising(true)}>
            {t('concerns.askSeat')}
          </Button>
        ) : null}
      </Group>
      {concerns.data && concerns.rows.length === 0 ? <EmptyState title={t('concerns.nothing')} description={t('concerns.nothingText')} /> : null}
      {concerns.rows.map((c) => (
        <ConcernCard key={c.id} concern={c} />
      ))}
      <LoadMore list={concerns} noun={t('concerns.noun')} />
      {raising ? <RaiseModal onClose={() => setRaising(false)} /> : null}
    </Stack>
  );
}
