import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentClient } from '../../layout/client-context';
import { useSummary } from './api';
import { SeverityBadge } from './ui';

/** The client home page's governance card: the checks, and what waits for whom. */
export default function GovernanceHomeCard() {
  const { clientId, href } = useCurrentClient();
  const summary = useSummary(clientId);
  if (summary.isPending) return <Skeleton height={96} />;
  if (summary.isError) return <Text size="sm" c="dimmed">Governance could not be loaded.</Text>;
  const s = summary.data;
  const high = s.checks.filter((c) => c.severity === 'high');
  return (
    <Stack gap="sm">
      <Group gap={6}>
        {s.seats.map((seat) => (
          <Badge key={seat.seat} variant="light" color={seat.holder ? 'triad' : 'red'} tt="none">
            {seat.seat}: {seat.holder ? seat.holder.name : 'vacant'}
          </Badge>
        ))}
      </Group>
      {s.awaitingExecutive > 0 ? (
        <Anchor component={Link} to={href('governance/decisions')} size="sm" c="red" fw={600}>
          {s.awaitingExecutive} decision{s.awaitingExecutive > 1 ? 's' : ''} awaiting an executive
        </Anchor>
      ) : null}
      {s.acceptancesAwaitingApproval > 0 ? (
        <Anchor component={Link} to={href('governance/acceptances')} size="sm">
          {s.acceptancesAwaitingApproval} risk acceptance{s.acceptancesAwaitingApproval > 1 ? 's' : ''} awaiting approval
        </Anchor>
      ) : null}
      {s.acceptancesExpiringSoon > 0 ? (
        <Text size="sm">
          {s.acceptancesExpiringSoon} accepted risk{s.acceptancesExpiringSoon > 1 ? 's' : ''} expiring soon
        </Text>
      ) : null}
      {s.checks.length === 0 ? (
        <Group gap={6}>
          <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />
          <Text size="sm">No governance findings.</Text>
        </Group>
      ) : (
        <Stack gap={4} aria-label="Governance checks">
          {(high.length > 0 ? high : s.checks).slice(0, 3).map((c) => (
            <Group key={c.id} gap={6} wrap="nowrap">
              <SeverityBadge severity={c.severity} />
              <Text size="sm" lineClamp={1}>
                {c.title}
              </Text>
            </Group>
          ))}
          {s.checks.length > 3 ? (
            <Text size="xs" c="dimmed">
              and {s.checks.length - 3} more
            </Text>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
