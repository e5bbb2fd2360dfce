/**
 * Framework gaps on the roadmap. The candidates are the ranked gaps of one of the client's
 * assessments (src/modules/controls/api.ts): the one asked, else the one in progress (its answers
 * are the newest), else the latest signed off. An initiative made from a gap closes that outcome:
 * its owner is the outcome's owner (else the CISO), it is a security initiative when the outcome
 * is linked to risk and a compliance one when it is not, and it carries the treatments linked to
 * the outcome that are not in place yet and that no other initiative carries, so the engine
 * computes the risk it reduces; their costs are its costs.
 *
 * An outcome is known by its catalogue and control id, so the same gap found again in next
 * quarter's assessment is on the roadmap already. While an initiative closing it is open
 * (proposed, approved or in progress), another is refused; once that one is done or dropped and
 * the gap is still there, a new one may be made.
 */
import type { ClientScope } from '../../server/context.js';
import type { ClientDb } from '../../server/db/scoped.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { words, type Key, type Language, type Say } from '../../server/i18n/index.js';
import { SCALES, type ScaleKey } from '../../shared/controls/scales.js';
import { formatMoney, fromMinorUnits } from '../../shared/money.js';
import { reportDate } from '../../shared/reports/words.js';
import { rankedGaps, type GapOut } from '../controls/api.js';
import { inPortfolio, type RegisterData } from '../risks/model.js';
import { loadRegisterData } from '../risks/register.js';
import { nextQuarter, parseQuarter, quarterContaining } from '../reports/quarter.js';
import { getInitiative, isOpen } from './initiatives.js';
import { STATUS_LABELS, type FromSourceInput, type GapCandidate, type GapCandidatesOut, type InitiativeOut, type InitiativeRef } from './schema.js';
import { insertInitiative } from './store.js';

type GapInput = Extract<FromSourceInput, { type: 'gap' }>;

/** "DETECT" → "Detect"; other titles as they are. */
const groupTitle = (title: string): string => (title === title.toUpperCase() ? title.charAt(0) + title.slice(1).toLowerCase() : title);

/** `Tier 2 (Risk Informed)`. */
type RoadmapKey = Key<'roadmap'>;

/** "Tier 2 (Risk Informed)" / "Stufe 2 (Risikoinformiert)": a level of the scale (SCALES) in the reader's language. */
function level(scale: ScaleKey, value: number, say: Say<'roadmap'>): string {
  const unit = say(`scale.${scale}.unit`);
  if (!SCALES[scale].levels.some((l) => l.value === value)) return say('gap.levelUnnamed', { unit, value });
  return say('gap.level', { unit, value, name: say(`scale.${scale}.${value}` as RoadmapKey) });
}

/** At most `max` characters, cut at a word, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}\u2026`;
}

/** The initiatives that close outcomes of a catalogue, by control id, newest first. */
async function closingInitiatives(db: ClientDb, catalogueId: string): Promise<Map<string, InitiativeRef[]>> {
  const rows = await db
    .selectFrom('roadmap_initiative_outcomes')
    .innerJoin('roadmap_initiatives', (j) => j.onRef('roadmap_initiatives.client_id', '=', 'roadmap_initiative_outcomes.client_id').onRef('roadmap_initiatives.id', '=', 'roadmap_initiative_outcomes.initiative_id'))
    .select(['roadmap_initiative_outcomes.control_id', 'roadmap_initiatives.id', 'roadmap_initiatives.ref', 'roadmap_initiatives.ref_number', 'roadmap_initiatives.title', 'roadmap_initiatives.status', 'roadmap_initiatives.target_quarter'])
    .where('roadmap_initiative_outcomes.catalogue_id', '=', catalogueId)
    .execute();
  const out = new Map<string, InitiativeRef[]>();
  for (const r of rows.sort((a, b) => b.ref_number - a.ref_number)) {
    const ref: InitiativeRef = { id: r.id, ref: r.ref, title: r.title, status: r.status, targetQuarter: r.target_quarter, targetQuarterLabel: parseQuarter(r.target_quarter).label };
    out.set(r.control_id, [...(out.get(r.control_id) ?? []), ref]);
  }
  return out;
}

