/** The estate module's queries and changes, on the API of src/modules/estate/routes. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  DowntimeCheck,
  ImportProgress,
  ImportRecordOut,
  ImportReport,
  LifecycleOut,
  ServiceOut,
  SystemDetail,
  SystemList,
  SystemOut,
} from '@schema/estate';
import type { DataLocationsOut, DatasetList, DatasetOut, GrantOut, ReviewDetail, ReviewOut } from '@schema/estate/access';
import type { EstateOverview } from '@schema/estate/overview';
import type { ConcentrationEntry, FirmConcentrationOut, Renewal, VendorDetail, VendorList, VendorOut } from '@schema/estate/vendors';
import { answerError, api, ApiError, apiLanguage, clientPath, csrfToken, CSRF_HEADER } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiList, type ListQuery } from '../../api/paged';
import { call, triad } from '../../api/typed';

export type { ImportProgress, ImportRecordOut, Renewal };

export const estateKeys = {
  all: (clientId: string) => [...keys.client(clientId), 'estate'] as const,
  overview: (clientId: string) => [...keys.client(clientId), 'estate', 'overview'] as const,
  services: (clientId: string) => [...keys.client(clientId), 'estate', 'services'] as const,
  downtime: (clientId: string) => [...keys.client(clientId), 'estate', 'downtime'] as const,
  systems: (clientId: string) => [...keys.client(clientId), 'estate', 'systems'] as const,
  system: (clientId: string, id: string) => [...keys.client(clientId), 'estate', 'system', id] as const,
  lifecycle: (clientId: string, days: number) => [...keys.client(clientId), 'estate', 'lifecycle', days] as const,
  vendors: (clientId: string) => [...keys.client(clientId), 'estate', 'vendors'] as const,
  vendor: (clientId: string, id: string) => [...keys.client(clientId), 'estate', 'vendor', id] as const,
  concentration: (clientId: string) => [...keys.client(clientId), 'estate', 'concentration'] as const,
  renewals: (clientId: string, days: number) => [...keys.client(clientId), 'estate', 'renewals', days] as const,
  datasets: (clientId: string) => [...keys.client(clientId), 'estate', 'datasets'] as const,
  locations: (clientId: string, classification: string) => [...keys.client(clientId), 'estate', 'locations', classification] as const,
  grants: (clientId: string) => [...keys.client(clientId), 'estate', 'grants'] as const,
  reviews: (clientId: string) => [...keys.client(clientId), 'estate', 'reviews'] as const,
  review: (clientId: string, id: string, mine: boolean) => [...keys.client(clientId), 'estate', 'review', id, mine] as const,
  imports: (clientId: string) => [...keys.client(clientId), 'estate', 'imports'] as const,
  importSettings: (clientId: string) => [...keys.client(clientId), 'estate', 'import-settings'] as const,
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

/** How many records a picker (a select of systems, vendors or data sets) offers: one page, by name. */
export const PICKER_LIMIT = 500;

/** The business services, a page at a time. */
export function useServices(clientId: string, query: ListQuery) {
  return useApiList<'services', ServiceOut>(estateKeys.services(clientId), estatePath(clientId, '/services'), 'services', query);
}

/** Whether the services' downtime costs are plausible for the company's size. */
export function useDowntimeCheck(clientId: string) {
  return useQuery({ queryKey: estateKeys.downtime(clientId), queryFn: ({ signal }) => api.get<DowntimeCheck>(estatePath(clientId, '/services/downtime'), { signal }) });
}

/** Systems and assets, a page at a time, filtered and sorted by the API. */
export function useSystems(clientId: string, query: ListQuery) {
  return useApiList<'systems', SystemOut>(estateKeys.systems(clientId), estatePath(clientId, '/systems'), 'systems', query);
}

/** The first systems by name, for a picker. */
export function useSystemOptions(clientId: string) {
  return useQuery({
    queryKey: [...estateKeys.systems(clientId), 'options'],
    queryFn: async ({ signal }) => (await api.get<SystemList>(estatePath(clientId, '/systems'), { signal, query: { limit: PICKER_LIMIT } })).systems,
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

/** Vendors and fourth parties, a page at a time. */
export function useVendors(clientId: string, query: ListQuery) {
  return useApiList<'vendors', VendorOut>(estateKeys.vendors(clientId), estatePath(clientId, '/vendors'), 'vendors', query);
}

/** The first vendors by name, for a picker. */
export function useVendorOptions(clientId: string) {
  return useQuery({
    queryKey: [...estateKeys.vendors(clientId), 'options'],
    queryFn: async ({ signal }) => (await api.get<VendorList>(estatePath(clientId, '/vendors'), { signal, query: { limit: PICKER_LIMIT } })).vendors,
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

/** Data sets, a page at a time. */
export function useDatasets(clientId: string, query: ListQuery) {
  return useApiList<'datasets', DatasetOut>(estateKeys.datasets(clientId), estatePath(clientId, '/datasets'), 'datasets', query);
}

/** The first data sets by name, for a picker. */
export function useDatasetOptions(clientId: string) {
  return useQuery({
    queryKey: [...estateKeys.datasets(clientId), 'options'],
    queryFn: async ({ signal }) => (await api.get<DatasetList>(estatePath(clientId, '/datasets'), { signal, query: { limit: PICKER_LIMIT } })).datasets,
  });
}

export function useLocations(clientId: string, classification: string) {
  return useQuery({
    queryKey: estateKeys.locations(clientId, classification),
    queryFn: ({ signal }) => api.get<DataLocationsOut>(estatePath(clientId, '/datasets/locations'), { signal, query: { classification } }),
    placeholderData: keepPreviousData,
  });
}

/** Access grants, a page at a time. */
export function useGrants(clientId: string, query: ListQuery) {
  return useApiList<'grants', GrantOut>(estateKeys.grants(clientId), estatePath(clientId, '/grants'), 'grants', query);
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

/** The client's import settings: its words for statuses and types, replacement costs by type (through the typed client). */
export function useImportSettings(clientId: string) {
  return useQuery({
    queryKey: estateKeys.importSettings(clientId),
    queryFn: ({ signal }) => call(triad.GET('/api/clients/{clientId}/estate/import-settings', { params: { path: { clientId } }, signal })),
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
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How to read a file when guessing from it is not right (empty: guess). */
export interface ReadingOptions {
  encoding?: string;
  decimal?: '' | '.' | ',';
  dateFormat?: '' | 'DMY' | 'MDY' | 'YMD';
}

export function uploadCsv(
  clientId: string,
  kind: string,
  file: Blob,
  options: { dryRun: boolean; fileName: string; importId: string; onUpload?: (fraction: number) => void; reading?: ReadingOptions },
): Promise<ImportReport> {
  const params = new URLSearchParams({ dryRun: String(options.dryRun), fileName: options.fileName, importId: options.importId });
  const reading: Record<string, string | undefined> = { ...options.reading };
  for (const [k, v] of Object.entries(reading)) if (v) params.set(k, v);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${estatePath(clientId, `/import/${kind}`)}?${params.toString()}`);
    xhr.setRequestHeader('content-type', /\.xlsx$/i.test(options.fileName) ? XLSX_TYPE : 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', apiLanguage());
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
      reject(answerError(xhr.status, body, xhr.getResponseHeader('x-request-id')));
    };
    xhr.send(file);
  });
}
