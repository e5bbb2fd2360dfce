/** The reports' queries, on the API of src/modules/reports/routes.ts. */
import { useQuery } from '@tanstack/react-query';
import { api, clientPath } from '../../api/client';
import type { JobFollower } from '../../api/jobs';
import { keys } from '../../api/keys';
import type { ApiMutationOptions } from '../../api/mutation';
import i18n from '../../i18n';
import type { PackDetailOut, PackListOut, PackOut, PortfolioReport, WorstCaseReport } from '@schema/reports';

export const reportKeys = {
  packs: (clientId: string) => [...keys.client(clientId), 'board-packs'] as const,
  pack: (clientId: string, id: string) => [...keys.client(clientId), 'board-packs', id] as const,
  worstCase: (clientId: string) => [...keys.client(clientId), 'reports', 'worst-case'] as const,
  portfolio: () => ['portfolio', 'reports'] as const,
};


/** The client's packs; polls every second while one is being generated. */
export function usePacks(clientId: string) {
  return useQuery({
    queryKey: reportKeys.packs(clientId),
    queryFn: ({ signal }) => api.get<PackListOut>(clientPath(clientId, '/board-packs'), { signal }),
    refetchInterval: (q) => (q.state.data?.packs.some((p) => p.status === 'generating') ? 1000 : false),
  });
}

/** A pack being generated: ended when its status is no longer "generating" (failed: with its error). */
function packFollower(clientId: string, packId: string): JobFollower {
  return {
    key: `board-pack:${packId}`,
    ended: async () => {
      const { packs } = await api.get<PackListOut>(clientPath(clientId, '/board-packs'), { redirectOn401: false });
      const pack = packs.find((p) => p.id === packId);
      if (pack?.status === 'generating') return null;
      if (pack && pack.status !== 'failed') return { ok: true };
      return { ok: false, reason: pack?.error ?? i18n.t('notify.jobStopped') };
    },
  };
}

/**
 * The notification of generating a pack (useApiMutation's `job`): started, then ready to read or
 * failed with the reason.
 */
export function packJob<TVars>(clientId: string, started: 'started' | 'restarted'): NonNullable<ApiMutationOptions<PackOut, TVars>['job']> {
  return {
    started: (p) => i18n.t(started === 'started' ? 'jobs.boardPack.started' : 'jobs.boardPack.restarted', { quarter: p.quarterLabel }),
    done: (p) => i18n.t('jobs.boardPack.done', { quarter: p.quarterLabel }),
    failed: (reason, p) => i18n.t('jobs.boardPack.failed', { quarter: p.quarterLabel, reason }),
    follow: (p) => packFollower(clientId, p.id),
  };
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
