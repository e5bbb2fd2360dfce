/**
 * The board pack's maturity section: where the company stands against its security framework
 * (NIST CSF 2.0 for most), current against target by function, the change since the last
 * completed assessment, the assessment under way, and the largest gaps by money at stake.
 * Pure: built from the controls module's board source.
 */
import { levelLabel, SCALES } from '../../controls/schema.js';
import type { AssessmentMaturity, BoardMaturity } from '../../controls/api.js';
import type { Block, Figure, Section, Tone } from '../schema.js';
import type { Source, SubjectRef } from '../sources.js';
import { count, date, money, plural } from '../text.js';

const fig = (label: string, value: string, amount: number | null, note: string | null = null, tone: Tone = 'neutral'): Figure => ({ label, value, amount, note, tone });
const para = (text: string, tone: Tone = 'neutral'): Block => ({ kind: 'paragraph', text, tone });

/** "GOVERN" → "Govern"; other titles as they are. */
function groupTitle(title: string): string {
  return title === title.toUpperCase() ? title.charAt(0) + title.slice(1).toLowerCase() : title;
}

const one = (x: number | null): string => (x === null ? '-' : x.toFixed(1));

function signed(x: number): string {
  const r = Math.round(x * 10) / 10;
  return r > 0 ? `+${r.toFixed(1)}` : r < 0 ? `\u2212${Math.abs(r).toFixed(1)}` : '0.0';
}

function moved(before: number | null, after: number | null): string {
  if (before === null || after === null) return '';
  const d = Math.round((after - before) * 10) / 10;
  return d === 0 ? 'unchanged' : `${d > 0 ? 'up' : 'down'} ${Math.abs(d).toFixed(1)}`;
}

export interface MaturityInput {
  client: { name: string; currency: string };
  source: Source<BoardMaturity | null>;
  /**
   * What the roadmap does about each gap, by control id (`I8, Q1 2027`), for the reports that
   * show it beside the gaps (the QBR); without it the table has no roadmap column.
   */
  onRoadmap?: ReadonlyMap<string, string>;
}

