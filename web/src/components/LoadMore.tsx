import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PagedList } from '../api/paged';
import { formatNumber } from './format';

export interface LoadMoreProps {
  list: Pick<PagedList<unknown>, 'records' | 'total' | 'hasMore' | 'loadMore' | 'loadingMore'>;
  /** What the rows are, in the plural: "systems", "decisions". */
  noun: string;
  /** How many rows match, when the list counts them otherwise than its pages' `total`. */
  total?: number | null;
}

/** Under a list read a page at a time: how many rows it shows of how many, and the button that reads the next page. */
export function LoadMore({ list, noun, total = list.total }: LoadMoreProps) {
  const { t } = useTranslation();
  const shown = list.records.length;
  if (shown === 0 && !list.hasMore) return null;
  return (
    <Group justify="space-between" mt="xs">
      <Text size="sm" c="dimmed">
        {total !== null && total > shown
          ? t('ui.showingOf', { shown: formatNumber(shown), total: formatNumber(total), noun })
          : t('ui.shown', { shown: formatNumber(shown), noun })}
      </Text>
      {list.hasMore ? (
        <Button variant="default" size="xs" onClick={list.loadMore} loading={list.loadingMore}>
          {t('ui.loadMore')}
        </Button>
      ) : null}
    </Group>
  );
}
