import { Anchor, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { AppetiteBadge } from './ui';

/**
 * The client home page's risk card: expected annual loss, 1-in-10-year loss, appetite, top three.
 * It reads the overview (the home's risk chart reads it too: one request for both), never the
 * whole register.
 */
export default function RisksHomeCard() {
  const { t } = useTranslation('risks');
  const { clientId, href } = useCurrentClient();
  const overview = useOverview(clientId);
  if (overview.isPending) return <Skeleton height={96} />;
  if (overview.isError) return <Text size="sm" c="dimmed">{t('home.failed')}</Text>;
  const d = overview.data;
  if (!d.portfolio && d.top.length === 0 && !d.status.refreshing) return <Text size="sm" c="dimmed">{t('home.none')}</Text>;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2} spacing="xs">
        <div>
          <Text size="xs" c="dimmed">
            {t('home.expected')}
          </Text>
          <Money amount={d.portfolio?.current.mean} currency={d.currency} compact fw={650} size="lg" />
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('home.p90')}
          </Text>
          <Money amount={d.portfolio?.current.p90} currency={d.currency} compact fw={650} size="lg" />
        </div>
      </SimpleGrid>
      <Group gap="xs">
        <AppetiteBadge defined={d.appetite.defined} breached={d.appetite.breached} settled={d.appetite.settled} />
        {d.status.refreshing ? (
          <Text size="xs" c="dimmed">
            {t('home.refreshing')}
          </Text>
        ) : null}
      </Group>
      <Stack gap={2}>
        {d.top.slice(0, 3).map((s) => (
          <Group key={s.id} justify="space-between" wrap="nowrap" gap="xs">
            <Anchor component={Link} to={href(`risks/${s.id}`)} size="sm" truncate>
              {s.ref} {s.title}
            </Anchor>
            <Money amount={s.mean} currency={d.currency} compact size="sm" />
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
