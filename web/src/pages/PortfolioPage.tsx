import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconChevronRight, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useClients } from '../api/hooks';
import type { Client } from '../api/types';
import { TriadTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatNumber } from '../components/format';
import { Money, formatMoney } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { MemberRoleBadge } from '../components/Roles';
import { TableSkeleton } from '../components/Skeletons';
import { useSession } from '../layout/session';
import { portfolioColumns } from '../modules/registry';
import { NewClientModal } from './NewClientModal';
import { ImportClientModal } from './ImportClientModal';

// The firm's portfolio report (advisors and firm admins), from the reports module.
const PortfolioReportSection = lazy(() => import('../modules/reports/PortfolioReportSection'));

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card padding="md">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fz={24} fw={650} mt={4} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Card>
  );
}

/** The platform's columns, then those the modules add (expected loss, appetite status, …). */
function useColumns(): DataTableColumn<Client>[] {
  return useMemo(
    () => [
      {
        accessor: 'name',
        title: 'Client',
        render: (c) => (
          <Anchor component={Link} to={`/clients/${encodeURIComponent(c.id)}`} fw={600} onClick={(e) => e.stopPropagation()}>
            {c.name}
          </Anchor>
        ),
      },
      { accessor: 'sector', title: 'Sector', render: (c) => <Text size="sm" c="dimmed">{c.sector}</Text> },
      { accessor: 'employees', title: 'Employees', textAlign: 'right', render: (c) => formatNumber(c.employees) },
      { accessor: 'annualRevenue', title: 'Annual revenue', textAlign: 'right', render: (c) => <Money amount={c.annualRevenue} currency={c.currency} compact size="sm" /> },
      { accessor: 'role', title: 'Your role', render: (c) => <MemberRoleBadge role={c.role} /> },
      ...portfolioColumns().map<DataTableColumn<Client>>((col) => ({
        accessor: col.id,
        title: col.title,
        textAlign: col.textAlign ?? 'left',
        ...(col.width !== undefined ? { width: col.width } : {}),
        render: (c) => col.render(c),
      })),
      { accessor: 'open', title: '', width: 40, render: () => <IconChevronRight size={16} color="var(--mantine-color-gray-5)" aria-hidden="true" /> },
    ],
    [],
  );
}

/** The firm's portfolio: every client the user works with, in one table. */
export function PortfolioPage() {
  const { firm, user } = useSession();
  const clients = useClients();
  const navigate = useNavigate();
  const columns = useColumns();
  const [search, setSearch] = useState('');
  const [adding, { open, close }] = useDisclosure(false);
  const [importing, importModal] = useDisclosure(false);
  const canAdd = user.firmRole === 'admin' || user.firmRole === 'advisor';

  const list = useMemo(() => clients.data ?? [], [clients.data]);
  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? list.filter((c) => c.name.toLowerCase().includes(q) || c.sector.toLowerCase().includes(q)) : list;
  }, [list, search]);
  const currencies = new Set(list.map((c) => c.currency));
  const totalRevenue = list.reduce((sum, c) => sum + c.annualRevenue, 0);

  return (
    <>
      <PageHeader
        eyebrow={firm.name}
        title="Portfolio"
        description={user.firmRole === 'member' ? 'The companies you take part in.' : 'The client companies you serve, at a glance. Open one to work in its workspace.'}
        actions={
          canAdd ? (
            <Group gap="sm">
              {user.firmRole === 'admin' ? (
                <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importModal.open}>
                  Import client
                </Button>
              ) : null}
              <Button leftSection={<IconPlus size={16} />} onClick={open}>
                Add client
              </Button>
            </Group>
          ) : null
        }
      />
      {clients.isError ? <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} /> : null}
      {clients.isPending ? <TableSkeleton rows={4} /> : null}
      {clients.isSuccess && list.length === 0 ? (
        <EmptyState
          icon={<IconBuildingSkyscraper size={24} />}
          title="No clients yet"
          description={canAdd ? 'Add the first client company to start its workspace.' : 'When an advisor adds you to a client company, it appears here.'}
          action={canAdd ? <Button onClick={open}>Add client</Button> : undefined}
        />
      ) : null}
      {clients.isSuccess && list.length > 0 ? (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
            <Stat label="Clients" value={formatNumber(list.length)} />
            <Stat label="Employees" value={formatNumber(list.reduce((sum, c) => sum + c.employees, 0))} />
            <Stat label="Combined revenue" value={currencies.size === 1 ? formatMoney(totalRevenue, [...currencies][0]!, { compact: true }) : 'Several currencies'} />
          </SimpleGrid>
          <Group justify="space-between">
            <TextInput
              aria-label="Search clients"
              placeholder="Search by name or sector"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={{ base: '100%', sm: 320 }}
            />
            <Text size="sm" c="dimmed">
              {filtered.length === list.length ? `${list.length} ${list.length === 1 ? 'client' : 'clients'}` : `${filtered.length} of ${list.length}`}
            </Text>
          </Group>
          <TriadTable<Client>
            aria-label="Clients"
            records={filtered}
            idAccessor="id"
            columns={columns}
            noRecordsText="No client matches your search"
            onRowClick={({ record }) => void navigate(`/clients/${encodeURIComponent(record.id)}`)}
          />
          {canAdd ? (
            <Suspense fallback={null}>
              <PortfolioReportSection />
            </Suspense>
          ) : null}
        </Stack>
      ) : null}
      <NewClientModal opened={adding} onClose={close} />
      <ImportClientModal opened={importing} onClose={importModal.close} />
    </>
  );
}

export default PortfolioPage;
