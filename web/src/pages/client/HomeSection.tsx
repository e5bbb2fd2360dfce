import { Card, Group, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** A card that is a named region ("Profile", "Waiting for you"…), for screen readers and tests alike. */
export function HomeSection({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <Card component="section" aria-labelledby={id} style={{ minWidth: 0 }}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={2} fz="h3" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}
