/**
 * What other modules may use of controls and framework assessments: framework-free functions
 * on a ClientScope, stable and documented. The board pack reads the maturity summary; the
 * roadmap turns the ranked gaps into initiatives; the QBR reports both.
 */
import type { ClientScope } from '../../server/context.js';
import { maturity, tally } from './analysis.js';
import { getGaps, loadFull } from './views.js';
import type { GapOut, ScaleKey } from './schema.js';
import type { CtlAssessmentsTable } from './tables.js';

export type { GapOut } from './schema.js';

export interface MaturityByGroup {
  id: string;
  title: string;
  current: number | null;
  target: number | null;
  outcomes: number;
  gaps: number;
}

/** One assessment's standing: its means overall and by top-level group (CSF function). */
export interface AssessmentMaturity {
  id: string;
  title: string;
  status: 'in_progress' | 'completed';
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  outcomes: number;
  answered: number;
  notApplicable: number;
  evidenced: number;
  gaps: number;
  current: number | null;
  target: number | null;
  /** The catalogue's word for its top-level groups ("Function" for CSF). */
  groupWord: string;
  groups: MaturityByGroup[];
}

export interface MaturitySummary {
  catalogue: { id: string; title: string; builtin: string | null };
  scale: ScaleKey;
  /** The latest completed (signed-off) assessment, and the one completed before it. */
  latestCompleted: AssessmentMaturity | null;
  previousCompleted: AssessmentMaturity | null;
  /** The assessment in progress now, with its provisional figures. */
  inProgress: AssessmentMaturity | null;
}

async function standing(scope: ClientScope, row: CtlAssessmentsTable): Promise<AssessmentMaturity> {
  const l = await loadFull(scope, row);
  const m = maturity(row.id, row.scale, l.facts, l.nodes);
  const t = tally(l.facts);
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    outcomes: t.outcomes,
    answered: t.answered,
    notApplicable: t.notApplicable,
    evidenced: t.evidenced,
    gaps: t.gaps,
    current: t.current,
    target: t.target,
    groupWord: m.words.top,
    groups: m.functions.map((f) => ({ id: f.id, title: f.title, current: f.current, target: f.target, outcomes: f.outcomes, gaps: f.gaps })),
  };
}

/** The catalogue the client's most recent assessment is against (or the one asked). */
async function pickCatalogue(scope: ClientScope, catalogueId?: string): Promise<string | null> {
  if (catalogueId) return catalogueId;
  return newestCatalogue(await scope.db.selectFrom('ctl_assessments').select(['catalogue_id', 'created_at', 'completed_at', 'status']).execute());
}

function newestCatalogue(rows: Pick<CtlAssessmentsTable, 'catalogue_id' | 'created_at' | 'completed_at' | 'status'>[]): string | null {
  rows = [...rows].sort((a, b) => (b.status === 'in_progress' ? b.created_at : b.completed_at ?? b.created_at).localeCompare(a.status === 'in_progress' ? a.created_at : a.completed_at ?? a.created_at));
  return rows[0]?.catalogue_id ?? null;
}

/** Which of a client's assessments its maturity summary shows (see maturitySummary); null without any. */
export function maturityChoice(all: readonly CtlAssessmentsTable[], catalogueId?: string): { catalogueId: string; scale: ScaleKey; latest: CtlAssessmentsTable | null; previous: CtlAssessmentsTable | null; inProgress: CtlAssessmentsTable | null } | null {
  const chosen = catalogueId ?? newestCatalogue([...all]);
  if (!chosen) return null;
  const rows = all.filter((r) => r.catalogue_id === chosen);
  if (rows.length === 0) return null;
  const completed = rows.filter((r) => r.status === 'completed').sort((a, b) => b.completed_at!.localeCompare(a.completed_at!));
  const open = rows.find((r) => r.status === 'in_progress') ?? null;
  const scale = (completed[0] ?? open)!.scale;
  return { catalogueId: chosen, scale, latest: completed[0] ?? null, previous: completed.slice(1).find((r) => r.scale === scale) ?? null, inProgress: open && open.scale === scale ? open : null };
}

