import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface NextPageButtonProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  /** Rows shown, and how many there are when the list said (total=true). */
  shown?: number;
  total?: number | null;
  /** What the rows are: "decisions", "notifications". */
  noun?: string;
}

/** Below a list read a page at a time: how many are shown, and a button for the next page. */
export function NextPageButton({ hasNextPage, isFetchingNextPage, fetchNextPage, shown, total, noun }: NextPageButtonProps) {
  const { t } = useTranslation();
  if (!hasNextPage && (shown === undefined || total === undefined || total === null)) return null;
  return (
    <Group justify="center" gap="md" mt="xs">
      {shown !== undefined && total !== undefined && total !== null ? (
        <Text size="sm" c="dimmed">
          {t('ui.shownOf', { shown, total, noun: noun ?? t('ui.rows') })}
        </Text>
      ) : null}
      {hasNextPage ? (
        <Button variant="default" size="xs" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {t('ui.loadMore')}
        </Button>
      ) : null}
    </Group>
  );
}
