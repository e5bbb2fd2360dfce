/** The estate module's queries and changes, on the API of src/modules/estate/routes. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ConcentrationEntry,
  ContractOut,
  DataLocationsOut,
  DatasetOut,
  EstateOverview,
  FirmConcentrationOut,
  GrantOut,
  ImportProgress,
  ImportRecordOut,
  ImportReport,
  LifecycleOut,
  Renewal,
  ReviewDetail,
  ReviewOut,
  ServiceList,
  SystemDetail,
  SystemOut,
  VendorDetail,
  VendorOut,
} from '@schema/estate';
import { api, ApiError, clientPath, csrfToken, CSRF_HEADER, type ErrorDetail } from '../../api/client';
import { keys } from '../../api/keys';

export type { ImportProgress, ImportRecordOut, Renewal };

export const estateKeys = {
  all: (clientId: string) => [...keys.client(clientId), 'estate'] as const,
  overview: (clientId: string) => [...keys.client(clientId), 'estate', 'overview'] as const,
  services: (clientId: string) => [...keys.client(clientId), 'estate', 'services'] as const,
  systems: (clientId: string, query: object) => [...keys.client(clientId), 'estate', 'systems', query] as const,
  system: (clientId: string, id: string) => [...keys.client(clientId), 'estate', 'system', id] as const,
  lifecycle: (clientId: string, days: number) => [...keys.client(clientId), 'estate', 'lifecycle', days] as const,
  vendors: (clientId: string) => [...keys.client(clientId), 'estate', 'vendors'] as const,
  vendor: (clientId: string, id: string) => [...keys.client(clientId), 'estate', 'vendor', id] as const,
  concentration: (clientId: string) => [...keys.client(clientId), 'estate', 'concentration'] as const,
  renewals: (clientId: string, days: number) => [...keys.client(clientId), 'estate', 'renewals', days] as const,
  contracts: (clientId: string) => [...keys.client(clientId), 'estate', 'contracts'] as const,
  datasets: (clientId: string) => [...keys.client(clientId), 'estate', 'datasets'] as const,
  locations: (clientId: string, classification: string) => [...keys.client(clientId), 'estate', 'locations', classification] as const,
  grants: (clientId: string, query: object) => [...keys.client(clientId), 'estate', 'grants', query] as const,
  reviews: (clientId: string) => [...keys.client(clientId), 'estate', 'reviews'] as const,
  review: (clientId: string, id: string, mine: boolean) => [...keys.client(clientId), 'estate', 'review', id, mine] as const,
  imports: (clientId: string) => [...keys.client(clientId), 'estate', 'imports'] as const,
  importProgress: (clientId: string, id: string) => [...keys.client(clientId), 'estate', 'import', id] as const,
  firm: () => ['firm', 'estate', 'concentration'] as const,
};

/** `/api/clients/:id/estate…` */
export const estatePath = (clientId: string, path = ''): string => clientPath(clientId, `/estate${path}`);

/** After any change in the estate: its views, the audit trail, and the home card refresh. */
export const estateInvalidate = (clientId: string) => [keys.client(clientId)];

export function useEstateOverview(clientId: string) {
  return useQuery({ queryKey: estateKeys.overview(clientId), queryFn: ({ signal }) => api.get<EstateOverview>(estatePath(clientId, '/overview'), { signal }) });
}

/** The services, with whether their downtime costs are plausible for the company's size. */
export function useServices(clientId: string) {
  return useQuery({
    queryKey: estateKeys.services(clientId),
    queryFn: ({ signal }) => api.get<ServiceList>(estatePath(clientId, '/services'), { signal }),
  });
}

export interface SystemsQuery {
  search?: string;
  type?: string | null;
  scope?: string | null;
  status?: string | null;
  vendorId?: string | null;
  sort?: string;
  limit: number;
  offset: number;
}

