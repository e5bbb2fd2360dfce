import { Text, Tooltip, type TextProps } from '@mantine/core';
import { formatMoney as formatMoneyEn } from '@shared/money';
import { useTranslation } from 'react-i18next';
import { isGerman } from './format';

const german = new Map<string, Intl.NumberFormat>();

/**
 * An amount as the server's reports print it (src/shared/money.ts) in English; for a German
 * reader the same rounding in German notation (`86.000 $`, compact `86 Mio. $`).
 */
export function formatMoney(amount: number, currency: string, options: { compact?: boolean } = {}): string {
  if (!isGerman()) return formatMoneyEn(amount, currency, options);
  // German compact notation has no short form for thousands: below a million, whole units.
  const compact = options.compact === true && Math.abs(amount) >= 1_000_000;
  const key = `${currency}:${compact ? 'c' : 's'}`;
  let f = german.get(key);
  if (!f) {
    f = new Intl.NumberFormat('de-DE', { style: 'currency', currency, maximumFractionDigits: compact ? 1 : 0, minimumFractionDigits: 0, notation: compact ? 'compact' : 'standard' });
    german.set(key, f);
  }
  return f.format(amount);
}

export interface MoneyProps extends Omit<TextProps, 'children'> {
  /** In major units of `currency`, as the API sends money. */
  amount: number | null | undefined;
  /** ISO 4217 code of the client's currency. */
  currency: string;
  /** `$9.2M` instead of `$9,200,000`; the full amount shows on hover. */
  compact?: boolean;
}

/** An amount of money, formatted the same way as the server's reports (src/shared/money.ts). */
export function Money({ amount, currency, compact = false, ...textProps }: MoneyProps) {
  // Follows a change of language.
  useTranslation();
  if (amount === null || amount === undefined || Number.isNaN(amount)) {
    return (
      <Text span c="dimmed" {...textProps}>
        —
      </Text>
    );
  }
  const text = (
    <Text span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} {...textProps}>
      {formatMoney(amount, currency, { compact })}
    </Text>
  );
  return compact ? <Tooltip label={formatMoney(amount, currency)}>{text}</Tooltip> : text;
}
