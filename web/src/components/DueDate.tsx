import { Text, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from './format';

/**
 * A date something is due, marked when it has passed: "Passed 3 Oct 2026" in red, as the board
 * pack prints it. `overdue` from the server wins; otherwise it is compared with today.
 */
export function DueDate({ date, overdue, prefix, ...props }: { date: string | null | undefined; overdue?: boolean; prefix?: string } & Omit<TextProps, 'children'>) {
  const { t } = useTranslation();
  if (!date) {
    return (
      <Text span c="dimmed" {...props}>
        —
      </Text>
    );
  }
  const passed = overdue ?? date.slice(0, 10) < new Date().toISOString().slice(0, 10);
  return (
    <Text span c={passed ? 'red.7' : undefined} fw={passed ? 600 : undefined} style={{ whiteSpace: 'nowrap' }} {...props}>
      {passed ? t('ui.passed') : (prefix ?? t('ui.due'))} {formatDate(date)}
    </Text>
  );
}
