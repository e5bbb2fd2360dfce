import { Text, Tooltip, type TextProps } from '@mantine/core';
import { formatMoney } from '@shared/money';

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

/** The same formatting for places that need a string (chart labels, table exports). */
export { formatMoney };
