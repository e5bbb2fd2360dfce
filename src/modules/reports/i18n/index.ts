/**
 * The board pack's languages through i18next: one instance for the server, with the frame's
 * words by key and the content's labels by their English phrase. A pack is made in one
 * language (its content says which) and printed in it.
 */
import i18next, { type TFunction } from 'i18next';
import type { ReportLanguage } from '../schema.js';
import { CHART_DE, FRAME_DE, LABELS_DE, VALUES_DE } from './de.js';
import { FRAME_EN, type FrameKey } from './en.js';
import { SENTENCES_EN, type SentenceKey } from './sentences-en.js';
import { SENTENCES_DE } from './sentences-de.js';
import { reportDate } from '../../../shared/reports/words.js';
import { count, money, pct, roughly, signedPct, type NumberLocale } from '../text.js';
import { numberFormat } from '../../../shared/money.js';
import { percent } from '../../../shared/risks/verdict.js';

const i18n = i18next.createInstance();
void i18n.init({
  resources: {
    en: { frame: { ...FRAME_EN, ...SENTENCES_EN }, labels: {}, values: {}, chart: {} },
    de: { frame: { ...FRAME_DE, ...SENTENCES_DE }, labels: LABELS_DE, values: VALUES_DE, chart: CHART_DE },
  },
  fallbackLng: 'en',
  ns: ['frame', 'labels', 'values', 'chart'],
  defaultNS: 'frame',
  // Keys are flat ('cover.eyebrow') or English phrases that may hold dots and colons.
  keySeparator: false,
  nsSeparator: false,
  // The renderers escape (HTML) or print (PDF) the text themselves.
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  initAsync: false,
});

/** A sentence's key: `decisions.wait` for `decisions.wait_one`/`_other` (chosen by `count`). */
type Plain<K extends string> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;
export type PackKey = FrameKey | Plain<SentenceKey>;

export interface PackWords {
  language: ReportLanguage;
  /** The number formats' locale (en-US, de-DE). */
  locale: NumberLocale;
  /**
   * The frame's words and the content's sentences. With `count`, the plural form (`_one`,
   * `_other`) for it; the sentences print a formatted count as `n`.
   */
  t: (key: PackKey, values?: Record<string, string | number>) => string;
  /** `{{n}}` for a count: the count formatted, with `count` to choose the plural form. */
  n: (n: number, values?: Record<string, string | number>) => Record<string, string | number>;
  /** A content label (heading, column head, figure name) in the pack's language (itself when no translation is known). */
  label: (english: string) => string;
  /** A status or stance word of a table cell or figure, likewise. */
  value: (english: string) => string;
  /** A chart's legend or axis name, likewise. */
  chart: (english: string) => string;
  /** `26 Nov 2026` / `26. Nov. 2026` (`-` for none). */
  date: (isoDateOrTimestamp: string | null | undefined) => string;
  /** `Nov 2026` / `Nov. 2026`: the month of a date. */
  month: (isoDateOrTimestamp: string) => string;
  /** Whole money in the client's currency: `$1,234,567` / `1.234.567 $`. */
  money: (amount: number, currency: string) => string;
  /** Money for sentences: `$303K` / `303.000 $`, `$9.25M` / `9,25 Mio. $`. */
  roughly: (amount: number, currency: string) => string;
  /** A probability: `14%` / `14 %`. */
  pct: (p: number) => string;
  /** A probability with its decimals, as the risk engine's verdicts print it: `3.1 %` / `3,1 %`. */
  share: (p: number) => string;
  /** A change in percent with its sign: `+12%` / `+12 %`. */
  signedPct: (x: number) => string;
  /** A count: `1,234` / `1.234`. */
  count: (n: number) => string;
  /** A number with a fixed count of decimals: `2.5` / `2,5`. */
  fixed: (x: number, digits: number) => string;
  /** "a, b and c" / "a, b und c". */
  and: (items: string[]) => string;
}

const LOCALES: Record<ReportLanguage, NumberLocale> = { en: 'en-US', de: 'de-DE' };

export function packWords(language: ReportLanguage = 'en'): PackWords {
  const frame: TFunction = i18n.getFixedT(language, 'frame');
  const by = (ns: string): ((english: string) => string) => {
    const t: TFunction = i18n.getFixedT(language, ns);
    return (english) => (english ? t(english, { defaultValue: english }) : english);
  };
  const locale = LOCALES[language];
  const t = (key: PackKey, values?: Record<string, string | number>): string => frame(key, values ?? {});
  const fixed = (x: number, digits: number): string => (language === 'en' ? x.toFixed(digits) : numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }, locale).format(x));
  return {
    language,
    locale,
    t,
    n: (n, values) => ({ ...values, count: n, n: count(n, locale) }),
    label: by('labels'),
    value: by('values'),
    chart: by('chart'),
    date: (d) =>
      language === 'en' || !d ? reportDate(d) : new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d.slice(0, 10)}T00:00:00Z`)),
    month: (d) =>
      language === 'en' ? reportDate(d).replace(/^\d+ /, '') : new Intl.DateTimeFormat('de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d.slice(0, 10)}T00:00:00Z`)),
    money: (amount, currency) => money(amount, currency, { locale }),
    roughly: (amount, currency) => roughly(amount, currency, locale),
    pct: (p) => pct(p, locale),
    share: (p) => {
      if (language === 'en') return percent(p);
      const v = 100 * p;
      return `${fixed(v, v !== 0 && v < 1 ? 2 : 1)} %`;
    },
    signedPct: (x) => signedPct(x, locale),
    count: (n) => count(n, locale),
    fixed,
    and: (items) => (items.length <= 1 ? items.join('') : t('words.and', { list: items.slice(0, -1).join(', '), last: items[items.length - 1]! })),
  };
}
