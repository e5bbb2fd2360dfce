import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentClient } from '../../layout/client-context';
import { useSummary } from './api';
import { SeverityBadge } from './ui';

/** The client home page's governance card: the checks, and what waits for whom. */
export default function GovernanceHomeCard() {
  const { t } = useTranslation('governance');
  const { clientId, href } = useCurrentClient();
  const summary = useSummary(clientId);
  if (summary.isPending) return <Skeleton height={96} />;
  if (summary.isError) return <Text size="sm" c="dimmed">{t('home.failed')}</Text>;
  const s = summary.data;
  const high = s.checks.filter((c) => c.severity === 'high');
  return (
    <Stack gap="sm">
      <Group gap={6}>
        {s.seats.map((seat) => (
          <Badge key={seat.seat} variant="light" color={seat.holder ? 'triad' : 'red'} tt="none">
            {t('home.seat', { seat: seat.seat, holder: seat.holder ? seat.holder.name : t('home.vacant') })}
          </Badge>
        ))}
      </Group>
      {s.awaitingExecutive > 0 ? (
        <Anchor component={Link} to={href('governance/decisions')} size="sm" c="red" fw={600}>
          {t('home.awaitingExecutive', { count: s.awaitingExecutive })}
        </Anchor>
      ) : null}
      {s.acceptancesAwaitingApproval > 0 ? (
        <Anchor component={Link} to={href('governance/acceptances')} size="sm">
          {t('home.awaitingApproval', { count: s.acceptancesAwaitingApproval })}
        </Anchor>
      ) : null}
      {s.acceptancesExpiringSoon > 0 ? (
        <Text size="sm">
          {t('home.expiringSoon', { count: s.acceptancesExpiringSoon })}
        </Text>
      ) : null}
      {s.checks.length === 0 ? (
        <Group gap={6}>
          <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />
          <Text size="sm">{t('home.noFindings')}</Text>
        </Group>
      ) : (
        <Stack gap={4} aria-label={t('home.checks')}>
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
              {t('home.more', { count: s.checks.length - 3 })}
            </Text>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
