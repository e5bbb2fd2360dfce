/** The global search's kinds of result and the length of what may be looked for (the API's and the web app's, from one place). */
export const SEARCH_KINDS = ['client', 'page', 'scenario', 'system', 'service', 'vendor', 'dataset', 'decision', 'person'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_QUERY_MIN = 2;
export const SEARCH_QUERY_MAX = 100;
