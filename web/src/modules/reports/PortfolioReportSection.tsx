/**
 * The firm's portfolio report on the portfolio page (advisors and firm admins): every client
 * the user may see, side by side, with the PDF and HTML export.
 */
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import type { PortfolioRow } from '@schema/reports';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber } from '../../components/format';
import { Money } from '../../components/Money';
import type { ExportColumn } from '../../components/TableExport';
import { TableSkeleton } from '../../components/Skeletons';
import { usePortfolioReport } from './api';

const APPETITE_COLOR: Record<PortfolioRow['appetite'], string> = { within: 'teal', above: 'red', 'not-set': 'gray', unknown: 'gray' };

const count = (n: number | null) => (n === null ? '—' : formatNumber(n));

/** The export keeps one column a figure, as the table had before it paired the acceptances. */
const exportColumns = (t: TFunction<'reports'>): ExportColumn<PortfolioRow>[] => [
  { title: t('portfolio.column.client'), value: (r) => r.name },
  { title: t('portfolio.column.currency'), value: (r) => r.currency },
  { title: t('portfolio.column.expectedLoss'), value: (r) => r.expectedLoss },
  { title: t('portfolio.column.appetite'), value: (r) => t(`portfolio.appetite.${r.appetite}`) },
  { title: t('portfolio.column.escalations'), value: (r) => r.openEscalations },
  { title: t('portfolio.column.toApprove'), value: (r) => r.acceptancesAwaitingApproval },
  { title: t('portfolio.column.expiring'), value: (r) => r.expiringAcceptances },
  { title: t('portfolio.column.renewals'), value: (r) => r.renewals },
  { title: t('portfolio.column.variance'), value: (r) => r.budgetVariance },
  { title: t('portfolio.column.initiatives'), value: (r) => r.initiativesDue },
  { title: t('portfolio.column.lastPack'), value: (r) => r.lastIssuedQuarter ?? t('portfolio.nonePack') },
];

export function PortfolioReportSection() {
  const { t } = useTranslation('reports');
  const report = usePortfolioReport(true);
  const navigate = useNavigate();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="portfolio-report">
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Title order={2} fz="h3" id="portfolio-report">
            {t('portfolio.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {report.data ? t('portfolio.leadBy', { date: formatDate(report.data.window.to) }) : t('portfolio.lead')}
          </Text>
        </div>
        <Group gap="sm">
          <Button variant="default" component="a" href="/api/reports/portfolio.pdf?download=1" leftSection={<IconDownload size={16} />}>
            {t('portfolio.downloadPdf')}
          </Button>
          <Button variant="default" component="a" href="/api/reports/portfolio.html" target="_blank" rel="noopener" leftSection={<IconExternalLink size={16} />}>
            {t('portfolio.openHtml')}
          </Button>
        </Group>
      </Group>
      {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? <TableSkeleton rows={3} /> : null}
      {report.isSuccess ? (
        <Stack gap="xs">
          {/* Rows open the client's board pack; the clients table above links to each workspace. */}
          <TriadTable<PortfolioRow>
            aria-label={t('portfolio.title')} exportAs={t('portfolio.title')}
            records={report.data.rows}
            idAccessor="clientId"
            onRowClick={({ record }) => void navigate(`/clients/${encodeURIComponent(record.clientId)}/board-pack`)}
            noRecordsText={t('portfolio.none')}
            exportColumns={exportColumns(t)}
            columns={[
              {
                accessor: 'name',
                title: t('portfolio.column.client'),
                render: (r) => (
                  <Text fw={600} size="sm">
                    {r.name}
                  </Text>
                ),
              },
              { accessor: 'expectedLoss', title: t('portfolio.column.expectedLoss'), textAlign: 'right', render: (r) => <Money amount={r.expectedLoss} currency={r.currency} size="sm" /> },
              { accessor: 'appetite', title: t('portfolio.column.appetite'), render: (r) => <Badge variant="light" color={APPETITE_COLOR[r.appetite]}>{t(`portfolio.appetite.${r.appetite}`)}</Badge> },
              { accessor: 'openEscalations', title: t('portfolio.column.escalations'), textAlign: 'right', render: (r) => count(r.openEscalations) },
              {
                // Both counts of risk acceptances in one cell, one a line: to approve, then expiring.
                accessor: 'acceptances',
                title: t('portfolio.column.acceptances'),
                textAlign: 'right',
                render: (r) => (
                  <div>
                    <Text size="sm">{t('portfolio.toApprove', { n: count(r.acceptancesAwaitingApproval) })}</Text>
                    <Text size="sm">{t('portfolio.expiring', { n: count(r.expiringAcceptances) })}</Text>
                  </div>
                ),
              },
              { accessor: 'renewals', title: t('portfolio.column.renewals'), textAlign: 'right', render: (r) => count(r.renewals) },
              { accessor: 'budgetVariance', title: t('portfolio.column.variance'), textAlign: 'right', render: (r) => (r.budgetVariance === null ? '—' : <Money amount={r.budgetVariance} currency={r.currency} size="sm" />) },
              { accessor: 'initiativesDue', title: t('portfolio.column.initiatives'), textAlign: 'right', render: (r) => count(r.initiativesDue) },
              { accessor: 'lastIssuedQuarter', title: t('portfolio.column.lastPack'), render: (r) => r.lastIssuedQuarter ?? t('portfolio.nonePack') },
            ]}
          />
          {report.data.totals.length > 0 ? (
            <Text size="xs" c="dimmed">
              {t('portfolio.total')}{' '}
              {report.data.totals.map((x, i) => (
                <span key={x.currency}>
                  {i > 0 ? ', ' : ''}
                  <Money amount={x.expectedLoss} currency={x.currency} size="xs" /> {t('portfolio.clients', { count: x.clients })}
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
