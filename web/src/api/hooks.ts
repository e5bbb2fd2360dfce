import { useInfiniteQuery, useQuery, type InfiniteData } from '@tanstack/react-query';
import { keys } from './keys';
import { call, triad } from './typed';
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

/** The client's audit trail, newest first, a page at a time (`fetchNextPage` loads older entries). */
export function useAuditTrail(clientId: string, entityType: string | null = null) {
  return useInfiniteQuery<AuditPage, Error, InfiniteData<AuditPage>, ReturnType<typeof keys.audit>, number | null>({
    queryKey: keys.audit(clientId, entityType),
    queryFn: ({ pageParam, signal }) =>
      call(triad.GET('/api/clients/{clientId}/audit', { params: { path: { clientId }, query: { limit: AUDIT_PAGE_SIZE, ...(pageParam !== null ? { before: pageParam } : {}), ...(entityType ? { entityType } : {}) } }, signal })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextBefore,
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
