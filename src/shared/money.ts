/** Money helpers shared by the server and the web app. Amounts travel in major units (dollars). */

const digitsCache = new Map<string, number>();

/** Number of minor-unit digits of a currency: 2 for USD and EUR, 0 for JPY. */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

/** True for a three-letter ISO 4217 code that Intl knows. */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** Major units (1234.56) to integer minor units (123456) for storage. */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** currencyDigits(currency));
}

/** Integer minor units back to major units. */
export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number format with these options (en-US unless a locale is given), made once and kept:
 * making a formatter costs far more than formatting with it, and reports format thousands of
 * amounts.
 */
export function numberFormat(options: Intl.NumberFormatOptions, locale = 'en-US'): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** `$1,234,567` style, whole units (`1.234.567 $` in a German locale). */
export function formatMoney(amount: number, currency: string, options: { compact?: boolean; locale?: string } = {}): string {
  return numberFormat(
    {
      style: 'currency',
      currency,
      maximumFractionDigits: options.compact ? 1 : 0,
      minimumFractionDigits: 0,
      notation: options.compact ? 'compact' : 'standard',
    },
    options.locale,
  ).format(amount);
}
