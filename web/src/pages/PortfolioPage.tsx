import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { useClients } from '../api/hooks';
import type { Client } from '../api/types';
import { TriadTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatNumber } from '../components/format';
import { formatMoney } from '../components/Money';
import { PageHeader } from '../components/PageHeader';
import { TableSkeleton } from '../components/Skeletons';
import { useSession } from '../layout/session';
import { portfolioColumns } from '../modules/registry';
import { attentionWeight, useAttention, NeedsActionCell } from './NeedsAction';
import { NewClientModal } from './NewClientModal';
import { usePortfolioRisk } from '../modules/risks/api';
import { naturalCompare } from '../components/sort';
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
  const { t } = useTranslation(['portfolio', 'translation']);
  return useMemo(
    () => [
      {
        accessor: 'name',
        title: t('column.client'),
        render: (c) => (
          <div>
            <Anchor component={Link} to={`/clients/${encodeURIComponent(c.id)}`} fw={600} onClick={(e) => e.stopPropagation()}>
              {c.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t('clientLine', { sector: c.sector, revenue: formatMoney(c.annualRevenue, c.currency, { compact: true }), role: t(`roles.member.${c.role}`, { ns: 'translation' }) })}
            </Text>
          </div>
        ),
      },
      { accessor: 'attention', title: t('column.needsAction'), render: (c) => <NeedsActionCell client={c} /> },
      ...portfolioColumns().map<DataTableColumn<Client>>((col) => ({
        accessor: col.id,
        title: t(`moduleColumn.${col.id}`, { defaultValue: col.title }),
        textAlign: col.textAlign ?? 'left',
        ...(col.width !== undefined ? { width: col.width } : {}),
        render: (c) => col.render(c),
      })),
    ],
    [t],
  );
}

/** The firm's portfolio: every client the user works with, in one table. */
export function PortfolioPage() {
  const { t } = useTranslation('portfolio');
  const { firm, user } = useSession();
  const clients = useClients();
  const navigate = useNavigate();
  const columns = useColumns();
  const [search, setSearch] = useState('');
  const [adding, { open, close }] = useDisclosure(false);
  const [importing, importModal] = useDisclosure(false);
  const canAdd = user.firmRole === 'admin' || user.firmRole === 'advisor';

  const list = useMemo(() => clients.data ?? [], [clients.data]);
  // A client user of one company is sent on to it (below): no portfolio figures to fetch.
  const landsOnClient = user.firmRole === 'member' && clients.isSuccess && list.length === 1;
  const attention = useAttention(clients.isSuccess && !landsOnClient);
  const risk = usePortfolioRisk(clients.isSuccess && !landsOnClient);
  // What needs action comes first; then by name.
  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    const shown = q ? list.filter((c) => c.name.toLowerCase().includes(q) || c.sector.toLowerCase().includes(q)) : list;
    const weight = (c: Client) => attentionWeight(attention.data?.find((r) => r.clientId === c.id), risk.data?.find((r) => r.clientId === c.id)?.aboveAppetite === true);
    return [...shown].sort((a, b) => weight(b) - weight(a) || naturalCompare(a.name, b.name));
  }, [list, search, attention.data, risk.data]);
  const currencies = new Set(list.map((c) => c.currency));
  const totalRevenue = list.reduce((sum, c) => sum + c.annualRevenue, 0);

  // A client user of one company lands on it: a one-row table is no home. Until their clients
  // are known nothing is shown, so nobody starts on a portfolio page that then jumps away.
  if (landsOnClient) return <Navigate to={`/clients/${encodeURIComponent(list[0]!.id)}`} replace />;
  if (user.firmRole === 'member' && clients.isPending) return <TableSkeleton />;

  return (
    <>
      <PageHeader
        eyebrow={firm.name}
        title={t('title')}
        description={user.firmRole === 'member' ? t('descriptionMember') : t('description')}
        actions={
          canAdd ? (
            <Group gap="sm">
              {user.firmRole === 'admin' ? (
                <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={importModal.open}>
                  {t('importClient')}
                </Button>
              ) : null}
              <Button leftSection={<IconPlus size={16} />} onClick={open}>
                {t('addClient')}
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
          title={t('emptyTitle')}
          description={canAdd ? t('emptyAdd') : t('emptyMember')}
          action={canAdd ? <Button onClick={open}>{t('addClient')}</Button> : undefined}
        />
      ) : null}
      {clients.isSuccess && list.length > 0 ? (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
            <Stat label={t('stat.clients')} value={formatNumber(list.length)} />
            <Stat label={t('stat.employees')} value={formatNumber(list.reduce((sum, c) => sum + c.employees, 0))} />
            <Stat label={t('stat.revenue')} value={currencies.size === 1 ? formatMoney(totalRevenue, [...currencies][0]!, { compact: true }) : t('stat.severalCurrencies')} />
          </SimpleGrid>
          <Group justify="space-between">
            <TextInput
              aria-label={t('search')}
              placeholder={t('searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={{ base: '100%', sm: 320 }}
            />
            <Text size="sm" c="dimmed">
              {filtered.length === list.length ? t('count', { count: list.length }) : t('countOf', { shown: filtered.length, total: list.length })}
            </Text>
          </Group>
          <TriadTable<Client>
            aria-label={t('table')}
            exportAs={t('table')}
            horizontalSpacing="sm"
            records={filtered}
            idAccessor="id"
            columns={columns}
            noRecordsText={t('noMatch')}
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
