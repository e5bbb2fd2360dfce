import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  /** One line under the title: what this page is for. */
  description?: ReactNode;
  /** Buttons at the right (the page's main actions). */
  actions?: ReactNode;
  /** A small line above the title (e.g. the client's name or a section). */
  eyebrow?: ReactNode;
  /** The browser tab's title; defaults to the title when that is text. "· Triad" is added. */
  documentTitle?: string;
}

/** The top of every page: title, one-line purpose, main actions. Sets the tab title too. */
export function PageHeader({ title, description, actions, eyebrow, documentTitle }: PageHeaderProps) {
  const tab = documentTitle ?? (typeof title === 'string' ? title : '');
  useDocumentTitle(tab ? `${tab} · Triad` : 'Triad');
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="md" wrap="wrap">
      <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
        {eyebrow ? (
          <Text size="xs" fw={600} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
            {eyebrow}
          </Text>
        ) : null}
        <Title order={1}>{title}</Title>
        {description ? (
          <Text c="dimmed" size="sm" maw={720}>
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
