/** Queries and changes of controls and framework assessments, on the API of src/modules/controls/routes. */
import { useQuery } from '@tanstack/react-query';
import type {
  AssessmentDetailOut,
  AssessmentListOut,
  CatalogueImportProgress,
  CatalogueImportReport,
  CatalogueOut,
  CatalogueTreeOut,
  ComparisonOut,
  CsvImportReport,
  EvidenceOut,
  GapsOut,
  MaturityOut,
  PortfolioMaturityRow,
  RiskTargetsOut,
} from '@schema/controls';
import { api, ApiError, clientPath, csrfToken, CSRF_HEADER, type ErrorDetail } from '../../api/client';
import { keys } from '../../api/keys';

export const controlKeys = {
  all: (clientId: string) => [...keys.client(clientId), 'controls'] as const,
  catalogues: (clientId: string) => [...keys.client(clientId), 'controls', 'catalogues'] as const,
  tree: (clientId: string, catalogueId: string, versionId: string | null) => [...keys.client(clientId), 'controls', 'tree', catalogueId, versionId] as const,
  assessments: (clientId: string) => [...keys.client(clientId), 'controls', 'assessments'] as const,
  assessment: (clientId: string, id: string) => [...keys.client(clientId), 'controls', 'assessment', id] as const,
  maturity: (clientId: string, id: string) => [...keys.client(clientId), 'controls', 'assessment', id, 'maturity'] as const,
  gaps: (clientId: string, id: string) => [...keys.client(clientId), 'controls', 'assessment', id, 'gaps'] as const,
  compare: (clientId: string, from: string, to: string) => [...keys.client(clientId), 'controls', 'compare', from, to] as const,
  riskTargets: (clientId: string) => [...keys.client(clientId), 'controls', 'risk-targets'] as const,
  firmCatalogues: () => ['controls', 'catalogues'] as const,
  portfolio: () => ['portfolio', 'controls'] as const,
};

export const controlsPath = (clientId: string, path = '') => clientPath(clientId, `/controls${path}`);

export function useCatalogues(clientId: string) {
  return useQuery({
    queryKey: controlKeys.catalogues(clientId),
    queryFn: async ({ signal }) => (await api.get<{ catalogues: CatalogueOut[] }>(controlsPath(clientId, '/catalogues'), { signal })).catalogues,
    staleTime: 60_000,
  });
}

/** The firm's catalogues and whether the signed-in person may import one. */
export function useFirmCatalogues() {
  return useQuery({
    queryKey: controlKeys.firmCatalogues(),
    queryFn: ({ signal }) => api.get<{ catalogues: CatalogueOut[]; canImport: boolean }>('/api/controls/catalogues', { signal }),
  });
}

export function useCatalogueTree(clientId: string, catalogueId: string | null, versionId: string | null) {
  return useQuery({
    queryKey: controlKeys.tree(clientId, catalogueId ?? '', versionId),
    queryFn: ({ signal }) => api.get<CatalogueTreeOut>(controlsPath(clientId, `/catalogues/${encodeURIComponent(catalogueId!)}/tree`), { signal, query: { versionId } }),
    enabled: Boolean(catalogueId),
    staleTime: Infinity,
  });
}

export function useAssessments(clientId: string) {
  return useQuery({
    queryKey: controlKeys.assessments(clientId),
    queryFn: ({ signal }) => api.get<AssessmentListOut>(controlsPath(clientId, '/assessments'), { signal }),
  });
}

export function useAssessment(clientId: string, id: string) {
  return useQuery({
    queryKey: controlKeys.assessment(clientId, id),
    queryFn: ({ signal }) => api.get<AssessmentDetailOut>(controlsPath(clientId, `/assessments/${encodeURIComponent(id)}`), { signal }),
  });
}

export function useMaturity(clientId: string, id: string) {
  return useQuery({
    queryKey: controlKeys.maturity(clientId, id),
    queryFn: ({ signal }) => api.get<MaturityOut>(controlsPath(clientId, `/assessments/${encodeURIComponent(id)}/maturity`), { signal }),
  });
}

