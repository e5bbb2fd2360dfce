/**
 * TanStack Query keys. Everything about one client lives under `['client', clientId]`, so a
 * change in a client can refresh all its views (including the audit trail) with one
 * `invalidateQueries({ queryKey: keys.client(clientId) })`. Modules nest their keys the same
 * way: `[...keys.client(clientId), 'risks']`.
 */
export const keys = {
  me: () => ['me'] as const,
  tokens: () => ['me', 'tokens'] as const,
  clients: () => ['clients'] as const,
  users: () => ['users'] as const,
  client: (clientId: string) => ['client', clientId] as const,
  members: (clientId: string) => ['client', clientId, 'members'] as const,
  audit: (clientId: string) => ['client', clientId, 'audit'] as const,
  auditPage: (clientId: string, filters: object) => ['client', clientId, 'audit', 'pages', filters] as const,
  auditFacets: (clientId: string) => ['client', clientId, 'audit', 'facets'] as const,
  auditVerify: (clientId: string) => ['client', clientId, 'audit-verify'] as const,
  jobs: (clientId: string, kind?: string) => ['client', clientId, 'jobs', kind ?? null] as const,
};
