import { Alert, Anchor, Button, Card, Group, Modal, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AcceptanceOut } from '@schema/governance';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../components/format';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath, useAcceptance } from './api';
import { AcceptanceStatusBadge, AUTHORITY_LABELS } from './ui';

type Action = 'approve' | 'reject' | 'withdraw';
const ACTION_LABELS: Record<Action, string> = { approve: 'Approve', reject: 'Reject', withdraw: 'Withdraw request' };

function ActionModal({ acceptance, action, onClose }: { acceptance: AcceptanceOut; action: Action; onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const [text, setText] = useState('');
  const run = useApiMutation({
    mutationFn: () => api.post<AcceptanceOut>(govPath(clientId, `/acceptances/${acceptance.id}/${action}`), action === 'approve' ? { note: text || null } : { reason: text }),
    success: action === 'approve' ? 'The acceptance was approved; the risk is accepted.' : action === 'reject' ? 'The acceptance was rejected.' : 'The request was withdrawn.',
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={`${ACTION_LABELS[action]}: ${acceptance.title}`}>
      <Stack gap="sm">
        {run.isError ? <ErrorAlert error={run.error} /> : null}
        {action === 'approve' ? (
          <Text size="sm">
            You accept {acceptance.risks.length > 1 ? 'these risks' : 'this risk'} for {acceptance.daysLeft} days, until {formatDate(acceptance.expiresOn)}, as it stands now.
          </Text>
        ) : null}
        {action !== 'withdraw' ? (
          <Text size="sm" c="dimmed">
            {acceptance.authorityReason}
          </Text>
        ) : null}
        <Textarea label={action === 'approve' ? 'Note (optional)' : 'Reason'} required={action !== 'approve'} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={action === 'approve' ? undefined : 'red'} disabled={action !== 'approve' && !text.trim()} loading={run.isPending} onClick={() => run.mutate()}>
            {ACTION_LABELS[action]}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One acceptance: the justification, the authority it needs, the risk as it stood, and its expiry. */
export function AcceptancePage() {
  const { acceptanceId = '' } = useParams();
  const { client, clientId, href } = useCurrentClient();
  const query = useAcceptance(clientId, acceptanceId);
  const [action, setAction] = useState<Action | null>(null);
  if (query.isPending) return <Skeleton height={300} />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const a = query.data;
  return (
    <>
      <Anchor component={Link} to={href('governance/acceptances')} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Risk acceptances
        </Group>
      </Anchor>
      <PageHeader
        eyebrow={`${client.name} · Risk acceptance`}
        title={a.title}
        documentTitle={`${a.title} · ${client.name}`}
        actions={
          <Group gap="sm">
            <AcceptanceStatusBadge acceptance={a} />
            {a.can.approve ? <Button onClick={() => setAction('approve')}>{a.reapprovalRequired ? 'Re-approve' : 'Approve'}</Button> : null}
            {a.can.reject ? (
              <Button variant="default" color="red" onClick={() => setAction('reject')}>
                Reject
              </Button>
            ) : null}
            {a.can.withdraw ? (
              <Button variant="subtle" color="gray" onClick={() => setAction('withdraw')}>
                Withdraw
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        {a.reapprovalRequired ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The risk changed: re-approval needed">
            {a.reapprovalReason}
          </Alert>
        ) : null}
        {a.status === 'requested' || a.reapprovalRequired ? (
          <Alert color={a.awaitingBoard ? 'orange' : 'blue'} title={`Who approves it: ${AUTHORITY_LABELS[a.requiredAuthority].toLowerCase()}`} aria-label="Why this authority">
            {a.authorityReason} Never the person who asked.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card withBorder component="section" aria-label="Request">
            <Title order={2} fz="h4" mb="xs">
              Request
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{a.justification}</Text>
            <Text size="sm" c="dimmed" mt="sm">
              Asked by {a.requestedBy.name} ({a.requestedBy.role}), {formatDateTime(a.requestedAt)}
            </Text>
            {a.approvedBy ? (
              <Text size="sm" c="dimmed">
                Approved by {a.approvedBy.name} ({a.approvedBy.role}), {formatDateTime(a.approvedAt)}
              </Text>
            ) : null}
            {a.closedBy ? (
              <Text size="sm" c="dimmed">
                Closed by {a.closedBy.name}, {formatDateTime(a.closedAt)}
              </Text>
            ) : null}
            {a.note ? <Text size="sm" mt="xs">“{a.note}”</Text> : null}
          </Card>
          <Card withBorder component="section" aria-label="Authority and expiry">
            <Title order={2} fz="h4" mb="xs">
              Authority and expiry
            </Title>
            <Text size="sm">{a.appetite.explanation}</Text>
            {!a.appetite.settled ? (
              <Text size="sm" mt="xs" c="orange">
                The simulated years cannot settle whether the register is within the appetite.
              </Text>
            ) : null}
            <Text size="sm" mt="xs">
              Approver: {AUTHORITY_LABELS[a.requiredAuthority]}
            </Text>
            <Text size="sm" mt="xs" fw={600}>
              {a.status === 'expired' ? `Expired on ${formatDate(a.expiresOn)}; the risk reopened.` : `Expires on ${formatDate(a.expiresOn)}${a.status === 'approved' ? `, in ${a.daysLeft} days` : ''}.`}
            </Text>
          </Card>
        </SimpleGrid>
        <Table withTableBorder verticalSpacing="sm" aria-label="Accepted risks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Risk scenario</Table.Th>
              <Table.Th ta="right">Expected annual loss, as accepted</Table.Th>
              <Table.Th ta="right">1-in-10-year loss</Table.Th>
              <Table.Th ta="right">Change since</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.risks.map((r) => (
              <Table.Tr key={r.riskId}>
                <Table.Td>
                  <Anchor component={Link} to={href(`risks/${r.riskId}`)} size="sm">
                    {r.title}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  <Money amount={r.frozenMean} currency={client.currency} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Money amount={r.frozenP90} currency={client.currency} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c={r.changePercent && r.changePercent > 0 ? 'red' : undefined}>
                    {r.changePercent === null ? '—' : `${r.changePercent > 0 ? '+' : ''}${r.changePercent} %`}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {action ? <ActionModal acceptance={a} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
