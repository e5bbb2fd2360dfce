/**
 * The firm's portfolio report on the portfolio page (advisors and firm admins): every client
 * the user may see, side by side, with the PDF and HTML export.
 */
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import type { PortfolioRow } from '@schema/reports';
import { useNavigate } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber } from '../../components/format';
import { Money } from '../../components/Money';
import type { ExportColumn } from '../../components/TableExport';
import { TableSkeleton } from '../../components/Skeletons';
import { usePortfolioReport } from './api';

const APPETITE: Record<PortfolioRow['appetite'], { label: string; color: string }> = {
  within: { label: 'Within', color: 'teal' },
  above: { label: 'Above', color: 'red' },
  'not-set': { label: 'Not set', color: 'gray' },
  unknown: { label: 'Not known', color: 'gray' },
};

const count = (n: number | null) => (n === null ? '—' : formatNumber(n));

/** The export keeps one column a figure, as the table had before it paired the acceptances. */
const EXPORT_COLUMNS: ExportColumn<PortfolioRow>[] = [
  { title: 'Client', value: (r) => r.name },
  { title: 'Currency', value: (r) => r.currency },
  { title: 'Expected loss a year', value: (r) => r.expectedLoss },
  { title: 'Appetite', value: (r) => APPETITE[r.appetite].label },
  { title: 'Open escalations', value: (r) => r.openEscalations },
  { title: 'Acceptances to approve', value: (r) => r.acceptancesAwaitingApproval },
  { title: 'Acceptances expiring', value: (r) => r.expiringAcceptances },
  { title: 'Renewals', value: (r) => r.renewals },
  { title: 'Budget variance', value: (r) => r.budgetVariance },
  { title: 'Initiatives due', value: (r) => r.initiativesDue },
  { title: 'Last board pack', value: (r) => r.lastIssuedQuarter ?? 'None' },
];

export function PortfolioReportSection() {
  const report = usePortfolioReport(true);
  const navigate = useNavigate();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="portfolio-report">
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Title order={2} fz="h3" id="portfolio-report">
            Portfolio report
          </Title>
          <Text size="sm" c="dimmed">
            Your clients side by side: expected loss, appetite, escalations waiting for an executive, acceptances expiring and contracts renewing
            {report.data ? ` by ${formatDate(report.data.window.to)}` : ''}.
          </Text>
        </div>
        <Group gap="sm">
          <Button variant="default" component="a" href="/api/reports/portfolio.pdf?download=1" leftSection={<IconDownload size={16} />}>
            Download PDF
          </Button>
          <Button variant="default" component="a" href="/api/reports/portfolio.html" target="_blank" rel="noopener" leftSection={<IconExternalLink size={16} />}>
            Open HTML
          </Button>
        </Group>
      </Group>
      {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? <TableSkeleton rows={3} /> : null}
      {report.isSuccess ? (
        <Stack gap="xs">
          {/* Rows open the client's board pack; the clients table above links to each workspace. */}
          <TriadTable<PortfolioRow>
            aria-label="Portfolio report" exportAs="Portfolio report"
            records={report.data.rows}
            idAccessor="clientId"
            onRowClick={({ record }) => void navigate(`/clients/${encodeURIComponent(record.clientId)}/board-pack`)}
            noRecordsText="No clients yet"
            exportColumns={EXPORT_COLUMNS}
            columns={[
              {
                accessor: 'name',
                title: 'Client',
                render: (r) => (
                  <Text fw={600} size="sm">
                    {r.name}
                  </Text>
                ),
              },
              { accessor: 'expectedLoss', title: 'Expected loss a year', textAlign: 'right', render: (r) => <Money amount={r.expectedLoss} currency={r.currency} size="sm" /> },
              { accessor: 'appetite', title: 'Appetite', render: (r) => <Badge variant="light" color={APPETITE[r.appetite].color}>{APPETITE[r.appetite].label}</Badge> },
              { accessor: 'openEscalations', title: 'Open escalations', textAlign: 'right', render: (r) => count(r.openEscalations) },
              {
                // Both counts of risk acceptances in one cell, one a line: to approve, then expiring.
                accessor: 'acceptances',
                title: 'Acceptances',
                textAlign: 'right',
                render: (r) => (
                  <div>
                    <Text size="sm">{count(r.acceptancesAwaitingApproval)} to approve</Text>
                    <Text size="sm">{count(r.expiringAcceptances)} expiring</Text>
                  </div>
                ),
              },
              { accessor: 'renewals', title: 'Renewals', textAlign: 'right', render: (r) => count(r.renewals) },
              { accessor: 'budgetVariance', title: 'Budget variance', textAlign: 'right', render: (r) => (r.budgetVariance === null ? '—' : <Money amount={r.budgetVariance} currency={r.currency} size="sm" />) },
              { accessor: 'initiativesDue', title: 'Initiatives due', textAlign: 'right', render: (r) => count(r.initiativesDue) },
              { accessor: 'lastIssuedQuarter', title: 'Last board pack', render: (r) => r.lastIssuedQuarter ?? 'None' },
            ]}
          />
          {report.data.totals.length > 0 ? (
            <Text size="xs" c="dimmed">
              Expected annual loss across these clients:{' '}
              {report.data.totals.map((t, i) => (
                <span key={t.currency}>
                  {i > 0 ? ', ' : ''}
                  <Money amount={t.expectedLoss} currency={t.currency} size="xs" /> ({t.clients} {t.clients === 1 ? 'client' : 'clients'})
                </span>
              ))}
              .
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}

export default PortfolioReportSection;
