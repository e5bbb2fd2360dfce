import { Group, Text } from '@mantine/core';
import i18n from '../i18n';

/** Triad's mark: three seats joined in a triangle. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-triad-9)" />
      <path d="M16 7 26 24H6Z" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinejoin="round" />
      <circle cx="16" cy="7" r="2.6" fill="#fff" />
      <circle cx="26" cy="24" r="2.6" fill="#fff" />
      <circle cx="6" cy="24" r="2.6" fill="#fff" />
    </svg>
  );
}

export function Brand() {
  return (
    <Group gap={8} wrap="nowrap">
      <BrandMark />
      <Text fw={700} size="lg" c="triad.9" style={{ letterSpacing: '-0.01em' }}>
        {i18n.t('ui.brand')}
      </Text>
    </Group>
  );
}
