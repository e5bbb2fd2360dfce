import { Anchor, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
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

/** The client home page's estate card: counts, renewals and end of life coming up, where restricted data lives. */
export default function EstateHomeCard() {
  const { clientId, client, href } = useCurrentClient();
  const overview = useEstateOverview(clientId);
  if (overview.isPending) return <Skeleton height={120} />;
  if (overview.isError) return <Text size="sm" c="dimmed">The estate could not be loaded.</Text>;
  const o = overview.data;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={4} spacing="xs">
        <Figure label="Services" value={formatNumber(o.counts.services)} />
        <Figure label="Systems" value={formatNumber(o.counts.systems)} />
        <Figure label="Vendors" value={formatNumber(o.counts.vendors)} />
        <Figure label="Data sets" value={formatNumber(o.counts.datasets)} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        and {formatNumber(o.counts.fourthParties)} fourth parties, {formatNumber(o.counts.activeGrants)} access grants
      </Text>
      <Text size="sm">
        <Anchor component={Link} to={href('estate/lifecycle')} size="sm">
          {formatNumber(o.lifecycle.endOfLife)} reach end of life
        </Anchor>{' '}
        in {o.lifecycle.days} days (<Money amount={o.lifecycle.replacementCost} currency={client.currency} compact size="sm" /> to replace)
        {o.lifecycle.pastEndOfLife > 0 ? `, ${formatNumber(o.lifecycle.pastEndOfLife)} already past it` : ''}.
      </Text>
      <Stack gap={2}>
        <Anchor component={Link} to={href('vendors/renewals')} size="sm">
          {formatNumber(o.renewals.count)} contracts renew or need notice in {o.renewals.days} days
        </Anchor>
        {o.renewals.next.slice(0, 3).map((r) => (
          <Group key={`${r.contractId}-${r.event}`} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="xs" truncate>
              {r.vendorName}: {r.event === 'notice' ? 'notice by' : 'renews'}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatDate(r.date)}
            </Text>
          </Group>
        ))}
      </Stack>
      <Text size="sm">
        <Anchor component={Link} to={href('data/restricted')} size="sm">
          Restricted data
        </Anchor>{' '}
        ({formatNumber(o.restricted.records)} records) sits in {o.restricted.systems.length} systems and {o.restricted.vendors.length} vendors
        {o.restricted.vendors.length > 0 ? `: ${o.restricted.vendors.slice(0, 3).map((v) => v.name).join(', ')}${o.restricted.vendors.length > 3 ? '…' : ''}` : ''}.
      </Text>
      {o.counts.flaggedGrants > 0 ? (
        <Text size="sm" c="orange.8">
          {formatNumber(o.counts.flaggedGrants)} access grants have no reason or owner.
        </Text>
      ) : null}
      {o.review ? (
        <Text size="sm">
          <Anchor component={Link} to={href(`data/reviews/${o.review.id}`)} size="sm">
            {o.review.name}
          </Anchor>
          : {o.review.progress.decided} of {o.review.progress.total} decided{o.review.status === 'open' ? (o.review.overdue ? ', overdue' : `, due ${formatDate(o.review.dueDate)}`) : ', closed'}.
        </Text>
      ) : null}
    </Stack>
  );
}
