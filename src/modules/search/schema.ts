/**
 * The global search's wire types (zod only, so the web app imports them as `@schema/search`):
 * what a person may look for across the clients they may see, and what they find.
 */
import { z } from 'zod';
import { SEARCH_KINDS, SEARCH_QUERY_MAX, SEARCH_QUERY_MIN } from '../../shared/search/limits.js';

// What a result is (in the order the results are grouped) and how long a query may be: in
// src/shared, so that the web app's frame takes them without zod.
export { SEARCH_KINDS, SEARCH_QUERY_MAX, SEARCH_QUERY_MIN, type SearchKind } from '../../shared/search/limits.js';
export const SEARCH_LIMIT_DEFAULT = 5;
export const SEARCH_LIMIT_MAX = 20;

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(SEARCH_QUERY_MIN).max(SEARCH_QUERY_MAX).describe('What to look for: part of a name, title, reference or e-mail address, taken literally (`%` and `_` are plain characters); matched without regard to case'),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT).describe('At most this many results of each kind'),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchResult = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string().describe('The record\'s id; for a page, its path in the client workspace (`roadmap`; empty for the client\'s home)'),
  title: z.string().describe('The record\'s name or title (a scenario\'s with its reference: "R3 · Ransomware")'),
  detail: z.string().nullable().describe('A few words telling like results apart (a system\'s type and status, a person\'s e-mail and role)'),
  clientId: z.string().nullable().describe('The client the record belongs to; null for the firm\'s users'),
  clientName: z.string().nullable(),
  path: z.string().describe('The web app\'s page of the record, from the root: `/clients/{clientId}/vendors/{vendorId}`'),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchResults = z.object({
  query: z.string().describe('The query as searched (trimmed)'),
  results: z.array(SearchResult).describe('Grouped by kind (clients, pages, scenarios, systems, services, vendors, data sets, decisions, people); in each kind exact matches first, then those that start with the query, then the rest, each by name'),
});
export type SearchResults = z.infer<typeof SearchResults>;