/** What an initiative made from the gap would carry of the treatments linked to its outcome, and what not and why. */
function treatmentPlan(gap: GapOut, data: RegisterData, taken: Map<string, string>) {
  const rows = new Map([...data.treatments.values()].flat().map((t) => [t.id, t]));
  const scenarios = new Map(data.scenarios.map((s) => [s.id, s]));
  const carries: { id: string; ref: string; name: string; status: string; oneTime: number; annual: number }[] = [];
  const notCarried: { ref: string; name: string; reason: string }[] = [];
  for (const t of gap.treatments) {
    const row = rows.get(t.id);
    if (!row) continue;
    const scenario = scenarios.get(row.scenario_id);
    const other = taken.get(row.id);
    if (row.status === 'in_place') notCarried.push({ ref: row.ref, name: row.name, reason: 'in place already' });
    else if (other) notCarried.push({ ref: row.ref, name: row.name, reason: `carried by ${other}` });
    else if (!scenario || !inPortfolio(scenario)) notCarried.push({ ref: row.ref, name: row.name, reason: 'its scenario is not in the register (a proposal, or closed)' });
    else carries.push({ id: row.id, ref: row.ref, name: row.name, status: row.status, oneTime: Number(row.one_time_cost), annual: Number(row.annual_cost) });
  }
  return { carries, notCarried };
}

/**
 * The gaps of an assessment (see the file's comment for which) as initiative candidates, largest
 * money at stake first, each with what its initiative would be and the initiatives closing it.
 */
export async function frameworkGaps(scope: ClientScope, options: { assessmentId?: string; data?: RegisterData; language?: Language } = {}): Promise<GapCandidatesOut> {
  const say = words(options.language ?? 'en', 'roadmap');
  const can = { propose: scope.can('roadmap.propose') };
  const ranked = await rankedGaps(scope, options.assessmentId ? { assessmentId: options.assessmentId } : {});
  if (!ranked) {
    if (options.assessmentId) throw notFound('Assessment');
    return { assessment: null, currency: scope.client.currency, gaps: [], can };
  }
  const a = ranked.assessment;
  const [data, closing, carried] = await Promise.all([
    options.data ?? loadRegisterData(scope),
    closingInitiatives(scope.db, a.catalogueId),
    scope.db
      .selectFrom('roadmap_initiative_treatments')
      .innerJoin('roadmap_initiatives', (j) => j.onRef('roadmap_initiatives.client_id', '=', 'roadmap_initiative_treatments.client_id').onRef('roadmap_initiatives.id', '=', 'roadmap_initiative_treatments.initiative_id'))
      .select(['roadmap_initiative_treatments.treatment_id', 'roadmap_initiatives.ref'])
      .execute(),
  ]);
  const taken = new Map(carried.map((c) => [c.treatment_id, c.ref]));
  const currency = scope.client.currency;
  const gaps = ranked.gaps.map((g): GapCandidate => {
    const { carries, notCarried } = treatmentPlan(g, data, taken);
    const refs = closing.get(g.controlId) ?? [];
    return {
      controlId: g.controlId,
      title: g.title,
      statement: g.statement,
      functionTitle: groupTitle(g.functionTitle),
      categoryTitle: g.categoryTitle,
      current: g.current,
      target: g.target,
      levels: say('gap.levels', { current: level(a.scale, g.current, say), target: level(a.scale, g.target, say) }),
      atStake: g.atStake,
      scenarios: g.scenarios.map((s) => ({ id: s.id, ref: s.ref, title: s.title })),
      ownerSeat: g.ownerSeat ?? 'CISO',
      kind: g.scenarios.length > 0 || g.treatments.length > 0 ? 'security' : 'compliance',
      carries: carries.map(({ id, ref, name, status }) => ({ id, ref, name, status })),
      notCarried,
      oneTimeCost: fromMinorUnits(carries.reduce((s, t) => s + t.oneTime, 0), currency),
      annualCost: fromMinorUnits(carries.reduce((s, t) => s + t.annual, 0), currency),
      initiative: refs.find((r) => isOpen(r.status)) ?? null,
      earlier: refs.filter((r) => !isOpen(r.status)),
    };
  });
  return { assessment: { id: a.id, title: a.title, status: a.status, catalogueId: a.catalogueId, catalogue: a.catalogue, scale: a.scale, completedAt: a.completedAt }, currency, gaps, can };
}

