import { Card, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AppetiteStatus, PortfolioOut } from '@schema/risks';
import { formatMoney } from '@shared/money';
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
  const c = portfolio?.current;
  const kept = portfolio?.retained ?? null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: kept ? 5 : 4 }} spacing="md">
      <Figure label={kept ? 'Expected annual loss, before insurance' : 'Expected annual loss'} hint={portfolio?.residual ? `${portfolio.scenarioCount} scenarios, with planned and in-place treatments` : `${portfolio?.scenarioCount ?? 0} scenarios`}>
        <Money amount={c?.mean} currency={currency} compact fz={24} fw={650} />
      </Figure>
      {kept && portfolio?.insurance ? (
        <Figure label="Kept after insurance" hint={`A year on average; premiums ${formatMoney(portfolio.insurance.premium, currency, { compact: true })} against ${formatMoney(portfolio.insurance.expectedRecovery, currency, { compact: true })} expected recovery`}>
          <Money amount={kept.mean} currency={currency} compact fz={24} fw={650} />
        </Figure>
      ) : null}
      <Figure label="1-in-10-year loss" hint="A year this bad or worse every ten years (P90)">
        <Money amount={c?.p90} currency={currency} compact fz={24} fw={650} />
      </Figure>
      <Figure label="1-in-100-year loss" hint="A year this bad or worse every hundred years (P99)">
        <Money amount={c?.p99} currency={currency} compact fz={24} fw={650} />
      </Figure>
      <Figure label="Risk appetite" hint={appetite.defined ? 'The loss exceedance curve against the tolerance curve' : 'An advisor sets it under Appetite & settings'}>
        <AppetiteBadge defined={appetite.defined} breached={appetite.breached} settled={appetite.settled} />
      </Figure>
    </SimpleGrid>
  );
}
