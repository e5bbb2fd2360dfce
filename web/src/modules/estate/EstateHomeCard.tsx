import { Anchor, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../components/format';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { useEstateOverview } from './api';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={650} size="lg">
        {value}
      </Text>
    </div>
  );
}

// The links in the sentences are <anchor> in the words: Trans treats <link> as an empty HTML element.

/** The client home page's estate card: counts, renewals and end of life coming up, where restricted data lives. */
export default function EstateHomeCard() {
  const { t } = useTranslation('estate');
  const { clientId, client, href } = useCurrentClient();
  const overview = useEstateOverview(clientId);
  if (overview.isPending) return <Skeleton height={120} />;
  if (overview.isError) return <Text size="sm" c="dimmed">{t('home.failed')}</Text>;
  const o = overview.data;
  const restrictedNames = o.restricted.vendors.slice(0, 3).map((v) => v.name).join(', ') + (o.restricted.vendors.length > 3 ? '…' : '');
  const review = o.review;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={4} spacing="xs">
        <Figure label={t('home.services')} value={formatNumber(o.counts.services)} />
        <Figure label={t('home.systems')} value={formatNumber(o.counts.systems)} />
        <Figure label={t('home.vendors')} value={formatNumber(o.counts.vendors)} />
        <Figure label={t('home.dataSets')} value={formatNumber(o.counts.datasets)} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('home.andMore', { fourthParties: formatNumber(o.counts.fourthParties), grants: formatNumber(o.counts.activeGrants) })}
      </Text>
      <Text size="sm">
        <Trans
          t={t}
          i18nKey={o.lifecycle.pastEndOfLife > 0 ? 'home.endOfLifePast' : 'home.endOfLife'}
          values={{ n: formatNumber(o.lifecycle.endOfLife), days: o.lifecycle.days, past: formatNumber(o.lifecycle.pastEndOfLife) }}
          components={{ anchor: <Anchor component={Link} to={href('estate/lifecycle')} size="sm" />, money: <Money amount={o.lifecycle.replacementCost} currency={client.currency} compact size="sm" /> }}
        />
      </Text>
      <Stack gap={2}>
        <Anchor component={Link} to={href('vendors/renewals')} size="sm">
          {t('home.renewals', { n: formatNumber(o.renewals.count), days: o.renewals.days })}
        </Anchor>
        {o.renewals.next.slice(0, 3).map((r) => (
          <Group key={`${r.contractId}-${r.event}`} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="xs" truncate>
              {r.event === 'notice' ? t('home.noticeBy', { vendor: r.vendorName }) : t('home.renews', { vendor: r.vendorName })}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatDate(r.date)}
            </Text>
          </Group>
        ))}
      </Stack>
      <Text size="sm">
        <Trans
          t={t}
          i18nKey={o.restricted.vendors.length > 0 ? 'home.restrictedNamed' : 'home.restricted'}
          values={{ records: formatNumber(o.restricted.records), systems: o.restricted.systems.length, vendors: o.restricted.vendors.length, names: restrictedNames }}
          components={{ anchor: <Anchor component={Link} to={href('data/restricted')} size="sm" /> }}
        />
      </Text>
      {o.counts.flaggedGrants > 0 ? (
        <Text size="sm" c="orange.8">
          {t('home.flaggedGrants', { n: formatNumber(o.counts.flaggedGrants) })}
        </Text>
      ) : null}
      {review ? (
        <Text size="sm">
          <Trans
            t={t}
            i18nKey={review.status !== 'open' ? 'home.reviewClosed' : review.overdue ? 'home.reviewOverdue' : 'home.reviewOpen'}
            values={{ name: review.name, decided: review.progress.decided, total: review.progress.total, date: formatDate(review.dueDate) }}
            components={{ anchor: <Anchor component={Link} to={href(`data/reviews/${review.id}`)} size="sm" /> }}
          />
        </Text>
      ) : null}
    </Stack>
  );
}
