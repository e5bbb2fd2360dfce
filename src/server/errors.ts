/**
 * The one error type of Triad's server. Domain functions throw it; the HTTP layer turns it into
 * `{ "error": { "code", "message", "details" } }` with the status from STATUS below.
 */
import { words, type Key, type Language, type Values } from './i18n/index.js';
import { NOUNS_DE } from './i18n/de.js';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'CSRF_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** One problem with the input: where (`body.risks[3].title`, `line 12, column Name`) and what. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** The message in the reader's language, where the server has its words (else `message`, in English). */
    readonly say?: (language: Language) => string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string): AppError =>
  new AppError('NOT_FOUND', `${what} not found`, [], (language) => words(language, 'server')('error.notFound', { what: language === 'de' && Object.hasOwn(NOUNS_DE, what) ? NOUNS_DE[what]! : what }));

/** An error of the server's own words (the `server` namespace), its message in English and said in the reader's language. */
export const sayingError = (code: ErrorCode, key: Key<'server'>, values: Values = {}, details: ErrorDetail[] = []): AppError =>
  new AppError(code, words('en', 'server')(key, values), details, (language) => words(language, 'server')(key, values));
export const forbidden = (message: string): AppError => new AppError('FORBIDDEN', message);
export const conflict = (message: string, details: ErrorDetail[] = []): AppError => new AppError('CONFLICT', message, details);
export const invalid = (message: string, details: ErrorDetail[] = []): AppError =>
  new AppError('VALIDATION_FAILED', message, details);
