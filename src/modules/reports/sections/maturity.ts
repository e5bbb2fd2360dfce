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
import { packWords, type PackWords } from '../i18n/index.js';

const fig = (label: string, value: string, amount: number | null, note: string | null = null, tone: Tone = 'neutral'): Figure => ({ label, value, amount, note, tone });
const para = (text: string, tone: Tone = 'neutral'): Block => ({ kind: 'paragraph', text, tone });

/** "GOVERN" → "Govern"; other titles as they are. */
function groupTitle(title: string): string {
  return title === title.toUpperCase() ? title.charAt(0) + title.slice(1).toLowerCase() : title;
}

function signed(words: PackWords, x: number): string {
  const r = Math.round(x * 10) / 10;
  return r > 0 ? `+${words.fixed(r, 1)}` : r < 0 ? `\u2212${words.fixed(Math.abs(r), 1)}` : words.fixed(0, 1);
}

function moved(words: PackWords, before: number | null, after: number | null): string {
  if (before === null || after === null) return '';
  const d = Math.round((after - before) * 10) / 10;
  return d === 0 ? words.t('maturity.unchanged') : words.t(d > 0 ? 'maturity.up' : 'maturity.down', { d: words.fixed(Math.abs(d), 1) });
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

export function maturitySection(input: MaturityInput, subjects: (SubjectRef & { title: string })[], responses: Block[], words: PackWords = packWords('en')): Section {
  const { source, client, onRoadmap } = input;
  const { count, date, money } = words;
  const one = (x: number | null): string => (x === null ? '-' : words.fixed(x, 1));
  const base = { key: 'maturity' as const, number: 7, title: 'Security maturity', subjects };
  if (!source.ok) return { ...base, lead: source.reason, blocks: [{ kind: 'unavailable', text: source.reason }, ...responses] };
  if (!source.value) {
    return { ...base, lead: words.t('maturity.noneLead'), blocks: [{ kind: 'unavailable', text: words.t('maturity.none') }, ...responses] };
  }
  const { summary, gaps } = source.value;
  const scale = SCALES[summary.scale];
  const shown: AssessmentMaturity = (summary.latestCompleted ?? summary.inProgress)!;
  const signedOff = summary.latestCompleted !== null;
  const prev = signedOff ? summary.previousCompleted : summary.latestCompleted;
  const blocks: Block[] = [];
  const unit = scale.unit.toLowerCase();
  const framework = summary.catalogue.title.replace(/^Electronic Version of /, '');
  const status = signedOff ? words.t('maturity.signedOff', { title: shown.title, date: date(shown.completedAt) }) : words.t('maturity.inProgress', { title: shown.title });
  const lead =
    shown.current === null
      ? words.t('maturity.noneRatedLead', { framework })
      : words.t('maturity.lead', { framework, client: client.name, unit, current: one(shown.current), max: scale.max, target: one(shown.target), status });
  const change = prev && prev.current !== null && shown.current !== null ? shown.current - prev.current : null;
  blocks.push({
    kind: 'figures',
    items: [
      fig('Maturity now', words.t('maturity.of', { value: one(shown.current), max: scale.max }), shown.current, words.t('maturity.nowNote', words.n(shown.outcomes - shown.notApplicable, { unit }))),
      fig('Target', words.t('maturity.of', { value: one(shown.target), max: scale.max }), shown.target, scale.name),
      fig('Below target', count(shown.gaps), shown.gaps, words.t('maturity.gapsNote', words.n(shown.gaps)), shown.gaps > 0 ? 'warn' : 'good'),
      change !== null
        ? fig('Since the last assessment', signed(words, change), change, prev!.title, change > 0.05 ? 'good' : change < -0.05 ? 'bad' : 'neutral')
        : fig('Since the last assessment', words.t('maturity.firstReview'), null, words.t('maturity.firstNote')),
    ],
  });
  if (!signedOff) blocks.push(para(words.t('maturity.provisional'), 'warn'));
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
    caption: words.t('maturity.caption', { unit, group: shown.groupWord.toLowerCase(), previous: prev ? words.t('maturity.captionPrevious', { title: prev.title }) : '', scale: scale.name }),
    alt: words.t('maturity.alt', { client: client.name, group: shown.groupWord.toLowerCase() }),
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
        cells: { group: groupTitle(g.title), previous: one(p?.current ?? null), current: one(g.current), target: one(g.target), change: d === null ? '-' : signed(words, d), gaps: count(g.gaps) },
        tone: d !== null && d < -0.05 ? 'bad' : g.current !== null && g.target !== null && g.current < g.target - 1 ? 'warn' : 'neutral',
      };
    }),
    empty: words.t('maturity.noneRated'),
    note: null,
  });
  const open = summary.inProgress;
  if (signedOff && open) {
    const d = moved(words, shown.current, open.current);
    const provisional = open.current !== null ? words.t('maturity.provisionally', { unit, value: one(open.current), moved: d ? words.t('maturity.movedOn', { moved: d, title: shown.title }) : '' }) : '';
    blocks.push(para(words.t('maturity.underWay', words.n(open.outcomes, { title: open.title, answered: count(open.answered), provisional }))));
  }
  blocks.push({ kind: 'heading', text: 'The largest gaps, by money at stake' });
  const list = gaps?.gaps ?? [];
  blocks.push({
    kind: 'table',
    caption: words.t('maturity.gapsCaption'),
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
        stake: g.atStake > 0 ? money(g.atStake, gaps!.currency) : words.t('maturity.notLinked'),
        owner: g.ownerSeat ?? '-',
        ...(onRoadmap ? { roadmap: onRoadmap.get(g.controlId) ?? words.t('maturity.notYet') } : {}),
      },
      tone: g.atStake > 0 && !onRoadmap?.has(g.controlId) ? 'warn' : 'neutral',
    })),
    empty: words.t('maturity.noGap'),
    note: null,
  });
  return { ...base, lead, blocks: [...blocks, ...responses] };
}
