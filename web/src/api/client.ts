/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the
 * CSRF header on every change, JSON in and out, and every failure turned into an ApiError.
 */
import { sayOfField } from '@shared/validation';
import { currentLanguage } from '../i18n';

export interface ErrorDetail {
  /** Where the problem is, e.g. `body.name` or `line 12, column Name`. */
  path: string;
  message: string;
}

/** A failed API call: the server's `{ error: { code, message, details } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's error code (VALIDATION_FAILED, NOT_FOUND, …), or NETWORK / BAD_RESPONSE. */
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** The message to show for any error. */
export function errorMessage(err: unknown): string {
  if (isApiError(err)) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}

export const CSRF_COOKIE = 'triad_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The CSRF token of the cookie session, from its readable companion cookie. */
export function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => {
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
};

/** What to do when a call answers 401 (the session ended): the app sends the user to sign in. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  /** Query string values; undefined and null are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  /** JSON body. */
  body?: unknown;
  /** A body sent as it is (a file: a CSV, a catalogue, evidence), with its media type, instead of JSON. */
  raw?: { body: Blob | string; contentType: string };
  /** Leave a 401 to the caller instead of sending the user to sign in (the sign-in form itself). */
  redirectOn401?: boolean;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function parseErrorBody(status: number, body: unknown, requestId: string | null): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = Array.isArray(error.details)
      ? error.details
          .filter((d): d is ErrorDetail => typeof d === 'object' && d !== null && typeof (d as ErrorDetail).message === 'string')
          .map((d) => ({ path: String(d.path ?? ''), message: d.message }))
      : [];
    return new ApiError(status, error.code, error.message, details, requestId);
  }
  return new ApiError(status, 'BAD_RESPONSE', `The server answered ${status} without an explanation.`, [], requestId);
}

/**
 * Answers the API sent with an ETag (the register, its overview), kept by address: asked again,
 * the API answers 304 without a body while the answer is the same, and the kept one is used.
 * Bounded; emptied when the person signs out (`forgetAnswers`).
 */
const kept = new Map<string, { etag: string; text: string }>();
const KEPT_CHARS = 8_000_000;
let keptChars = 0;

function keep(url: string, etag: string, text: string): void {
  const before = kept.get(url);
  if (before) keptChars -= before.text.length;
  kept.delete(url);
  if (text.length > KEPT_CHARS / 2) return;
  kept.set(url, { etag, text });
  keptChars += text.length;
  for (const [k, v] of kept) {
    if (keptChars <= KEPT_CHARS) break;
    kept.delete(k);
    keptChars -= v.text.length;
  }
}

/** Forgets the kept answers (on signing out: they are the person's). */
export function forgetAnswers(): void {
  kept.clear();
  keptChars = 0;
}

/**
 * The language the server writes its own words in (checks, reasons, validation messages): the
 * web app's, sent as Accept-Language on every call.
 */
export function apiLanguage(): string {
  return currentLanguage();
}

/** Calls the API; resolves with the parsed JSON body, rejects with an ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  // The server writes its own sentences (checks, reasons, validation messages) in this language.
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': apiLanguage() };
  const url = withQuery(path, options.query);
  const held = method === 'GET' ? kept.get(url) : undefined;
  if (held) headers['if-none-match'] = held.etag;
  if (options.raw) headers['content-type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.raw ? { body: options.raw.body } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Triad could not be reached. Check your connection and try again.');
  }
  let text = await res.text();
  if (held && res.status === 304) text = held.text;
  else if (method === 'GET') {
    const etag = res.headers.get('etag');
    if (res.ok && etag) keep(url, etag, text);
    else if (held) {
      kept.delete(url);
      keptChars -= held.text.length;
    }
  }
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = null;
    }
  }
  if (!res.ok && !(held && res.status === 304)) throw errorOf(res, body, options.redirectOn401 !== false);
  return body as T;
}

/** The ApiError of a failed answer (its parsed body); a 401 sends the person to sign in unless told not to. */
export function errorOf(res: Response, body: unknown, redirectOn401: boolean): ApiError {
  return answerError(res.status, body, res.headers.get('x-request-id'), redirectOn401);
}

/** The same for an answer read otherwise than by fetch (an upload through XMLHttpRequest, for its progress). */
export function answerError(status: number, body: unknown, requestId: string | null, redirectOn401 = true): ApiError {
  const error = parseErrorBody(status, body, requestId);
  if (status === 401 && redirectOn401) onUnauthenticated();
  return error;
}

/** Shorthands: `api.get<Me>('/api/me')`, `api.post<Client>('/api/clients', input)`. */
export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body: body ?? {} }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** `/api/clients/{clientId}{path}`, with the id escaped. */
export function clientPath(clientId: string, path = ''): string {
  return `/api/clients/${encodeURIComponent(clientId)}${path}`;
}

/** Field errors for a form, from an ApiError's details: `body.name` → `name`. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!isApiError(err)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details) {
    const key = d.path.replace(/^body\.?/, '');
    if (key && !(key in out)) out[key] = sayOfField(key, d.message, currentLanguage());
  }
  return out;
}
