/** The IT budget's queries and changes, on the API of src/modules/budget/routes.ts. */
import { useQuery } from '@tanstack/react-query';
import type { AccountOut, ActualOut, FirmBudgetOut, YearOut } from '@schema/budget';
import { api, clientPath, request } from '../../api/client';
import { keys } from '../../api/keys';

export const budgetKeys = {
  all: (clientId: string) => [...keys.client(clientId), 'budget'] as const,
  year: (clientId: string, year: number | null) => [...keys.client(clientId), 'budget', 'year', year] as const,
  actuals: (clientId: string, year: number | null) => [...keys.client(clientId), 'budget', 'actuals', year] as const,
  accounts: (clientId: string) => [...keys.client(clientId), 'budget', 'accounts'] as const,
  firm: () => ['portfolio', 'budget'] as const,
};

export function useBudgetYear(clientId: string, year: number | null) {
  return useQuery({ queryKey: budgetKeys.year(clientId, year), queryFn: ({ signal }) => api.get<YearOut>(clientPath(clientId, '/budget'), { signal, query: { year } }) });
}

export function useActuals(clientId: string, year: number | null) {
  return useQuery({ queryKey: budgetKeys.actuals(clientId, year), queryFn: ({ signal }) => api.get<{ actuals: ActualOut[]; total: number }>(clientPath(clientId, '/budget/actuals'), { signal, query: { year, limit: 200 } }) });
}

export function useAccounts(clientId: string) {
  return useQuery({ queryKey: budgetKeys.accounts(clientId), queryFn: async ({ signal }) => (await api.get<{ accounts: AccountOut[] }>(clientPath(clientId, '/budget/accounts'), { signal })).accounts });
}

/** Each client's budget variance this year: one request for the whole portfolio table. */
export function useFirmBudget() {
  return useQuery({ queryKey: budgetKeys.firm(), queryFn: ({ signal }) => api.get<FirmBudgetOut>('/api/budget/variance', { signal }), staleTime: 60_000 });
}

export interface ActualsImportReport {
  status: 'imported' | 'checked' | 'rejected';
  rows: number;
  created: number;
  unchanged: number;
  rejected: number;
  problems: { line: number; column: string; reason: string }[];
}

/** Sends an accounting export as the body (text/csv); a refused import rejects with the ApiError listing every bad line. */
export function uploadActuals(clientId: string, file: File, dryRun: boolean): Promise<ActualsImportReport> {
  return request<ActualsImportReport>('POST', clientPath(clientId, '/budget/actuals/import'), { query: { dryRun: String(dryRun), fileName: file.name }, raw: { body: file, contentType: 'text/csv' } });
}