export function useSystems(clientId: string, query: SystemsQuery) {
  return useQuery({
    queryKey: estateKeys.systems(clientId, query),
    queryFn: ({ signal }) => api.get<{ systems: SystemOut[]; total: number }>(estatePath(clientId, '/systems'), { signal, query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useSystem(clientId: string, id: string | null) {
  return useQuery({
    queryKey: estateKeys.system(clientId, id ?? ''),
    queryFn: ({ signal }) => api.get<SystemDetail>(estatePath(clientId, `/systems/${encodeURIComponent(id!)}`), { signal }),
    enabled: Boolean(id),
  });
}

export function useLifecycle(clientId: string, days: number) {
  return useQuery({
    queryKey: estateKeys.lifecycle(clientId, days),
    queryFn: ({ signal }) => api.get<LifecycleOut>(estatePath(clientId, '/lifecycle'), { signal, query: { days } }),
    placeholderData: keepPreviousData,
  });
}

export function useVendors(clientId: string) {
  return useQuery({
    queryKey: estateKeys.vendors(clientId),
    queryFn: async ({ signal }) => (await api.get<{ vendors: VendorOut[] }>(estatePath(clientId, '/vendors'), { signal })).vendors,
  });
}

export function useVendor(clientId: string, id: string) {
  return useQuery({
    queryKey: estateKeys.vendor(clientId, id),
    queryFn: ({ signal }) => api.get<VendorDetail>(estatePath(clientId, `/vendors/${encodeURIComponent(id)}`), { signal }),
  });
}

export function useConcentration(clientId: string) {
  return useQuery({
    queryKey: estateKeys.concentration(clientId),
    queryFn: async ({ signal }) => (await api.get<{ entries: ConcentrationEntry[] }>(estatePath(clientId, '/vendors/concentration'), { signal, query: { limit: 25 } })).entries,
  });
}

/** Firm-wide: vendors and fourth parties shared by the most clients (advisors and firm admins). */
export function useFirmConcentration(enabled: boolean) {
  return useQuery({ queryKey: estateKeys.firm(), queryFn: ({ signal }) => api.get<FirmConcentrationOut>('/api/estate/concentration', { signal }), enabled });
}

export function useRenewals(clientId: string, days: number) {
  return useQuery({
    queryKey: estateKeys.renewals(clientId, days),
    queryFn: ({ signal }) => api.get<{ from: string; to: string; renewals: Renewal[] }>(estatePath(clientId, '/contracts/renewals'), { signal, query: { days } }),
    placeholderData: keepPreviousData,
  });
}

export function useContracts(clientId: string) {
  return useQuery({
    queryKey: estateKeys.contracts(clientId),
    queryFn: async ({ signal }) => (await api.get<{ contracts: ContractOut[] }>(estatePath(clientId, '/contracts'), { signal })).contracts,
  });
}

export function useDatasets(clientId: string) {
  return useQuery({
    queryKey: estateKeys.datasets(clientId),
    queryFn: async ({ signal }) => (await api.get<{ datasets: DatasetOut[] }>(estatePath(clientId, '/datasets'), { signal })).datasets,
  });
}

export function useLocations(clientId: string, classification: string) {
  return useQuery({
    queryKey: estateKeys.locations(clientId, classification),
    queryFn: ({ signal }) => api.get<DataLocationsOut>(estatePath(clientId, '/datasets/locations'), { signal, query: { classification } }),
    placeholderData: keepPreviousData,
  });
}

export interface GrantsQuery {
  status: 'active' | 'revoked' | 'all';
  flagged?: 'true';
  limit: number;
  offset: number;
}

export function useGrants(clientId: string, query: GrantsQuery) {
  return useQuery({
    queryKey: estateKeys.grants(clientId, query),
    queryFn: ({ signal }) => api.get<{ grants: GrantOut[]; total: number }>(estatePath(clientId, '/grants'), { signal, query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useReviews(clientId: string) {
  return useQuery({
    queryKey: estateKeys.reviews(clientId),
    queryFn: async ({ signal }) => (await api.get<{ reviews: ReviewOut[] }>(estatePath(clientId, '/reviews'), { signal })).reviews,
  });
}

export function useReview(clientId: string, id: string, mine: boolean) {
  return useQuery({
    queryKey: estateKeys.review(clientId, id, mine),
    queryFn: ({ signal }) => api.get<ReviewDetail>(estatePath(clientId, `/reviews/${encodeURIComponent(id)}`), { signal, query: { mine } }),
    placeholderData: keepPreviousData,
  });
}

export function useImports(clientId: string) {
  return useQuery({
    queryKey: estateKeys.imports(clientId),
    queryFn: ({ signal }) => api.get<{ running: ImportProgress[]; recent: ImportRecordOut[] }>(estatePath(clientId, '/imports'), { signal }),
  });
}

/** Progress of an import while it runs (polled twice a second), from the server's side. */
export function useImportProgress(clientId: string, importId: string | null) {
  return useQuery({
    queryKey: estateKeys.importProgress(clientId, importId ?? ''),
    queryFn: ({ signal }) => api.get<ImportProgress>(estatePath(clientId, `/imports/${importId!}`), { signal, redirectOn401: false }),
    enabled: Boolean(importId),
    retry: false,
    refetchInterval: (q) => (q.state.data && ['done', 'rejected', 'failed'].includes(q.state.data.phase) ? false : 500),
  });
}

/**
 * Sends a CSV file as the request body (text/csv), reporting how much of it has gone up: the
 * server reads it as it arrives, so the upload's progress is the checking's progress.
 */
export function uploadCsv(
  clientId: string,
  kind: string,
  file: Blob,
  options: { dryRun: boolean; fileName: string; importId: string; onUpload?: (fraction: number) => void },
): Promise<ImportReport> {
  const params = new URLSearchParams({ dryRun: String(options.dryRun), fileName: options.fileName, importId: options.importId });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${estatePath(clientId, `/import/${kind}`)}?${params.toString()}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onUpload?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Triad could not be reached. Check your connection and try again.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as ImportReport);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'BAD_RESPONSE', error?.message ?? `The server answered ${xhr.status}.`, error?.details ?? [], xhr.getResponseHeader('x-request-id')));
    };
    xhr.send(file);
  });
}
