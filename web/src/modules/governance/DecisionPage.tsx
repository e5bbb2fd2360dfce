import { Alert, Anchor, Badge, Button, Card, Group, Modal, Radio, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconArrowLeft, IconGavel } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DecisionOut, PositionOut } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../components/format';
import { Money } from '../../components/Money';
import { HistoryLink } from '../../components/HistoryLink';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath, useDecision } from './api';
import { DecisionStatusBadge, roleLabel, StanceBadge } from './ui';

function PositionCard({ position, decision }: { position: PositionOut; decision: DecisionOut }) {
  const { t } = useTranslation('governance');
  const preferred = decision.options.find((o) => o.id === position.preferredOptionId);
  return (
    <Card withBorder component="section" aria-label={t('decision.positionCard', { seat: position.seat })}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Title order={3} fz="h4">
          {position.seat}
        </Title>
        <StanceBadge stance={position.stance} />
      </Group>
      <Text size="sm" c="dimmed">
        {position.holder ? position.holder.name : t('decision.seatVacant')}
      </Text>
      {position.rationale ? (
        <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {position.rationale}
        </Text>
      ) : null}
      {preferred ? (
        <Text size="xs" mt="xs">
          {t('decision.prefers', { option: preferred.title })}
        </Text>
      ) : null}
      {position.recordedAt ? (
        <Text size="xs" c="dimmed" mt="xs">
          {position.onBehalf ? t('decision.recordedFor', { name: position.recordedBy?.name ?? t('decision.anAdvisor'), when: formatDateTime(position.recordedAt) }) : t('decision.recorded', { when: formatDateTime(position.recordedAt) })}
        </Text>
      ) : null}
    </Card>
  );
}