export function maturitySection(input: MaturityInput, subjects: (SubjectRef & { title: string })[], responses: Block[]): Section {
  const { source, client, onRoadmap } = input;
  const base = { key: 'maturity' as const, number: 7, title: 'Security maturity', subjects };
  if (!source.ok) return { ...base, lead: source.reason, blocks: [{ kind: 'unavailable', text: source.reason }, ...responses] };
  if (!source.value) {
    const text = 'No framework assessment has been made yet: once the outcomes of a framework such as NIST CSF 2.0 are rated and signed off, this section shows the company\u2019s maturity against its target.';
    return { ...base, lead: 'No framework assessment has been made yet.', blocks: [{ kind: 'unavailable', text }, ...responses] };
  }
  const { summary, gaps } = source.value;
  const scale = SCALES[summary.scale];
  const shown: AssessmentMaturity = (summary.latestCompleted ?? summary.inProgress)!;
  const signedOff = summary.latestCompleted !== null;
  const prev = signedOff ? summary.previousCompleted : summary.latestCompleted;
  const blocks: Block[] = [];
  const unit = scale.unit.toLowerCase();
  const framework = summary.catalogue.title.replace(/^Electronic Version of /, '');
  const lead = shown.current === null
    ? `No outcome of ${framework} has been rated yet.`
    : `Against ${framework}, ${client.name} stands at ${unit} ${one(shown.current)} of ${scale.max} on average, against a target of ${one(shown.target)}${signedOff ? ` (${shown.title}, signed off ${date(shown.completedAt)})` : ` (${shown.title}, still in progress)`}.`;
  const change = prev && prev.current !== null && shown.current !== null ? shown.current - prev.current : null;
  blocks.push({
    kind: 'figures',
    items: [
      fig('Maturity now', `${one(shown.current)} of ${scale.max}`, shown.current, `mean ${unit} of the ${plural(shown.outcomes - shown.notApplicable, 'outcome')} that apply`),
      fig('Target', `${one(shown.target)} of ${scale.max}`, shown.target, scale.name),
      fig('Below target', count(shown.gaps), shown.gaps, `${plural(shown.gaps, 'outcome')} short of the target`, shown.gaps > 0 ? 'warn' : 'good'),
      change !== null
        ? fig('Since the last assessment', signed(change), change, prev!.title, change > 0.05 ? 'good' : change < -0.05 ? 'bad' : 'neutral')
        : fig('Since the last assessment', 'First review', null, 'the next one will show the change'),
    ],
  });
  if (!signedOff) blocks.push(para('No assessment has been signed off yet: these figures come from the one in progress and may still change.', 'warn'));
  const prevOf = new Map((prev?.groups ?? []).map((g) => [g.id, g]));
  blocks.push({
    kind: 'chart',
    chart: {
      type: 'maturity',
      unit: scale.unit,
      min: scale.min,
      max: scale.max,
      groups: shown.groups.map((g) => ({ label: groupTitle(g.title), previous: prevOf.get(g.id)?.current ?? null, current: g.current, target: g.target })),
    },
    caption: `Mean ${unit} by ${shown.groupWord.toLowerCase()}, now against the target${prev ? ` and as at ${prev.title}` : ''} (${scale.name}).`,
    alt: `Maturity of ${client.name} by ${shown.groupWord.toLowerCase()}, current against target.`,
  });
  blocks.push({
    kind: 'table',
    caption: null,
    columns: [
      { key: 'group', label: shown.groupWord, align: 'left', width: 2 },
      ...(prev ? [{ key: 'previous', label: 'Last assessment', align: 'right' as const, width: 1 }] : []),
      { key: 'current', label: 'Now', align: 'right', width: 0.8 },
      { key: 'target', label: 'Target', align: 'right', width: 0.8 },
      ...(prev ? [{ key: 'change', label: 'Change', align: 'right' as const, width: 1 }] : []),
      { key: 'gaps', label: 'Below target', align: 'right', width: 1 },
    ],
    rows: shown.groups.map((g) => {
      const p = prevOf.get(g.id);
      const d = p && p.current !== null && g.current !== null ? g.current - p.current : null;
      return {
        cells: { group: groupTitle(g.title), previous: one(p?.current ?? null), current: one(g.current), target: one(g.target), change: d === null ? '-' : signed(d), gaps: count(g.gaps) },
        tone: d !== null && d < -0.05 ? 'bad' : g.current !== null && g.target !== null && g.current < g.target - 1 ? 'warn' : 'neutral',
      };
    }),
    empty: 'No outcome is rated yet.',
    note: null,
  });
  const open = summary.inProgress;
  if (signedOff && open) {
    const d = moved(shown.current, open.current);
    blocks.push(
      para(
        `${open.title} is under way: ${count(open.answered)} of ${plural(open.outcomes, 'outcome')} answered so far${open.current !== null ? `, provisionally at ${unit} ${one(open.current)}${d ? ` (${d} on ${shown.title})` : ''}` : ''}.`,
      ),
    );
  }
  blocks.push({ kind: 'heading', text: 'The largest gaps, by money at stake' });
  const list = gaps?.gaps ?? [];
  blocks.push({
    kind: 'table',
    caption: 'Outcomes below target, largest first by the expected annual loss of the risks they leave exposed (a risk can sit behind several gaps, so these do not add up).',
    columns: [
      { key: 'outcome', label: 'Outcome', align: 'left', width: 2.8 },
      { key: 'levels', label: 'Now \u2192 target', align: 'left', width: 1.4 },
      { key: 'stake', label: 'At stake a year', align: 'right', width: 1.1 },
      { key: 'owner', label: 'Owner', align: 'left', width: 0.7 },
      ...(onRoadmap ? [{ key: 'roadmap', label: 'On the roadmap', align: 'left' as const, width: 1.1 }] : []),
    ],
    rows: list.map((g) => ({
      cells: {
        outcome: `${g.controlId} ${g.statement ?? g.title}`,
        levels: `${levelLabel(summary.scale, g.current)} \u2192 ${levelLabel(summary.scale, g.target)}`,
        stake: g.atStake > 0 ? money(g.atStake, gaps!.currency) : 'Not linked to a risk',
        owner: g.ownerSeat ?? '-',
        ...(onRoadmap ? { roadmap: onRoadmap.get(g.controlId) ?? 'Not yet' } : {}),
      },
      tone: g.atStake > 0 && !onRoadmap?.has(g.controlId) ? 'warn' : 'neutral',
    })),
    empty: 'No outcome is below its target.',
    note: null,
  });
  return { ...base, lead, blocks: [...blocks, ...responses] };
}
