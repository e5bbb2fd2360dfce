import { Card, Group, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import i18n from '../i18n';

/** Loading placeholder for a page: header, then a block of rows. */
export function PageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Stack gap="md" aria-busy="true" aria-label={i18n.t('ui.loading')}>
      <Skeleton height={14} width={120} />
      <Skeleton height={28} width="40%" />
      <Skeleton height={14} width="60%" mb="md" />
      <TableSkeleton rows={rows} />
    </Stack>
  );
}

/** Loading placeholder shaped like a table. */
export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Stack gap={10} aria-busy="true">
      <Skeleton height={36} />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={28} opacity={1 - i * 0.1} />
      ))}
    </Stack>
  );
}

/** Loading placeholder shaped like a grid of cards. */
export function CardGridSkeleton({ cards = 3 }: { cards?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy="true">
      {Array.from({ length: cards }, (_, i) => (
        <Card key={i}>
          <Group mb="sm">
            <Skeleton height={32} circle />
            <Skeleton height={16} width="50%" />
          </Group>
          <Skeleton height={12} mb={8} />
          <Skeleton height={12} width="70%" />
        </Card>
      ))}
    </SimpleGrid>
  );
}
