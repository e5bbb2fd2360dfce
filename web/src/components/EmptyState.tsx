import { EmptyState as MantineEmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** What the user can do about it (e.g. an "Add …" button). */
  action?: ReactNode;
  /** Draws a dashed frame; off inside tables and cards that frame it already. */
  framed?: boolean;
}

/** Nothing here yet: says why, and what to do next. */
export function EmptyState({ icon, title, description, action, framed = true }: EmptyStateProps) {
  const body = (
    <MantineEmptyState icon={icon} title={title} description={description} variant="light" color="triad" size="sm">
      {action ? <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions> : null}
    </MantineEmptyState>
  );
  if (!framed) return body;
  return (
    <Paper withBorder p="xl" style={{ borderStyle: 'dashed' }} bg="gray.0">
      {body}
    </Paper>
  );
}
