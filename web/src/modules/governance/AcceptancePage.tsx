import { Alert, Anchor, Button, Card, Group, Modal, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
import { AcceptanceStatusBadge, roleLabel } from './ui';

type Action = 'approve' | 'reject' | 'withdraw';

function ActionModal({ acceptance, action, onClose }: { acceptance: AcceptanceOut; action: Action; onClose: () => void }) {
  const { t } = useTranslation('governance');
  const { clientId } = useCurrentClient();
  const [text, setText] = useState('');
  const run = useApiMutation({
    mutationFn: () => api.post<AcceptanceOut>(govPath(clientId, `/acceptances/${acceptance.id}/${action}`), action === 'approve' ? { note: text || null } : { reason: text }),
    success: action === 'approve' ? t('acceptance.approved') : action === 'reject' ? t('acceptance.rejected') : t('acceptance.withdrawn'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('acceptance.modalTitle', { action: t(`acceptance.actions.${action}`), title: acceptance.title })}>
      <Stack gap="sm">
        {run.isError ? <ErrorAlert error={run.error} /> : null}
        {action === 'approve' ? (
          <Text size="sm">
            {acceptance.risks.length > 1 ? t('acceptance.youAcceptMany', { count: acceptance.daysLeft, date: formatDate(acceptance.expiresOn) }) : t('acceptance.youAcceptOne', { count: acceptance.daysLeft, date: formatDate(acceptance.expiresOn) })}
          </Text>
        ) : null}
        {action !== 'withdraw' ? (
          <Text size="sm" c="dimmed">
            {acceptance.authorityReason}
          </Text>
        ) : null}
        <Textarea label={action === 'approve' ? t('acceptance.note') : t('acceptance.reason')} required={action !== 'approve'} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button color={action === 'approve' ? undefined : 'red'} disabled={action !== 'approve' && !text.trim()} loading={run.isPending} onClick={() => run.mutate()}>
            {t(`acceptance.actions.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One acceptance: the justification, the authority it needs, the risk as it stood, and its expiry. */
export function AcceptancePage() {
  const { t } = useTranslation('governance');
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
          <IconArrowLeft size={14} /> {t('acceptance.back')}
        </Group>
      </Anchor>
      <PageHeader
        eyebrow={t('acceptance.eyebrow', { client: client.name })}
        title={a.title}
        documentTitle={t('decision.documentTitle', { title: a.title, client: client.name })}
        actions={
          <Group gap="sm">
            <AcceptanceStatusBadge acceptance={a} />
            {a.can.approve ? <Button onClick={() => setAction('approve')}>{a.reapprovalRequired ? t('acceptance.reapprove') : t('acceptance.approve')}</Button> : null}
            {a.can.reject ? (
              <Button variant="default" color="red" onClick={() => setAction('reject')}>
                {t('acceptance.reject')}
              </Button>
            ) : null}
            {a.can.withdraw ? (
              <Button variant="subtle" color="gray" onClick={() => setAction('withdraw')}>
                {t('acceptance.withdraw')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        {a.reapprovalRequired ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('acceptance.changed')}>
            {a.reapprovalReason}
          </Alert>
        ) : null}
        {a.status === 'requested' || a.reapprovalRequired ? (
          <Alert color={a.awaitingBoard ? 'orange' : 'blue'} title={t('acceptance.whoApprovesTitle', { authority: t(`authorityInText.${a.requiredAuthority}`) })} aria-label={t('acceptance.whyAuthority')}>
            {t('acceptance.neverAsker', { reason: a.authorityReason })}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card withBorder component="section" aria-label={t('acceptance.request')}>
            <Title order={2} fz="h4" mb="xs">
              {t('acceptance.request')}
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{a.justification}</Text>
            <Text size="sm" c="dimmed" mt="sm">
              {t('acceptance.askedBy', { name: a.requestedBy.name, role: roleLabel(t, a.requestedBy.role), when: formatDateTime(a.requestedAt) })}
            </Text>
            {a.approvedBy ? (
              <Text size="sm" c="dimmed">
                {t('acceptance.approvedBy', { name: a.approvedBy.name, role: roleLabel(t, a.approvedBy.role), when: formatDateTime(a.approvedAt) })}
              </Text>
            ) : null}
            {a.closedBy ? (
              <Text size="sm" c="dimmed">
                {t('acceptance.closedBy', { name: a.closedBy.name, when: formatDateTime(a.closedAt) })}
              </Text>
            ) : null}
            {a.note ? <Text size="sm" mt="xs">“{a.note}”</Text> : null}
          </Card>
          <Card withBorder component="section" aria-label={t('acceptance.authorityExpiry')}>
            <Title order={2} fz="h4" mb="xs">
              {t('acceptance.authorityExpiry')}
            </Title>
            <Text size="sm">{a.appetite.explanation}</Text>
            {!a.appetite.settled ? (
              <Text size="sm" mt="xs" c="orange">
                {t('acceptance.unsettled')}
              </Text>
            ) : null}
            <Text size="sm" mt="xs">
              {t('acceptance.approver', { authority: t(`authority.${a.requiredAuthority}`) })}
            </Text>
            <Text size="sm" mt="xs" fw={600}>
              {a.status === 'expired' ? t('acceptance.expiredOn', { date: formatDate(a.expiresOn) }) : a.status === 'approved' ? t('acceptance.expiresIn', { date: formatDate(a.expiresOn), count: a.daysLeft }) : t('acceptance.expiresOn', { date: formatDate(a.expiresOn) })}
            </Text>
          </Card>
        </SimpleGrid>
        <Table withTableBorder verticalSpacing="sm" aria-label={t('acceptance.risks')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('acceptance.column.scenario')}</Table.Th>
              <Table.Th ta="right">{t('acceptance.column.mean')}</Table.Th>
              <Table.Th ta="right">{t('acceptance.column.p90')}</Table.Th>
              <Table.Th ta="right">{t('acceptance.column.change')}</Table.Th>
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
