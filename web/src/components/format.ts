import dayjs from 'dayjs';
import 'dayjs/locale/de';
import relativeTime from 'dayjs/plugin/relativeTime';
import i18n from '../i18n';

dayjs.extend(relativeTime);

/**
 * Dates and numbers follow the language in use: English as before (`26 Nov 2026`, `1,234`),
 * German as a German reader writes them (`26. Nov. 2026`, `1.234`).
 */
export function isGerman(): boolean {
  return i18n.resolvedLanguage === 'de';
}

/** The Intl locale of the language in use. */
export function numberLocale(): string {
  return isGerman() ? 'de-DE' : 'en-US';
}

const day = (iso: string) => dayjs(iso).locale(isGerman() ? 'de' : 'en');

/** `26 Nov 2026, 14:05` in the viewer's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? day(iso).format(isGerman() ? 'D. MMM YYYY, HH:mm' : 'D MMM YYYY, HH:mm') : '—';
}

/** `26 Nov 2026`. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? day(iso).format(isGerman() ? 'D. MMM YYYY' : 'D MMM YYYY') : '—';
}

/** `3 days ago`, `in 2 months`. */
export function fromNow(iso: string | null | undefined): string {
  return iso ? day(iso).fromNow() : '—';
}

/** `1,234`. */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(numberLocale()).format(n);
}

/** "Sam Okafor <sam@x>" → { name: 'Sam Okafor', email: 'sam@x' }; a system label stays a name. */
export function parseActor(label: string): { name: string; email: string | null } {
  const m = /^(.*?)\s*<([^>]+)>$/.exec(label);
  return m ? { name: m[1] || m[2]!, email: m[2]! } : { name: label, email: null };
}
