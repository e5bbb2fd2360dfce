import { Alert, Anchor, Badge, Button, Card, Group, Modal, Radio, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
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
import { DecisionStatusBadge, StanceBadge } from './ui';

function PositionCard({ position, decision }: { position: PositionOut; decision: DecisionOut }) {
  const preferred = decision.options.find((o) => o.id === position.preferredOptionId);
  return (
    <Card withBorder component="section" aria-label={`${position.seat} position`}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Title order={3} fz="h4">
          {position.seat}
        </Title>
        <StanceBadge stance={position.stance} />
      </Group>
      <Text size="sm" c="dimmed">
        {position.holder ? position.holder.name : 'Seat vacant'}
      </Text>
      {position.rationale ? (
        <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {position.rationale}
        </Text>
      ) : null}
      {preferred ? (
        <Text size="xs" mt="xs">
          Prefers: {preferred.title}
        </Text>
      ) : null}
      {position.recordedAt ? (
        <Text size="xs" c="dimmed" mt="xs">
          {position.onBehalf ? `Recorded for them by ${position.recordedBy?.name ?? 'an advisor'}` : 'Recorded'} {formatDateTime(position.recordedAt)}
        </Text>
      ) : null}
    </Card>
  );
}

function PositionForm({ decision }: { decision: DecisionOut }) {
  const { clientId, client } = useCurrentClient();
  const seats = decision.can.recordPositionFor;
  const form = useForm({ initialValues: { seat: seats[0] as string, stance: '', rationale: '', preferredOptionId: '' }, validate: { stance: (v) => (v ? null : 'Choose a position'), rationale: (v) => (v.trim() ? null : 'Say why') } });
  const record = useApiMutation({
    mutationFn: (v: typeof form.values) =>
      api.put<DecisionOut>(govPath(clientId, `/decisions/${decision.id}/positions/${v.seat}`), { stance: v.stance, rationale: v.rationale, preferredOptionId: v.preferredOptionId || null }),
    success: (d) => (d.awaitingExecutive && !decision.awaitingExecutive ? `Position recorded. The seats disagree: the decision goes to the executives of ${client.name}.` : 'Position recorded.'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: () => form.reset(),
  });
  const holder = decision.positions.find((p) => p.seat === form.values.seat)?.holder;
  return (
    <Card withBorder component="section" aria-label="Record a position">
      <Title order={2} fz="h4" mb="sm">
        Record a position
      </Title>
      <form onSubmit={form.onSubmit((v) => record.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {record.isError ? <ErrorAlert error={record.error} /> : null}
          {seats.length > 1 ? <Select label="For the seat" data={seats} allowDeselect={false} {...form.getInputProps('seat')} /> : <Text size="sm">For the {seats[0]} seat{holder ? ` (${holder.name})` : ''}</Text>}
          <Radio.Group label="Position" required {...form.getInputProps('stance')}>
            <Group mt="xs">
              <Radio value="supports" label="Supports" />
              <Radio value="opposes" label="Opposes" />
              <Radio value="abstains" label="Abstains" />
            </Group>
          </Radio.Group>
          <Textarea label="Rationale" required autosize minRows={2} {...form.getInputProps('rationale')} />
          {decision.options.length > 0 ? (
            <Select label="Preferred option" clearable data={decision.options.map((o) => ({ value: o.id, label: o.title }))} {...form.getInputProps('preferredOptionId')} />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={record.isPending}>
              Record position
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function DecideForm({ decision }: { decision: DecisionOut }) {
  const { clientId, client } = useCurrentClient();
  const form = useForm({ initialValues: { outcome: '', chosenOptionId: '', revisitOn: '' }, validate: { outcome: (v) => (v.trim() ? null : 'Write the decision') } });
  const decide = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<DecisionOut>(govPath(clientId, `/decisions/${decision.id}/decide`), { outcome: v.outcome, chosenOptionId: v.chosenOptionId || null, revisitOn: v.revisitOn || null }),
    success: 'The decision was recorded.',
    notifyError: false,
    invalidate: govInvalidate(clientId),
  });
  return (
    <Card withBorder component="section" aria-label="Decide">
      <Title order={2} fz="h4" mb="sm">
        {decision.escalated ? `Decide for ${client.name}` : 'Decide'}
      </Title>
      <form onSubmit={form.onSubmit((v) => decide.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {decide.isError ? <ErrorAlert error={decide.error} /> : null}
          <Textarea label="Decision" required autosize minRows={2} {...form.getInputProps('outcome')} />
          {decision.options.length > 0 ? <Select label="Chosen option" clearable data={decision.options.map((o) => ({ value: o.id, label: o.title }))} {...form.getInputProps('chosenOptionId')} /> : null}
          <TextInput type="date" label="Revisit on" w={220} {...form.getInputProps('revisitOn')} />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconGavel size={16} />} loading={decide.isPending}>
              Record the decision
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function WithdrawButton({ decision }: { decision: DecisionOut }) {
  const { clientId } = useCurrentClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useApiMutation({
    mutationFn: () => api.post<DecisionOut>(govPath(clientId, `/decisions/${decision.id}/withdraw`), { reason }),
    success: 'The decision was withdrawn.',
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: () => setOpen(false),
  });
  return (
    <>
      <Button variant="subtle" color="gray" onClick={() => setOpen(true)}>
        Withdraw
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Withdraw this decision">
        <Stack gap="sm">
          {withdraw.isError ? <ErrorAlert error={withdraw.error} /> : null}
          <Textarea label="Why" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button color="red" disabled={!reason.trim()} loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              Withdraw
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** One decision: the proposal and options, every seat's position side by side, and what the caller may do. */
export function DecisionPage() {
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
          <IconArrowLeft size={14} /> Decisions
        </Group>
      </Anchor>
      <PageHeader
        eyebrow={`${client.name} · Decision`}
        title={d.title}
        documentTitle={`${d.title} · ${client.name}`}
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
          <Alert color={d.awaitingExecutive ? 'red' : 'gray'} icon={<IconAlertTriangle size={18} />} title={d.awaitingExecutive ? 'Escalated: awaiting an executive' : 'Escalated to the executives'}>
            {d.escalationReason} {d.awaitingExecutive ? `Only an executive of ${client.name} can decide it; it is listed among the decisions for the board.` : ''}
          </Alert>
        ) : null}
        {d.status !== 'open' ? (
          <Card withBorder component="section" aria-label="Outcome">
            <Title order={2} fz="h4" mb="xs">
              {d.status === 'decided' ? 'Decided' : 'Withdrawn'}
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{d.outcome}</Text>
            {chosen ? <Text size="sm" mt="xs">Chosen option: {chosen.title}</Text> : null}
            <Text size="sm" c="dimmed" mt="xs">
              By {d.decidedBy?.name} ({d.decidedBy?.role}), {formatDateTime(d.decidedAt)}
              {d.revisitOn ? ` · revisit on ${formatDate(d.revisitOn)}` : ''}
            </Text>
          </Card>
        ) : null}
        <Card withBorder component="section" aria-label="Proposal">
          <Title order={2} fz="h4" mb="xs">
            Proposal
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{d.proposal}</Text>
          {d.context ? (
            <Text size="sm" c="dimmed" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.context}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" mt="sm">
            Opened by {d.raisedBy?.name ?? 'unknown'} {formatDateTime(d.createdAt)}
            {d.decideBy ? ` · to decide by ${formatDate(d.decideBy)}` : ''}
          </Text>
        </Card>
        {d.options.length > 0 ? (
          <Table withTableBorder verticalSpacing="sm" aria-label="Options">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Option</Table.Th>
                <Table.Th ta="right">Cost</Table.Th>
                <Table.Th>Effect on risk</Table.Th>
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
                      {o.proposed ? <Badge size="xs">proposed</Badge> : null}
                      {o.id === d.chosenOptionId ? <Badge size="xs" color="teal">chosen</Badge> : null}
                      {o.links.filter((l) => l.kind === 'risk').map((l) => (
                        <Anchor key={l.id} component={Link} to={href(`risks/${l.id}`)} size="xs">
                          risk scenario
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
            Positions
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

