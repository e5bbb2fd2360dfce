import { Badge, Group, Skeleton, Text } from '@mantine/core';
import type { AttentionList, AttentionRow } from '@schema/tasks';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Client } from '../api/types';

/** Every visible client's counts of what needs action, one request for the whole table. */
export function useAttention(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['portfolio', 'attention'],
    queryFn: async ({ signal }) => (await api.get<AttentionList>('/api/portfolio/attention', { signal })).clients,
    staleTime: 30_000,
  });
}

/** What needs action in a client, most pressing first, as short labels. */
export function attentionLabels(t: TFunction<'portfolio'>, row: AttentionRow | undefined): { label: string; color: string }[] {
  const out: { label: string; color: string }[] = [];
  // Above appetite has its own column; it still orders the table (attentionWeight).
  if (!row) return out;
  if (row.escalations > 0) out.push({ label: t('attention.escalations', { count: row.escalations }), color: 'orange' });
  if (row.overdueReviews > 0) out.push({ label: t('attention.overdueReviews', { count: row.overdueReviews }), color: 'orange' });
  if (row.renewalsThisQuarter > 0) out.push({ label: t('attention.renewals', { count: row.renewalsThisQuarter }), color: 'yellow' });
  if (row.tasks > 0) out.push({ label: t('attention.tasks', { count: row.tasks }), color: 'triad' });
  return out;
}

/**
 * A weight for ordering the portfolio: above appetite first, then escalations, overdue reviews,
 * renewals and the person's own tasks. Zero when nothing needs action.
 */
export function attentionWeight(row: AttentionRow | undefined, aboveAppetite: boolean): number {
  if (!row) return aboveAppetite ? 1_000_000 : 0;
  return (aboveAppetite ? 1_000_000 : 0) + row.escalations * 10_000 + row.overdueReviews * 1_000 + row.renewalsThisQuarter * 100 + row.tasks;
}

export function NeedsActionCell({ client }: { client: Client }) {
  const { t } = useTranslation('portfolio');
  const attention = useAttention();
  if (attention.isPending) return <Skeleton height={14} width={90} />;
  const row = attention.data?.find((r) => r.clientId === client.id);
  const labels = attentionLabels(t, row);
  if (labels.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('attention.nothing')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {labels.map((l) => (
        <Badge key={l.label} color={l.color} variant="light" tt="none" size="sm">
          {l.label}
        </Badge>
      ))}
    </Group>
  );
}
