/**
 * The board pack's languages through i18next: one instance for the server, with the frame's
 * words by key and the content's labels by their English phrase. A pack is made in one
 * language (its content says which) and printed in it.
 */
import i18next, { type TFunction } from 'i18next';
import type { ReportLanguage } from '../schema.js';
import { CHART_DE, FRAME_DE, LABELS_DE, VALUES_DE } from './de.js';
import { FRAME_EN, type FrameKey } from './en.js';
import { reportDate } from '../../../shared/reports/words.js';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { frame: FRAME_EN, labels: {}, values: {}, chart: {} }, de: { frame: FRAME_DE, labels: LABELS_DE, values: VALUES_DE, chart: CHART_DE } },
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

export interface PackWords {
  language: ReportLanguage;
  /** The frame's words. */
  t: (key: FrameKey, values?: Record<string, string | number>) => string;
  /** A content label (heading, column head, figure name) in the pack's language (itself when no translation is known). */
  label: (english: string) => string;
  /** A status or stance word of a table cell or figure, likewise. */
  value: (english: string) => string;
  /** A chart's legend or axis name, likewise. */
  chart: (english: string) => string;
  /** `26 Nov 2026` / `26. Nov. 2026`. */
  date: (isoDateOrTimestamp: string) => string;
}

export function packWords(language: ReportLanguage = 'en'): PackWords {
  const frame: TFunction = i18n.getFixedT(language, 'frame');
  const by = (ns: string): ((english: string) => string) => {
    const t: TFunction = i18n.getFixedT(language, ns);
    return (english) => (english ? t(english, { defaultValue: english }) : english);
  };
  return {
    language,
    t: (key, values) => frame(key, values ?? {}),
    label: by('labels'),
    value: by('values'),
    chart: by('chart'),
    date: (d) =>
      language === 'en' ? reportDate(d) : new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d.slice(0, 10)}T00:00:00Z`)),
  };
}
