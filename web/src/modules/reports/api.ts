/** The reports' queries, on the API of src/modules/reports/routes.ts. */
import { useQuery } from '@tanstack/react-query';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import type { PackDetailOut, PackListOut, PortfolioReport, WorstCaseReport } from '@schema/reports';

export const reportKeys = {
  packs: (clientId: string) => [...keys.client(clientId), 'board-packs'] as const,
  pack: (clientId: string, id: string) => [...keys.client(clientId), 'board-packs', id] as const,
  worstCase: (clientId: string) => [...keys.client(clientId), 'reports', 'worst-case'] as const,
  portfolio: () => ['portfolio', 'reports'] as const,
};

export const BOARD_PACK_JOB = 'reports.board-pack';

/** The client's packs; polls every second while one is being generated. */
export function usePacks(clientId: string) {
  return useQuery({
    queryKey: reportKeys.packs(clientId),
    queryFn: ({ signal }) => api.get<PackListOut>(clientPath(clientId, '/board-packs'), { signal }),
    refetchInterval: (q) => (q.state.data?.packs.some((p) => p.status === 'generating') ? 1000 : false),
  });
}

export function usePack(clientId: string, id: string) {
  return useQuery({
    queryKey: reportKeys.pack(clientId, id),
    queryFn: ({ signal }) => api.get<PackDetailOut>(clientPath(clientId, `/board-packs/${encodeURIComponent(id)}`), { signal }),
    refetchInterval: (q) => (q.state.data?.status === 'generating' ? 1000 : false),
  });
}

export function useWorstCase(clientId: string) {
  return useQuery({
    queryKey: reportKeys.worstCase(clientId),
    queryFn: ({ signal }) => api.get<WorstCaseReport>(clientPath(clientId, '/reports/worst-case'), { signal }),
  });
}

export function usePortfolioReport(enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.portfolio(),
    queryFn: ({ signal }) => api.get<PortfolioReport>('/api/reports/portfolio', { signal }),
    enabled,
  });
}

/** Where a pack's file is: opened in the browser, or downloaded as an attachment. */
export function packFileUrl(clientId: string, packId: string, format: 'pdf' | 'html', download = false): string {
  return `${clientPath(clientId, `/board-packs/${encodeURIComponent(packId)}.${format}`)}${download ? '?download=1' : ''}`;
}