function alreadyOnTheRoadmap(controlId: string, open: InitiativeRef) {
  return conflict(`${controlId} is on the roadmap already: ${open.ref} ${open.title} (${STATUS_LABELS[open.status].toLowerCase()}, ${open.targetQuarterLabel}). Change that initiative rather than make a second one.`, [
    { path: 'body.controlId', message: `already closed by initiative ${open.ref}` },
  ]);
}

/** Makes the initiative that closes a gap (see the file's comment), in one transaction with its audit entry. */
export async function createFromGap(scope: ClientScope, input: GapInput): Promise<InitiativeOut> {
  const candidates = await frameworkGaps(scope, input.assessmentId ? { assessmentId: input.assessmentId } : {});
  const a = candidates.assessment;
  if (!a) throw invalid('The client has no framework assessment yet: its gaps become initiatives once its outcomes are rated.', [{ path: 'body.controlId', message: 'no assessment to take the gap from' }]);
  const gap = candidates.gaps.find((g) => g.controlId === input.controlId);
  if (!gap) throw invalid(`${input.controlId} is not a gap of "${a.title}": no outcome of it by that id is below its target.`, [{ path: 'body.controlId', message: `not below its target in "${a.title}"` }]);
  if (gap.initiative) throw alreadyOnTheRoadmap(gap.controlId, gap.initiative);

  const money = (x: number): string => formatMoney(x, candidates.currency);
  const where = `${gap.functionTitle}${gap.categoryTitle ? ` \u203a ${gap.categoryTitle}` : ''}`;
  const text = gap.statement ?? (gap.title !== gap.controlId ? gap.title : null);
  const found = a.status === 'completed' ? `"${a.title}", signed off ${reportDate(a.completedAt)}` : `"${a.title}", in progress`;
  const description = [
    `Closes the gap on ${gap.controlId} (${where}) found in ${found}: ${gap.levels.replace(' \u2192 ', ' now, target ')}.`,
    text ? `The outcome: ${text.trim().replace(/[.\s]*$/, '.')}` : null,
    gap.scenarios.length > 0
      ? `At stake: ${money(gap.atStake)} a year, the expected annual loss of ${gap.scenarios.map((s) => `${s.ref} ${s.title}`).join('; ')}.`
      : gap.kind === 'compliance'
        ? 'No risk scenario is linked to the outcome: this closes the gap to meet the framework.'
        : null,
    gap.carries.length > 0 ? `It carries ${gap.carries.map((t) => `${t.ref} ${t.name}`).join(', ')}, linked to the outcome: their costs are its costs, and the risk it reduces is computed from them.` : null,
    gap.notCarried.length > 0 ? `Linked to the outcome but not carried: ${gap.notCarried.map((t) => `${t.ref} ${t.name} (${t.reason})`).join('; ')}.` : null,
  ]
    .filter((x): x is string => x !== null)
    .join(' ');
  const target = SCALES[a.scale];
  const title = clip(`Raise ${gap.controlId} to ${target.unit.toLowerCase()} ${gap.target}${text ? `: ${text.replace(/\.$/, '')}` : ''}`, 200);
  const next = nextQuarter(quarterContaining(scope.now())).key;

  const id = await scope.write(async (w) => {
    // Checked again inside the transaction, so two people turning the same gap at once make one initiative.
    const open = (await closingInitiatives(w.db, a.catalogueId)).get(gap.controlId)?.find((r) => isOpen(r.status));
    if (open) throw alreadyOnTheRoadmap(gap.controlId, open);
    return insertInitiative(w, scope, {
      title,
      description: clip(description, 4000),
      ownerSeat: gap.ownerSeat,
      kind: gap.kind,
      scope: 'internal',
      oneTimeCost: gap.oneTimeCost,
      annualCost: gap.annualCost,
      expectedSaving: 0,
      expectedRevenue: 0,
      targetQuarter: input.targetQuarter ?? next,
      status: 'proposed',
      priorityIds: [],
      treatmentIds: gap.carries.map((t) => t.id),
      source: { type: 'gap', id: a.id, label: `${gap.controlId} in ${a.title}` },
      outcomes: [{ catalogueId: a.catalogueId, controlId: gap.controlId, title: text ?? gap.controlId, assessmentId: a.id, assessmentTitle: a.title }],
    });
  });
  return getInitiative(scope, id);
}
