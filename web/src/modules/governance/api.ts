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

export function useDecisions(clientId: string) {
  return useQuery({
    queryKey: govKeys.decisions(clientId),
    queryFn: async ({ signal }) => (await api.get<{ decisions: DecisionOut[] }>(govPath(clientId, '/decisions'), { signal })).decisions,
  });
}

export function useDecision(clientId: string, id: string) {
  return useQuery({
    queryKey: govKeys.decision(clientId, id),
    queryFn: ({ signal }) => api.get<DecisionOut>(govPath(clientId, `/decisions/${encodeURIComponent(id)}`), { signal }),
  });
}

export function useConcerns(clientId: string) {
  return useQuery({
    queryKey: govKeys.concerns(clientId),
    queryFn: async ({ signal }) => (await api.get<{ concerns: ConcernOut[] }>(govPath(clientId, '/concerns'), { signal })).concerns,
  });
}

export function useAcceptances(clientId: string) {
  return useQuery({
    queryKey: govKeys.acceptances(clientId),
    queryFn: async ({ signal }) => (await api.get<{ acceptances: AcceptanceOut[] }>(govPath(clientId, '/acceptances'), { signal })).acceptances,
  });
}

export function useAcceptance(clientId: string, id: string) {
  return useQuery({
    queryKey: govKeys.acceptance(clientId, id),
    queryFn: ({ signal }) => api.get<AcceptanceOut>(govPath(clientId, `/acceptances/${encodeURIComponent(id)}`), { signal }),
  });
}
