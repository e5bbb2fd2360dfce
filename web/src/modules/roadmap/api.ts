/** The roadmap's queries and changes, on the API of src/modules/roadmap/routes.ts. */
import { useQuery } from '@tanstack/react-query';
import type { CandidatesOut, FirmRoadmapOut, GapCandidatesOut, RoadmapOut } from '@schema/roadmap';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';

export const roadmapKeys = {
  all: (clientId: string) => [...keys.client(clientId), 'roadmap'] as const,
  candidates: (clientId: string) => [...keys.client(clientId), 'roadmap', 'candidates'] as const,
  gaps: (clientId: string, assessmentId: string) => [...keys.client(clientId), 'roadmap', 'gaps', assessmentId] as const,
  due: () => ['portfolio', 'roadmap-due'] as const,
};

export function useRoadmap(clientId: string) {
  return useQuery({ queryKey: roadmapKeys.all(clientId), queryFn: ({ signal }) => api.get<RoadmapOut>(clientPath(clientId, '/roadmap'), { signal }) });
}

export function useCandidates(clientId: string, enabled: boolean) {
  return useQuery({ queryKey: roadmapKeys.candidates(clientId), queryFn: ({ signal }) => api.get<CandidatesOut>(clientPath(clientId, '/roadmap/candidates'), { signal }), enabled });
}

/** An assessment's gaps as the roadmap sees them: what an initiative from each would be, and those on the roadmap already. */
export function useGapCandidates(clientId: string, assessmentId: string) {
  return useQuery({
    queryKey: roadmapKeys.gaps(clientId, assessmentId),
    queryFn: ({ signal }) => api.get<GapCandidatesOut>(clientPath(clientId, '/roadmap/gaps'), { signal, query: { assessmentId } }),
  });
}

/** What is due this quarter across the firm's clients: one request for the whole portfolio table. */
export function useFirmDue() {
  return useQuery({ queryKey: roadmapKeys.due(), queryFn: ({ signal }) => api.get<FirmRoadmapOut>('/api/roadmap/due', { signal }), staleTime: 60_000 });
}

/** After any change to the roadmap: the roadmap, the budget (approved initiatives are committed) and the risk register. */
export function roadmapChangeKeys(clientId: string) {
  return [keys.client(clientId), roadmapKeys.due()];
}
