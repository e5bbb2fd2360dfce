/**
 * Triad's typed API client: openapi-fetch over the types openapi-typescript generated from
 * Triad's OpenAPI document (schema.d.ts, from openapi.json). Every path, parameter, body and
 * answer is typed, so a program that calls the API wrongly does not compile.
 *
 * ```ts
 * const triad = createTriadClient({ baseUrl: 'https://triad.example.com', token: process.env.TRIAD_TOKEN });
 * const { data, error } = await triad.GET('/api/clients/{clientId}/estate/systems', { params: { path: { clientId }, query: { limit: 50 } } });
 * ```
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';
/** The named schemas of the API (User, Client, System, ImportReport, Error, …). */
export type Schemas = components['schemas'];
/** The one error body of every failure. */
export type ApiErrorBody = components['schemas']['Error'];
export type TriadClient = Client<paths>;

export interface TriadClientOptions extends ClientOptions {
  /** Where Triad is, e.g. https://triad.example.com (empty: the page's own origin, in a browser). */
  baseUrl?: string;
  /** A personal API token (triad_…), sent as `Authorization: Bearer`. */
  token?: string;
}

/** A client of one Triad server. */
export function createTriadClient(options: TriadClientOptions = {}): TriadClient {
  const { token, ...rest } = options;
  const client = createClient<paths>(rest);
  if (token) {
    client.use({
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    });
  }
  return client;
}
