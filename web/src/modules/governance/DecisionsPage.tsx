import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NextPageButton } from '../../components/NextPageButton';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { useDecisions } from './api';
import { DecisionStatusBadge, StanceBadge } from './ui';

/** The decision records: open ones first, those awaiting an executive at the top (of those loaded; older ones a page at a time). */
export function DecisionsPage() {
  const { clientId, can, href } = useCurrentClient();
  const navigate = useNavigate();
  const decisions = useDecisions(clientId);
  if (decisions.isError) return <ErrorAlert error={decisions.error} />;
  const order = (d: { awaitingExecutive: boolean; status: string }) => (d.awaitingExecutive ? 0 : d.status === 'open' ? 1 : 2);
  const rows = [...decisions.rows].sort((a, b) => order(a) - order(b));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          Each decision asks the seats concerned for their position. When they disagree it goes to the executives, who alone can then decide it.
        </Text>
        {can('governance.edit') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate(href('governance/decisions/new'))}>
            New decision
          </Button>
        ) : null}
      </Group>
      <TriadTable
        records={rows}
        fetching={decisions.isPending}
        idAccessor="id"
        noRecordsText="No decisions recorded yet"
        aria-label="Decisions" exportAs="Decisions" columnsKey="governance.decisions"
        columns={[
          {
            accessor: 'title',
            title: 'Decision',
            render: (d) => (
              <Anchor component={Link} to={href(`governance/decisions/${d.id}`)} fw={600} size="sm">
                {d.title}
              </Anchor>
            ),
          },
          {
            accessor: 'positions',
            title: 'Positions',
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
          { accessor: 'status', title: 'Status', render: (d) => <DecisionStatusBadge decision={d} /> },
          { accessor: 'decideBy', title: 'Decide by / revisit', render: (d) => formatDate(d.status === 'open' ? d.decideBy : d.revisitOn) },
        ]}
      />
      <NextPageButton {...decisions} shown={rows.length} total={decisions.first?.total} noun="decisions" />
    </Stack>
  );
}
