import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { useDecisions } from './api';
import { DecisionStatusBadge, StanceBadge } from './ui';

/** The decision records: open ones first, those awaiting an executive at the top (of those loaded; older ones a page at a time). */
export function DecisionsPage() {
  const { t } = useTranslation('governance');
  const { clientId, can, href } = useCurrentClient();
  const navigate = useNavigate();
  const decisions = useDecisions(clientId);
  const mayEdit = can('governance.edit');
  if (decisions.isError) return <ErrorAlert error={decisions.error} />;
  const order = (d: { awaitingExecutive: boolean; status: string }) => (d.awaitingExecutive ? 0 : d.status === 'open' ? 1 : 2);
  const rows = [...decisions.rows].sort((a, b) => order(a) - order(b));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('decisions.intro')}
        </Text>
        {mayEdit ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate(href('governance/decisions/new'))}>
            {t('decisions.new')}
          </Button>
        ) : null}
      </Group>
      <TriadTable
        records={rows}
        fetching={decisions.isPending}
        idAccessor="id"
        noRecordsText={t('decisions.none')}
        aria-label={t('decisions.table')} exportAs={t('decisions.table')} columnsKey="governance.decisions"
        columns={[
          {
            accessor: 'title',
            title: t('decisions.column.decision'),
            render: (d) => (
              <Anchor component={Link} to={href(`governance/decisions/${d.id}`)} fw={600} size="sm">
                {d.title}
              </Anchor>
            ),
          },
          {
            accessor: 'positions',
            title: t('decisions.column.positions'),
            render: (d) => (
              <Group gap={6}>
                {d.positions.map((p) => (
                  <Group key={p.seat} gap={4} wrap="nowrap">
                    <Badge variant="default" size="sm">
                      {p.seat}
                    </Badge>
                    <StanceBadge stance={p.stance} />
                  </Group>
                ))}
              </Group>
            ),
          },
          { accessor: 'status', title: t('decisions.column.status'), render: (d) => <DecisionStatusBadge decision={d} /> },
          { accessor: 'decideBy', title: t('decisions.column.decideBy'), render: (d) => formatDate(d.status === 'open' ? d.decideBy : d.revisitOn) },
        ]}
      />
      <LoadMore list={decisions} noun={t('decisions.noun')} />
    </Stack>
  );
}
