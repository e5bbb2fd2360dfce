/** The risk register's queries and changes, on the API of src/modules/risks/routes.ts. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { RECOMPUTE_JOB } from '@shared/job-kinds';
import { useEffect } from 'react';
import { api, clientPath } from '../../api/client';
import { jobsOfKind } from '../../api/jobs';
import { keys } from '../../api/keys';
import type { ApiMutationOptions, Text } from '../../api/mutation';
import i18n from '../../i18n';
import { fetchAllPages, usePagedList } from '../../api/paged';
import type { RegisterOut, RegisterSort, ScenarioDetailOut, WorstCaseOut } from '@schema/risks';
import type { OptionSetOut } from '@schema/risks/options';
import type { OverviewOut, PortfolioRiskRow } from '@schema/risks/overview';
import type { SettingsOut } from '@schema/risks/settings';
import type { TemplatesOut } from '@schema/risks/templates';

export const riskKeys = {
  all: (clientId: string) => [...keys.client(clientId), 'risks'] as const,
  register: (clientId: string) => [...keys.client(clientId), 'risks', 'register'] as const,
  summary: (clientId: string) => [...keys.client(clientId), 'risks', 'register', 'summary'] as const,
  list: (clientId: string) => [...keys.client(clientId), 'risks', 'register', 'list'] as const,
  overview: (clientId: string) => [...keys.client(clientId), 'risks', 'overview'] as const,
  scenario: (clientId: string, id: string) => [...keys.client(clientId), 'risks', 'scenario', id] as const,
  templates: (clientId: string) => [...keys.client(clientId), 'risks', 'templates'] as const,
  settings: (clientId: string) => [...keys.client(clientId), 'risks', 'settings'] as const,
  options: (clientId: string) => [...keys.client(clientId), 'risks', 'options'] as const,
  worstCase: (clientId: string) => [...keys.client(clientId), 'risks', 'worst-case'] as const,
  portfolio: () => ['portfolio', 'risks'] as const,
};

/** Which stored results the register shows: views keyed by it are read again when a refresh lands. */
function storedVersion(register: Pick<RegisterOut, 'status'> | undefined): string | null {
  return register ? `${register.status.runId ?? ''}/${register.status.refreshing}` : null;
}

/** While a recompute is queued or running, poll every second so the page shows it land. */
const whileRefreshing = (refreshing: boolean | undefined): number | false => (refreshing ? 1000 : false);

/**
 * The register's summary: the refresh state, the portfolio, the appetite check and how many
 * scenarios it holds (a page of one scenario, counted). Polls while a recompute runs.
 */
export function useRegisterSummary(clientId: string) {
  return useQuery({
    queryKey: riskKeys.summary(clientId),
    queryFn: ({ signal }) => api.get<RegisterOut>(clientPath(clientId, '/risks'), { signal, query: { limit: 1, total: 'true' } }),
    refetchInterval: (q) => whileRefreshing(q.state.data?.status.refreshing),
  });
}

/** What the register's list shows: the API's filters and order (src/modules/risks/schema.ts, RegisterQuery). */
export interface RegisterFilter {
  sort: RegisterSort;
  order: 'asc' | 'desc';
  statuses: string[];
  owner: string | null;
  /** false: leave proposals out. */
  proposals: boolean;
  search: string;
}

const registerQuery = (f: Partial<RegisterFilter>) => ({
  sort: f.sort,
  order: f.order,
  status: f.statuses && f.statuses.length > 0 ? f.statuses.join(',') : undefined,
  owner: f.owner ?? undefined,
  proposed: f.proposals === false ? 'false' : undefined,
  q: f.search?.trim() || undefined,
});

const scenarioRows = (p: RegisterOut) => p.scenarios;

/** The register's list, filtered and sorted by the server, a page at a time; read again while a recompute runs and when it lands. */
export function useRegisterPages(clientId: string, filter: RegisterFilter, refresh: { refreshing: boolean; runId: string | null }) {
  const list = usePagedList({
    queryKey: [...riskKeys.list(clientId), registerQuery(filter)],
    fetchPage: (cursor, signal) =>
      api.get<RegisterOut>(clientPath(clientId, '/risks'), { signal, query: { ...registerQuery(filter), limit: 100, cursor, total: cursor ? undefined : 'true' } }),
    rows: scenarioRows,
    refetchInterval: whileRefreshing(refresh.refreshing),
  });
  const { refetch } = list;
  // A landed recompute changes the figures of every page loaded.
  useEffect(() => {
    if (refresh.runId !== null) void refetch();
  }, [refresh.runId, refetch]);
  return list;
}

