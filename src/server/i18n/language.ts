/**
 * The language of an answer, from the request's Accept-Language (negotiated by
 * @fastify/accept-negotiator): en or de; without the header, or with a language Triad does not
 * speak, English, so API clients and the CLI keep English.
 */
import { negotiate } from '@fastify/accept-negotiator';
import { reportDate } from '../../shared/reports/words.js';

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

declare module 'fastify' {
  interface FastifyRequest {
    /** The language the answer is written in (languageOf its Accept-Language). */
    language: Language;
  }
}

export function languageOf(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'en';
  // Triad's languages have no regions: `de-AT` asks for German (RFC 4647 lookup), with its weight.
  const ranges = value
    .split(',')
    .map((range) => range.trim().replace(/^([A-Za-z]{1,8})-[^;]*/, '$1'))
    .join(',');
  return negotiate(ranges, [...LANGUAGES]) === 'de' ? 'de' : 'en';
}

/** A date as the reader reads it: `26 Nov 2026` / `26. Nov. 2026`. */
export function dateIn(language: Language, isoDateOrTimestamp: string): string {
  if (language === 'en') return reportDate(isoDateOrTimestamp);
  return new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDateOrTimestamp.slice(0, 10)}T00:00:00Z`));
}
