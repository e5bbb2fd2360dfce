import { Button, Group, Text } from '@mantine/core';
import type { PagedList } from '../api/paged';
import { formatNumber } from './format';

/** Under a paged table: how many rows it shows of how many, and the button that reads the next page. */
export function LoadMore({ list, noun }: { list: PagedList<unknown>; noun: string }) {
  if (list.records.length === 0) return null;
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {list.total !== null && list.total > list.records.length
          ? `Showing ${formatNumber(list.records.length)} of ${formatNumber(list.total)} ${noun}`
          : `${formatNumber(list.records.length)} ${noun}`}
      </Text>
      {list.hasMore ? (
        <Button variant="default" onClick={list.loadMore} loading={list.loadingMore}>
          Load more
        </Button>
      ) : null}
    </Group>
  );
}