/**
 * The maturity of the latest completed assessment, the one before it, and the one in progress,
 * for one catalogue (default: the one the client was assessed against most recently). Null when
 * the client has no assessment. Assessments on another scale than the latest are left out, as
 * their levels do not compare.
 */
export async function maturitySummary(scope: ClientScope, options: { catalogueId?: string } = {}): Promise<MaturitySummary | null> {
  scope.require('controls.read');
  const choice = maturityChoice(await scope.db.selectFrom('ctl_assessments').selectAll().execute(), options.catalogueId);
  if (!choice) return null;
  const { catalogueId, scale, latest, previous, inProgress } = choice;
  const cat = await scope.app.database.db.selectFrom('ctl_catalogues').select(['id', 'title', 'builtin']).where('id', '=', catalogueId).where('firm_id', '=', scope.client.firm_id).executeTakeFirst();
  return {
    catalogue: { id: catalogueId, title: cat?.title ?? '(catalogue)', builtin: cat?.builtin ?? null },
    scale,
    latestCompleted: latest ? await standing(scope, latest) : null,
    previousCompleted: previous ? await standing(scope, previous) : null,
    inProgress: inProgress ? await standing(scope, inProgress) : null,
  };
}

export interface RankedGaps {
  assessment: { id: string; title: string; status: 'in_progress' | 'completed'; catalogue: string; catalogueId: string; scale: ScaleKey; completedAt: string | null };
  currency: string;
  /**
   * Each gap (current below target) with its outcome id, title, function and category, current
   * and target levels, the money at stake (current mean annual loss of the linked scenarios,
   * not additive across gaps) and the owner seat; largest money at stake first.
   */
  gaps: GapOut[];
}

/**
 * The ranked gaps of an assessment: the one asked, else the one in progress, else the latest
 * completed (of the catalogue assessed most recently). Null when the client has no assessment.
 * Each gap lists the scenarios at stake and the treatments linked to its outcome.
 */
export async function rankedGaps(scope: ClientScope, options: { assessmentId?: string; catalogueId?: string } = {}): Promise<RankedGaps | null> {
  scope.require('controls.read');
  let row: CtlAssessmentsTable | undefined;
  if (options.assessmentId) row = await scope.db.selectFrom('ctl_assessments').selectAll().where('id', '=', options.assessmentId).executeTakeFirst();
  else {
    const catalogueId = await pickCatalogue(scope, options.catalogueId);
    if (!catalogueId) return null;
    const rows = await scope.db.selectFrom('ctl_assessments').selectAll().where('catalogue_id', '=', catalogueId).execute();
    row = rows.find((r) => r.status === 'in_progress') ?? rows.filter((r) => r.status === 'completed').sort((a, b) => b.completed_at!.localeCompare(a.completed_at!))[0];
  }
  if (!row) return null;
  const cat = await scope.app.database.db.selectFrom('ctl_catalogues').select('title').where('id', '=', row.catalogue_id).executeTakeFirst();
  const g = await getGaps(scope, row.id);
  return { assessment: { id: row.id, title: row.title, status: row.status, catalogue: cat?.title ?? '', catalogueId: row.catalogue_id, scale: row.scale, completedAt: row.completed_at }, currency: g.currency, gaps: g.gaps };
}

/** What the board pack shows of controls: the maturity summary and the largest gaps by money at stake. */
export interface BoardMaturity {
  summary: MaturitySummary;
  /** The largest gaps of the latest completed assessment (else the one in progress). */
  gaps: RankedGaps | null;
}

/** The board pack's maturity source; null when the client has no assessment. */
export async function boardMaturity(scope: ClientScope, options: { topGaps?: number } = {}): Promise<BoardMaturity | null> {
  const summary = await maturitySummary(scope);
  if (!summary) return null;
  const from = summary.latestCompleted ?? summary.inProgress;
  const gaps = from ? await rankedGaps(scope, { assessmentId: from.id }) : null;
  return { summary, gaps: gaps ? { ...gaps, gaps: gaps.gaps.slice(0, options.topGaps ?? 5) } : null };
}

/** What assessments ask of the caller (the home page's "Waiting for you"). */
export { controlsTasks, controlsTasksFor } from './tasks.js';