/** Every scenario a filter matches (a picker offers them all), read page after page. */
export function useScenarioChoices(clientId: string, filter: Partial<RegisterFilter>, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...riskKeys.list(clientId), 'all', registerQuery(filter)],
    queryFn: ({ signal }) =>
      fetchAllPages(
        (cursor) => api.get<RegisterOut>(clientPath(clientId, '/risks'), { signal, query: { ...registerQuery(filter), limit: 500, cursor } }),
        scenarioRows,
      ),
  });
}

export function useOverview(clientId: string) {
  return useQuery({
    queryKey: riskKeys.overview(clientId),
    queryFn: ({ signal }) => api.get<OverviewOut>(clientPath(clientId, '/risks/overview'), { signal }),
    refetchInterval: (q) => whileRefreshing(q.state.data?.status.refreshing),
  });
}

export function useScenario(clientId: string, id: string) {
  const register = useRegisterSummary(clientId);
  return useQuery({
    queryKey: [...riskKeys.scenario(clientId, id), storedVersion(register.data)],
    queryFn: ({ signal }) => api.get<ScenarioDetailOut>(clientPath(clientId, `/risks/${encodeURIComponent(id)}`), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => {
      const d = q.state.data;
      // Also while its own result is due: not computed yet, or computed from older inputs.
      const due = !!d && d.status !== 'closed' && (d.result === null || d.result.stale);
      return whileRefreshing(register.data?.status.refreshing || due);
    },
  });
}

export function useTemplates(clientId: string) {
  return useQuery({
    queryKey: riskKeys.templates(clientId),
    queryFn: ({ signal }) => api.get<TemplatesOut>(clientPath(clientId, '/risks/templates'), { signal }),
    staleTime: 60_000,
  });
}

export function useRiskSettings(clientId: string) {
  return useQuery({
    queryKey: riskKeys.settings(clientId),
    queryFn: ({ signal }) => api.get<SettingsOut>(clientPath(clientId, '/risks/settings'), { signal }),
  });
}

export function useOptionSets(clientId: string) {
  const register = useRegisterSummary(clientId);
  return useQuery({
    queryKey: [...riskKeys.options(clientId), storedVersion(register.data)],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => (await api.get<{ sets: OptionSetOut[] }>(clientPath(clientId, '/risks/options'), { signal })).sets,
    refetchInterval: () => whileRefreshing(register.data?.status.refreshing),
  });
}

export function useWorstCase(clientId: string) {
  return useQuery({
    queryKey: riskKeys.worstCase(clientId),
    queryFn: ({ signal }) => api.get<WorstCaseOut>(clientPath(clientId, '/risks/worst-case'), { signal }),
  });
}

/** Every visible client's risk figures, one request for the whole portfolio table. */
export function usePortfolioRisk(enabled = true) {
  return useQuery({
    enabled,
    queryKey: riskKeys.portfolio(),
    queryFn: async ({ signal }) => (await api.get<{ clients: PortfolioRiskRow[] }>('/api/portfolio/risk', { signal })).clients,
    staleTime: 30_000,
    refetchInterval: (q) => (q.state.data?.some((c) => c.refreshing) ? 2000 : false),
  });
}


/** What to refresh after any change to a client's risks: its register views and its jobs. */
export function riskChangeKeys(clientId: string) {
  return [riskKeys.all(clientId), keys.jobs(clientId, RECOMPUTE_JOB), [...keys.client(clientId), 'audit'], [...keys.client(clientId), 'audit-recent'], riskKeys.portfolio()];
}

/**
 * The notification of a change that has the register simulated again (useApiMutation's `job`):
 * what changed and that the results are being refreshed, then "Done" once they are, or why not.
 */
export function recomputeJob<TData, TVars>(clientId: string, started: Text<TData, TVars>): NonNullable<ApiMutationOptions<TData, TVars>['job']> {
  return {
    started,
    done: () => i18n.t('jobs.recompute.done'),
    failed: (reason) => i18n.t('jobs.recompute.failed', { reason }),
    follow: () => jobsOfKind(clientId, RECOMPUTE_JOB),
  };
}