function PositionForm({ decision }: { decision: DecisionOut }) {
  const { t } = useTranslation('governance');
  const { clientId, client } = useCurrentClient();
  const seats = decision.can.recordPositionFor;
  const form = useForm({ initialValues: { seat: seats[0] as string, stance: '', rationale: '', preferredOptionId: '' }, validate: { stance: (v) => (v ? null : t('decision.choosePosition')), rationale: (v) => (v.trim() ? null : t('decision.sayWhy')) } });
  const record = useApiMutation({
    mutationFn: (v: typeof form.values) =>
      api.put<DecisionOut>(govPath(clientId, `/decisions/${decision.id}/positions/${v.seat}`), { stance: v.stance, rationale: v.rationale, preferredOptionId: v.preferredOptionId || null }),
    success: (d) => (d.awaitingExecutive && !decision.awaitingExecutive ? t('decision.positionRecordedEscalated', { client: client.name }) : t('decision.positionRecorded')),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: () => form.reset(),
  });
  const holder = decision.positions.find((p) => p.seat === form.values.seat)?.holder;
  return (
    <Card withBorder component="section" aria-label={t('decision.recordPosition')}>
      <Title order={2} fz="h4" mb="sm">
        {t('decision.recordPosition')}
      </Title>
      <form onSubmit={form.onSubmit((v) => record.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {record.isError ? <ErrorAlert error={record.error} /> : null}
          {seats.length > 1 ? <Select label={t('decision.forTheSeat')} data={seats} allowDeselect={false} {...form.getInputProps('seat')} /> : <Text size="sm">{holder ? t('decision.forSeatHolder', { seat: seats[0], holder: holder.name }) : t('decision.forSeat', { seat: seats[0] })}</Text>}
          <Radio.Group label={t('decision.position')} required {...form.getInputProps('stance')}>
            <Group mt="xs">
              <Radio value="supports" label={t('decision.supports')} />
              <Radio value="opposes" label={t('decision.opposes')} />
              <Radio value="abstains" label={t('decision.abstains')} />
            </Group>
          </Radio.Group>
          <Textarea label={t('decision.rationale')} required autosize minRows={2} {...form.getInputProps('rationale')} />
          {decision.options.length > 0 ? (
            <Select label={t('decision.preferredOption')} clearable data={decision.options.map((o) => ({ value: o.id, label: o.title }))} {...form.getInputProps('preferredOptionId')} />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={record.isPending}>
              {t('decision.recordPositionButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function DecideForm({ decision }: { decision: DecisionOut }) {
  const { t } = useTranslation('governance');
  const { clientId, client } = useCurrentClient();
  const form = useForm({ initialValues: { outcome: '', chosenOptionId: '', revisitOn: '' }, validate: { outcome: (v) => (v.trim() ? null : t('decision.writeDecision')) } });
  const decide = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<DecisionOut>(govPath(clientId, `/decisions/${decision.id}/decide`), { outcome: v.outcome, chosenOptionId: v.chosenOptionId || null, revisitOn: v.revisitOn || null }),
    success: t('decision.decidedToast'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
  });
  return (
    <Card withBorder component="section" aria-label={t('decision.decide')}>
      <Title order={2} fz="h4" mb="sm">
        {decision.escalated ? t('decision.decideFor', { client: client.name }) : t('decision.decide')}
      </Title>
      <form onSubmit={form.onSubmit((v) => decide.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {decide.isError ? <ErrorAlert error={decide.error} /> : null}
          <Textarea label={t('decision.decision')} required autosize minRows={2} {...form.getInputProps('outcome')} />
          {decision.options.length > 0 ? <Select label={t('decision.chosenOption')} clearable data={decision.options.map((o) => ({ value: o.id, label: o.title }))} {...form.getInputProps('chosenOptionId')} /> : null}
          <TextInput type="date" label={t('decision.revisitOn')} w={220} {...form.getInputProps('revisitOn')} />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconGavel size={16} />} loading={decide.isPending}>
              {t('decision.recordDecision')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function WithdrawButton({ decision }: { decision: DecisionOut }) {
  const { t } = useTranslation('governance');
  const { clientId } = useCurrentClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useApiMutation({
    mutationFn: () => api.post<DecisionOut>(govPath(clientId, `/decisions/${decision.id}/withdraw`), { reason }),
    success: t('decision.withdrawn'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: () => setOpen(false),
  });
  return (
    <>
      <Button variant="subtle" color="gray" onClick={() => setOpen(true)}>
        {t('withdraw')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('decision.withdrawTitle')}>
        <Stack gap="sm">
          {withdraw.isError ? <ErrorAlert error={withdraw.error} /> : null}
          <Textarea label={t('decision.why')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button color="red" disabled={!reason.trim()} loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t('withdraw')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** One decision: the proposal and options, every seat's position side by side, and what the caller may do. */
export function DecisionPage() {
  const { t } = useTranslation('governance');
  const { decisionId = '' } = useParams();
  const { client, clientId, href } = useCurrentClient();
  const query = useDecision(clientId, decisionId);
  if (query.isPending) return <Skeleton height={300} />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const d = query.data;
  const chosen = d.options.find((o) => o.id === d.chosenOptionId);
  return (
    <>
      <Anchor component={Link} to={href('governance/decisions')} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> {t('decision.back')}
        </Group>
      </Anchor>
      <PageHeader
        eyebrow={t('decision.eyebrow', { client: client.name })}
        title={d.title}
        documentTitle={t('decision.documentTitle', { title: d.title, client: client.name })}
        actions={
          <Group gap="sm">
            <DecisionStatusBadge decision={d} />
            {d.can.withdraw ? <WithdrawButton decision={d} /> : null}
            <HistoryLink entityType="decision" entityId={d.id} />
          </Group>
        }
      />
      <Stack gap="lg">
        {d.escalated ? (
          <Alert color={d.awaitingExecutive ? 'red' : 'gray'} icon={<IconAlertTriangle size={18} />} title={d.awaitingExecutive ? t('decision.escalatedAwaiting') : t('decision.escalated')}>
            {d.escalationReason} {d.awaitingExecutive ? t('decision.onlyExecutive', { client: client.name }) : ''}
          </Alert>
        ) : null}
        {d.status !== 'open' ? (
          <Card withBorder component="section" aria-label={t('decision.outcome')}>
            <Title order={2} fz="h4" mb="xs">
              {d.status === 'decided' ? t('decision.decided') : t('decision.withdrawnTitle')}
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{d.outcome}</Text>
            {chosen ? <Text size="sm" mt="xs">{t('decision.chosenOptionText', { option: chosen.title })}</Text> : null}
            <Text size="sm" c="dimmed" mt="xs">
              {t('decision.decidedBy', { name: d.decidedBy?.name, role: roleLabel(t, d.decidedBy?.role), when: formatDateTime(d.decidedAt) })}
              {d.revisitOn ? t('decision.revisitOnText', { date: formatDate(d.revisitOn) }) : ''}
            </Text>
          </Card>
        ) : null}
        <Card withBorder component="section" aria-label={t('decision.proposal')}>
          <Title order={2} fz="h4" mb="xs">
            {t('decision.proposal')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{d.proposal}</Text>
          {d.context ? (
            <Text size="sm" c="dimmed" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.context}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" mt="sm">
            {t('decision.openedBy', { name: d.raisedBy?.name ?? t('unknown'), when: formatDateTime(d.createdAt) })}
            {d.decideBy ? t('decision.decideByText', { date: formatDate(d.decideBy) }) : ''}
          </Text>
        </Card>
        {d.options.length > 0 ? (
          <Table withTableBorder verticalSpacing="sm" aria-label={t('decision.options')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('decision.column.option')}</Table.Th>
                <Table.Th ta="right">{t('decision.column.cost')}</Table.Th>
                <Table.Th>{t('decision.column.effect')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.options.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {o.title}
                      </Text>
                      {o.proposed ? <Badge size="xs">{t('decision.proposed')}</Badge> : null}
                      {o.id === d.chosenOptionId ? <Badge size="xs" color="teal">{t('decision.chosen')}</Badge> : null}
                      {o.links.filter((l) => l.kind === 'risk').map((l) => (
                        <Anchor key={l.id} component={Link} to={href(`risks/${l.id}`)} size="xs">
                          {t('decision.riskScenario')}
                        </Anchor>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money amount={o.cost} currency={client.currency} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{o.riskEffect ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        <div>
          <Title order={2} fz="h3" mb="sm">
            {t('decision.positions')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: d.positions.length }} spacing="md">
            {d.positions.map((p) => (
              <PositionCard key={p.seat} position={p} decision={d} />
            ))}
          </SimpleGrid>
        </div>
        {d.can.recordPositionFor.length > 0 ? <PositionForm key={d.updatedAt} decision={d} /> : null}
        {d.can.decide ? <DecideForm decision={d} /> : null}
      </Stack>
    </>
  );
}

