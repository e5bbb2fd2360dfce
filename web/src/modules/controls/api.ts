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
import { api, clientPath, request } from '../../api/client';
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
export function uploadRaw<T>(path: string, body: Blob | string, contentType: string, query: Record<string, string | undefined> = {}): Promise<T> {
  return request<T>('POST', path, { query, raw: { body, contentType } });
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
