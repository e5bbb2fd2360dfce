/**
 * The typed client of the API (clients/typescript: openapi-fetch over the types generated from
 * the OpenAPI document), set up as the web app's `request` is: same-origin with the session
 * cookie, the web app's language as Accept-Language, the CSRF header on every change, and every
 * failure turned into an ApiError.
 */
import { createTriadClient } from '../../../clients/typescript/index';
import { ApiError, CSRF_HEADER, apiLanguage, csrfToken, errorOf } from './client';

export const triad = createTriadClient({ baseUrl: '', credentials: 'same-origin' });

triad.use({
  onRequest({ request }) {
    request.headers.set('accept', 'application/json');
    request.headers.set('accept-language', apiLanguage());
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = csrfToken();
      if (token) request.headers.set(CSRF_HEADER, token);
    }
    return request;
  },
});

/**
 * The data of a typed call, or its ApiError: `await call(triad.GET('/api/me'))`. A 401 sends
 * the person to sign in, unless `redirectOn401` is false.
 */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>, options: { redirectOn401?: boolean } = {}): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Triad could not be reached. Check your connection and try again.');
  }
  if (!result.response.ok) throw errorOf(result.response, result.error, options.redirectOn401 !== false);
  return result.data as T;
}
