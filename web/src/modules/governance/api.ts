/** Governance queries and changes, on the API of src/modules/governance/routes.ts. */
import { useQuery } from '@tanstack/react-query';
import type {
  AcceptanceOut,
  CheckOut,
  ConcernOut,
  DecisionOut,
  ResponsibilityOut,
  SeatOut,
  SettingsOut,
  SummaryOut,
} from '@schema/governance';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { usePagedList, type PageOf } from '../../api/paged';
import { notificationKeys } from '../notifications/api';

export const govKeys = {
  all: (clientId: string) => [...keys.client(clientId), 'governance'] as const,
  summary: (clientId: string) => [...keys.client(clientId), 'governance', 'summary'] as const,
  checks: (clientId: string) => [...keys.client(clientId), 'governance', 'checks'] as const,
  seats: (clientId: string) => [...keys.client(clientId), 'governance', 'seats'] as const,
  charter: (clientId: string) => [...keys.client(clientId), 'governance', 'charter'] as const,
  settings: (clientId: string) => [...keys.client(clientId), 'governance', 'settings'] as const,
  decisions: (clientId: string) => [...keys.client(clientId), 'governance', 'decisions'] as const,
  decision: (clientId: string, id: string) => [...keys.client(clientId), 'governance', 'decisions', id] as const,
  concerns: (clientId: string) => [...keys.client(clientId), 'governance', 'concerns'] as const,
  acceptances: (clientId: string) => [...keys.client(clientId), 'governance', 'acceptances'] as const,
  acceptance: (clientId: string, id: string) => [...keys.client(clientId), 'governance', 'acceptances', id] as const,
};

/**
 * What a governance change may have touched: everything of governance in the client (checks,
 * the home card, the board view), the risk register (acceptances set a risk's status), the
 * audit trail and the person's notifications.
 */
export function govInvalidate(clientId: string) {
  return [govKeys.all(clientId), [...keys.client(clientId), 'risks'], keys.audit(clientId), [...keys.client(clientId), 'audit-recent'], notificationKeys.all()];
}

export const govPath = (clientId: string, path = '') => clientPath(clientId, `/governance${path}`);

export function useSummary(clientId: string) {
  return useQuery({ queryKey: govKeys.summary(clientId), queryFn: ({ signal }) => api.get<SummaryOut>(govPath(clientId, '/summary'), { signal }) });
}

export function useChecks(clientId: string) {
  return useQuery({
    queryKey: govKeys.checks(clientId),
    queryFn: async ({ signal }) => (await api.get<{ checks: CheckOut[] }>(govPath(clientId, '/checks'), { signal })).checks,
  });
}

export function useSeats(clientId: string) {
  return useQuery({
    queryKey: govKeys.seats(clientId),
    queryFn: async ({ signal }) => (await api.get<{ seats: SeatOut[] }>(govPath(clientId, '/seats'), { signal })).seats,
  });
}

export function useCharter(clientId: string) {
  return useQuery({
    queryKey: govKeys.charter(clientId),
    queryFn: async ({ signal }) => (await api.get<{ responsibilities: ResponsibilityOut[] }>(govPath(clientId, '/charter'), { signal })).responsibilities,
  });
}

export function useGovSettings(clientId: string) {
  return useQuery({ queryKey: govKeys.settings(clientId), queryFn: ({ signal }) => api.get<SettingsOut>(govPath(clientId, '/settings'), { signal }) });
}

/** Rows a page of the governance lists. */
const PAGE = 50;

type DecisionPage = { decisions: DecisionOut[] } & PageOf;
type ConcernPage = { concerns: ConcernOut[] } & PageOf;
type AcceptancePage = { acceptances: AcceptanceOut[] } & PageOf;
const decisionRows = (p: DecisionPage) => p.decisions;
const concernRows = (p: ConcernPage) => p.concerns;
const acceptanceRows = (p: AcceptancePage) => p.acceptances;

/** The decision records, newest first, a page at a time (`fetchNextPage` for older ones). */
export function useDecisions(clientId: string) {
  return usePagedList({
    queryKey: govKeys.decisions(clientId),
    fetchPage: (cursor, signal) => api.get<DecisionPage>(govPath(clientId, '/decisions'), { signal, query: { limit: PAGE, cursor, total: cursor ? undefined : 'true' } }),
    rows: decisionRows,
  });
}

export function useDecision(clientId: string, id: string) {
  return useQuery({
    queryKey: govKeys.decision(clientId, id),
    queryFn: ({ signal }) => api.get<DecisionOut>(govPath(clientId, `/decisions/${encodeURIComponent(id)}`), { signal }),
  });
}

/** The concerns between the seats, newest first, a page at a time. */
export function useConcerns(clientId: string) {
  return usePagedList({
    queryKey: govKeys.concerns(clientId),
    fetchPage: (cursor, signal) => api.get<ConcernPage>(govPath(clientId, '/concerns'), { signal, query: { limit: PAGE, cursor, total: cursor ? undefined : 'true' } }),
    rows: concernRows,
  });
}

/** The risk acceptances, newest first, a page at a time. */
export function useAcceptances(clientId: string) {
  return usePagedList({
    queryKey: govKeys.acceptances(clientId),
    fetchPage: (cursor, signal) => api.get<AcceptancePage>(govPath(clientId, '/acceptances'), { signal, query: { limit: PAGE, cursor, total: cursor ? undefined : 'true' } }),
    rows: acceptanceRows,
  });
}

export function useAcceptance(clientId: string, id: string) {
  return useQuery({
    queryKey: govKeys.acceptance(clientId, id),
    queryFn: ({ signal }) => api.get<AcceptanceOut>(govPath(clientId, `/acceptances/${encodeURIComponent(id)}`), { signal }),
  });
}
