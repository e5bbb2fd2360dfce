import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PagedList } from '../api/paged';
import { formatNumber } from './format';

/** Under a paged table: how many rows it shows of how many, and the button that reads the next page. */
export function LoadMore({ list, noun }: { list: PagedList<unknown>; noun: string }) {
  const { t } = useTranslation();
  if (list.records.length === 0) return null;
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {list.total !== null && list.total > list.records.length
          ? t('ui.showingOf', { shown: formatNumber(list.records.length), total: formatNumber(list.total), noun })
          : t('ui.shown', { shown: formatNumber(list.records.length), noun })}
      </Text>
      {list.hasMore ? (
        <Button variant="default" onClick={list.loadMore} loading={list.loadingMore}>
          {t('ui.loadMore')}
        </Button>
      ) : null}
    </Group>
  );
}
