import { Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../api/types';
import { Money } from '../../components/Money';
import { usePortfolioRisk } from './api';
import { AppetiteBadge } from './ui';

function useRow(client: Client) {
  const q = usePortfolioRisk();
  return { loading: q.isPending, row: q.data?.find((r) => r.clientId === client.id) ?? null };
}

export function ExpectedLossCell({ client }: { client: Client }) {
  const { loading, row } = useRow(client);
  if (loading) return <Skeleton height={14} width={60} ml="auto" />;
  if (!row || row.mean === null) return <Text size="sm" c="dimmed">—</Text>;
  return <Money amount={row.mean} currency={row.currency} compact size="sm" />;
}

export function P90Cell({ client }: { client: Client }) {
  const { loading, row } = useRow(client);
  if (loading) return <Skeleton height={14} width={60} ml="auto" />;
  if (!row || row.p90 === null) return <Text size="sm" c="dimmed">—</Text>;
  return <Money amount={row.p90} currency={row.currency} compact size="sm" />;
}

export function AppetiteCell({ client }: { client: Client }) {
  const { loading, row } = useRow(client);
  if (loading) return <Skeleton height={14} width={80} />;
  if (!row) return <Text size="sm" c="dimmed">—</Text>;
  return <AppetiteBadge defined={row.appetiteDefined} breached={row.aboveAppetite} />;
}

/** Expected annual loss, and under it the 1-in-10-year loss: one column, two figures. */
export function AnnualLossCell({ client }: { client: Client }) {
  const { t } = useTranslation('risks');
  const { loading, row } = useRow(client);
  if (loading) return <Skeleton height={14} width={60} ml="auto" />;
  if (!row || row.mean === null) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <div>
      <Money amount={row.mean} currency={row.currency} compact size="sm" fw={600} />
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('home.oneInTen')} <Money amount={row.p90} currency={row.currency} compact size="xs" c="dimmed" />
      </Text>
    </div>
  );
}
