import { Card, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AppetiteStatus, PortfolioOut } from '@schema/risks';
import { formatMoney } from '../../components/Money';
import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import { AppetiteBadge } from './ui';

function Figure({ label, hint, children }: { label: string; hint: string; children: ReactNode }) {
  return (
    <Card padding="md">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fz={24} fw={650} mt={4} component="div" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Text>
      <Text size="xs" c="dimmed" mt={2}>
        {hint}
      </Text>
    </Card>
  );
}

/** The portfolio in four figures: expected annual loss, 1-in-10 and 1-in-100 year losses, appetite. */
export function PortfolioSummary({ portfolio, appetite, currency }: { portfolio: PortfolioOut | null; appetite: AppetiteStatus; currency: string }) {
  const { t } = useTranslation('risks');
  const c = portfolio?.current;
  const kept = portfolio?.retained ?? null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: kept ? 5 : 4 }} spacing="md">
      <Figure label={kept ? t('summary.expectedBefore') : t('summary.expected')} hint={portfolio?.residual ? t('summary.scenariosResidual', { count: portfolio.scenarioCount }) : t('summary.scenarios', { count: portfolio?.scenarioCount ?? 0 })}>
        <Money amount={c?.mean} currency={currency} compact fz={24} fw={650} />
      </Figure>
      {kept && portfolio?.insurance ? (
        <Figure label={t('summary.kept')} hint={t('summary.keptHint', { premium: formatMoney(portfolio.insurance.premium, currency, { compact: true }), recovery: formatMoney(portfolio.insurance.expectedRecovery, currency, { compact: true }) })}>
          <Money amount={kept.mean} currency={currency} compact fz={24} fw={650} />
        </Figure>
      ) : null}
      <Figure label={t('summary.p90')} hint={t('summary.p90Hint')}>
        <Money amount={c?.p90} currency={currency} compact fz={24} fw={650} />
      </Figure>
      <Figure label={t('summary.p99')} hint={t('summary.p99Hint')}>
        <Money amount={c?.p99} currency={currency} compact fz={24} fw={650} />
      </Figure>
      <Figure label={t('summary.appetite')} hint={appetite.defined ? t('summary.appetiteHint') : t('summary.appetiteUnset')}>
        <AppetiteBadge defined={appetite.defined} breached={appetite.breached} settled={appetite.settled} />
      </Figure>
    </SimpleGrid>
  );
}
