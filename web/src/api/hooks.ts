import { keepPreviousData, useInfiniteQuery, useQuery, type InfiniteData } from '@tanstack/react-query';
import { keys } from './keys';
import { call, triad } from './typed';
import type { AuditFilters } from '@schema/audit';
import type { AuditPage } from './types';

/** The signed-in user, their firm and clients; fails with a 401 ApiError when signed out. */
export function useMe() {
  return useQuery({
    queryKey: keys.me(),
    // The app shell decides where to go when signed out, so no automatic redirect here.
    queryFn: ({ signal }) => call(triad.GET('/api/me', { signal }), { redirectOn401: false }),
    staleTime: 60_000,
  });
}

/** The clients the user may see, with their role in each. */
export function useClients() {
  return useQuery({
    queryKey: keys.clients(),
    queryFn: async ({ signal }) => (await call(triad.GET('/api/clients', { signal }))).clients,
  });
}

/** One client with the user's permissions in it. */
export function useClient(clientId: string | undefined) {
  return useQuery({
    queryKey: keys.client(clientId ?? ''),
    queryFn: ({ signal }) => call(triad.GET('/api/clients/{clientId}', { params: { path: { clientId: clientId! } }, signal })),
    enabled: Boolean(clientId),
  });
}

export function useMembers(clientId: string, enabled = true) {
  return useQuery({
    queryKey: keys.members(clientId),
    queryFn: async ({ signal }) => (await call(triad.GET('/api/clients/{clientId}/members', { params: { path: { clientId } }, signal }))).members,
    enabled,
  });
}

const AUDIT_PAGE_SIZE = 50;

/** The viewer's time zone, whose calendar the audit trail's days are read in (as its times are shown). */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The query of the audit trail's filters: the set ones, and the viewer's time zone when days are. */
export function auditQuery(filters: AuditFilters): AuditFilters {
  const out: AuditFilters = {};
  for (const [k, v] of Object.entries(filters) as [keyof AuditFilters, string | undefined][]) if (v) out[k] = v;
  if (out.from || out.to) out.timeZone = viewerTimeZone();
  return out;
}

/**
 * The client's audit trail through the filters, newest first, a page at a time
 * (`fetchNextPage` loads older entries); the first page counts every entry the filters keep.
 */
export function useAuditTrail(clientId: string, filters: AuditFilters = {}) {
  const query = auditQuery(filters);
  return useInfiniteQuery<AuditPage, Error, InfiniteData<AuditPage>, ReturnType<typeof keys.auditPage>, string | null>({
    queryKey: keys.auditPage(clientId, query),
    queryFn: ({ pageParam, signal }) =>
      call(triad.GET('/api/clients/{clientId}/audit', { params: { path: { clientId }, query: { limit: AUDIT_PAGE_SIZE, ...(pageParam !== null ? { cursor: pageParam } : { total: 'true' }), ...query } }, signal })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    // Other filters: the entries shown stay until those of the new filters arrive.
    placeholderData: keepPreviousData,
  });
}

/** Who and what appear in the client's audit trail: the choices of its filters. */
export function useAuditFacets(clientId: string) {
  return useQuery({
    queryKey: keys.auditFacets(clientId),
    queryFn: ({ signal }) => call(triad.GET('/api/clients/{clientId}/audit/facets', { params: { path: { clientId } }, signal })),
    staleTime: 30_000,
  });
}

/** The client's recent background jobs (newest first); polls every second while one is queued or running. */
export function useJobs(clientId: string, kind?: string) {
  return useQuery({
    queryKey: keys.jobs(clientId, kind),
    queryFn: async ({ signal }) => (await call(triad.GET('/api/clients/{clientId}/jobs', { params: { path: { clientId }, query: kind ? { kind } : {} }, signal }))).jobs,
    refetchInterval: (query) => (query.state.data?.some((j) => j.status === 'queued' || j.status === 'running') ? 1000 : false),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: keys.tokens(),
    queryFn: async ({ signal }) => (await call(triad.GET('/api/me/tokens', { signal }))).tokens,
  });
}

/** The firm's users (firm admins only). */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: keys.users(),
    queryFn: async ({ signal }) => (await call(triad.GET('/api/users', { signal }))).users,
    enabled,
  });
}
