/** The portfolio table's roadmap and budget columns: one firm-wide request each for every row. */
import { Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../api/types';
import { Money } from '../../components/Money';
import { useFirmBudget } from '../budget/api';
import { useFirmDue } from './api';

export function DueThisQuarterCell({ client }: { client: Client }) {
  const { t } = useTranslation('roadmap');
  const due = useFirmDue();
  const row = due.data?.clients.find((c) => c.clientId === client.id);
  if (!due.data) return <Text span c="dimmed">…</Text>;
  if (!row) return <Text span size="sm" c="dimmed">{t('cells.none')}</Text>;
  return (
    <Tooltip label={row.due.map((d) => `${d.ref} ${d.title}`).join(' · ')} multiline maw={360}>
      <Text span size="sm">
        {row.due.length}
      </Text>
    </Tooltip>
  );
}

export function BudgetVarianceCell({ client }: { client: Client }) {
  const { t } = useTranslation('roadmap');
  const budget = useFirmBudget();
  const row = budget.data?.clients.find((c) => c.clientId === client.id);
  if (!budget.data) return <Text span c="dimmed">…</Text>;
  if (!row || row.variance === null) return <Text span size="sm" c="dimmed">{t('cells.noPlan')}</Text>;
  return <Money amount={row.variance} currency={row.currency} size="sm" c={row.variance > 0 ? 'red.8' : 'teal.8'} />;
}