export function useGaps(clientId: string, id: string) {
  return useQuery({
    queryKey: controlKeys.gaps(clientId, id),
    queryFn: ({ signal }) => api.get<GapsOut>(controlsPath(clientId, `/assessments/${encodeURIComponent(id)}/gaps`), { signal }),
  });
}

export function useComparison(clientId: string, from: string | null, to: string) {
  return useQuery({
    queryKey: controlKeys.compare(clientId, from ?? '', to),
    queryFn: ({ signal }) => api.get<ComparisonOut>(controlsPath(clientId, '/compare'), { signal, query: { from, to } }),
    enabled: Boolean(from),
  });
}

export function useRiskTargets(clientId: string, enabled = true) {
  return useQuery({
    queryKey: controlKeys.riskTargets(clientId),
    queryFn: ({ signal }) => api.get<RiskTargetsOut>(controlsPath(clientId, '/risk-targets'), { signal }),
    enabled,
  });
}

/** Every visible client's maturity, one request for the whole portfolio table. */
export function usePortfolioControls() {
  return useQuery({
    queryKey: controlKeys.portfolio(),
    queryFn: async ({ signal }) => (await api.get<{ clients: PortfolioMaturityRow[] }>('/api/portfolio/controls', { signal })).clients,
    staleTime: 30_000,
  });
}

/** What to refresh after a change in a client's assessments. */
export function controlChangeKeys(clientId: string) {
  return [controlKeys.all(clientId), [...keys.client(clientId), 'audit'], [...keys.client(clientId), 'audit-recent'], controlKeys.portfolio()];
}

/**
 * Sends a file as the raw request body (evidence, a catalogue, a CSV), with the CSRF header;
 * resolves with the JSON answer or rejects with the API's error.
 */
export async function uploadRaw<T>(path: string, body: Blob | string, contentType: string, query: Record<string, string | undefined> = {}): Promise<T> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const headers: Record<string, string> = { 'content-type': contentType, accept: 'application/json' };
  const token = csrfToken();
  if (token) headers[CSRF_HEADER] = token;
  let res: Response;
  try {
    const qs = params.toString();
    res = await fetch(qs ? `${path}?${qs}` : path, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Triad could not be reached. Check your connection and try again.');
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    parsed = null;
  }
  if (res.ok) return parsed as T;
  const error = (parsed as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
  throw new ApiError(res.status, error?.code ?? 'BAD_RESPONSE', error?.message ?? `The server answered ${res.status}.`, error?.details ?? [], res.headers.get('x-request-id'));
}

export function uploadEvidence(clientId: string, assessmentId: string, controlId: string, file: File, title?: string): Promise<EvidenceOut> {
  return uploadRaw<EvidenceOut>(controlsPath(clientId, `/assessments/${encodeURIComponent(assessmentId)}/outcomes/${encodeURIComponent(controlId)}/evidence/file`), file, 'application/octet-stream', {
    fileName: file.name,
    title: title || undefined,
    mediaType: file.type || undefined,
  });
}

export function uploadCatalogue(file: File, importId: string): Promise<CatalogueImportReport> {
  const yaml = /\.ya?ml$/i.test(file.name);
  return uploadRaw<CatalogueImportReport>('/api/controls/catalogues', file, yaml ? 'application/yaml' : 'application/json', { fileName: file.name, importId });
}

export function importProgress(importId: string): Promise<CatalogueImportProgress> {
  return api.get<CatalogueImportProgress>(`/api/controls/catalogues/imports/${encodeURIComponent(importId)}`);
}

export function importAnswers(clientId: string, assessmentId: string, file: File, dryRun: boolean): Promise<CsvImportReport> {
  return uploadRaw<CsvImportReport>(controlsPath(clientId, `/assessments/${encodeURIComponent(assessmentId)}/import`), file, 'text/csv', { dryRun: String(dryRun), fileName: file.name });
}
