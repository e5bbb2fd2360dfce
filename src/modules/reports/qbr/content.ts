/**
 * The quarterly business review's content, built from its sources (pure): one page first in
 * plain language, then what was done last quarter, the roadmap for the next four quarters, the
 * IT budget against actual with the forecast, the lifecycle replacements and renewals due, and
 * maturity against the client's framework (the board pack's section, with what the roadmap does
 * about each of the largest gaps), and the risk in money with its trend.
 */
import type { Block, Figure, Tone } from '../schema.js';
import { budgetBlocks, budgetLead } from '../sections/budget.js';
import { maturitySection } from '../sections/maturity.js';
import { doneBlocks, roadmapBlocks } from '../sections/roadmap.js';
import { quarterContaining, quarterOf, type Quarter } from '../quarter.js';
import { count, date, joinAnd, money, plural, roughly } from '../text.js';
import type { QbrContent, QbrSection } from '../schema.js';
import type { QbrSources } from './sources.js';

export interface QbrInput {
  client: { id: string; name: string; sector: string; currency: string };
  quarter: Quarter;
  generatedAt: string;
  sources: QbrSources;
}

const OPEN = ['proposed', 'approved', 'in_progress'];
const fig = (label: string, value: string, amount: number | null, note: string | null = null, tone: Tone = 'neutral'): Figure => ({ label, value, amount, note, tone });
const unavailable = (text: string): Block => ({ kind: 'unavailable', text });

export function buildQbr(input: QbrInput): QbrContent {
  const { sources: s, quarter, client } = input;
  const cur = client.currency;
  const previous = quarterOf(quarter.year, quarter.q - 1);
  const next4 = [0, 1, 2, 3].map((k) => quarterOf(quarter.year, quarter.q + k));
  const keys = new Set(next4.map((q) => q.key));
  const initiatives = s.roadmap.ok ? s.roadmap.value.initiatives : [];
  const done = initiatives.filter((i) => i.targetQuarter === previous.key && i.status === 'done');
  const planned = initiatives.filter((i) => keys.has(i.targetQuarter) && OPEN.includes(i.status));
  const riskReduced = planned.reduce((sum, i) => sum + (i.riskReduction?.mean ?? 0), 0);
  const portfolio = s.risk.ok ? s.risk.value.portfolio : null;
  const y = s.budget.ok ? s.budget.value : null;
  const hasBudget = !!y && (y.totals.plan !== 0 || y.totals.actual !== 0);
  const roadmapInput = { currency: cur, initiatives };
  const sections: QbrSection[] = [];
  // The largest gaps of the latest assessment, and the initiative that closes each (an open one
  // first, else one done), matched by catalogue and control id.
  const maturity = s.maturity.ok ? s.maturity.value : null;
  const topGaps = maturity?.gaps?.gaps ?? [];
  const onRoadmap = new Map<string, string>();
  if (maturity?.gaps) {
    const catalogueId = maturity.gaps.assessment.catalogueId;
    const closing = (open: boolean) => initiatives.filter((i) => (open ? OPEN.includes(i.status) : i.status === 'done') && i.outcomes.some((o) => o.catalogueId === catalogueId));
    for (const i of closing(false)) for (const o of i.outcomes) onRoadmap.set(o.controlId, `${i.ref}, done`);
    for (const i of closing(true)) for (const o of i.outcomes) onRoadmap.set(o.controlId, `${i.ref}, ${i.targetQuarterLabel}`);
  }
  const maturityPart = !s.maturity.ok || maturity !== null ? maturitySection({ client: { name: client.name, currency: cur }, source: s.maturity, onRoadmap }, [], []) : null;

  // 1. The summary: one page, plain language.
  const summary: Block[] = [];
  summary.push({
    kind: 'figures',
    items: [
      hasBudget ? fig(`${y.label} forecast`, money(y.totals.forecast, cur), y.totals.forecast, `against a plan of ${money(y.totals.plan, cur)}`, y.totals.variance > 0.02 * y.totals.plan ? 'bad' : 'neutral') : fig('IT budget', 'Not planned', null, null, 'warn'),
      fig(`Done in ${previous.label}`, count(done.length), done.length, done.length ? null : 'nothing marked done'),
      fig('Planned, next four quarters', count(planned.length), planned.length, `${money(planned.reduce((sum, i) => sum + i.oneTimeCost, 0), cur)} one-time`),
      portfolio ? fig('Expected annual loss', money(portfolio.mean, cur), portfolio.mean, riskReduced > 0 ? `the roadmap cuts ${roughly(riskReduced, cur)} of it` : 'technology and information risk', 'neutral') : fig('Expected annual loss', 'Not computed', null, null, 'warn'),
    ],
  });
  const points: { text: string; tone: Tone }[] = [];
  if (y) points.push({ text: budgetLead(y), tone: hasBudget && y.totals.variance > 0.02 * y.totals.plan ? 'bad' : 'neutral' });
  else if (!s.budget.ok) points.push({ text: s.budget.reason, tone: 'warn' });
  points.push(
    done.length
      ? { text: `In ${previous.label}, ${joinAnd(done.map((i) => i.title))} ${done.length === 1 ? 'was' : 'were'} done.`, tone: 'good' }
      : { text: `No initiative planned for ${previous.label} is marked done.`, tone: 'neutral' },
  );
  const first = [...planned].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)).slice(0, 3);
  if (planned.length) points.push({ text: `From ${next4[0]!.label} to ${next4[3]!.label}, ${plural(planned.length, 'initiative')} ${planned.length === 1 ? 'is' : 'are'} planned; the best value for money first: ${joinAnd(first.map((i) => `${i.title} (${i.targetQuarterLabel})`))}.`, tone: 'neutral' });
  if (portfolio) {
    points.push({
      text: `${client.name} can expect to lose about ${roughly(portfolio.mean, cur)} a year to technology and information risks, and ${roughly(portfolio.p90, cur)} or more one year in ten${riskReduced > 0 ? `; the planned initiatives would cut the expected loss by about ${roughly(riskReduced, cur)} a year` : ''}.`,
      tone: 'neutral',
    });
  }
  const renewingCount = s.renewals.ok ? s.renewals.value.filter((e) => e.events.includes('renewal')).length : 0;
  const eolCount = s.lifecycle.ok ? s.lifecycle.value.endOfLife.count + s.lifecycle.value.pastEndOfLife.count : 0;
  if (renewingCount || eolCount) points.push({ text: `By ${date(s.window.to)}, ${plural(renewingCount, 'contract')} ${renewingCount === 1 ? 'renews' : 'renew'} and ${plural(eolCount, 'system')} ${eolCount === 1 ? 'is' : 'are'} due for replacement.`, tone: 'warn' });
  if (maturity && maturityPart) {
    const covered = topGaps.filter((g) => onRoadmap.has(g.controlId)).length;
    const gapsText =
      topGaps.length === 0
        ? ''
        : topGaps.length === 1
          ? ` The largest gap by money at stake ${covered ? 'has an initiative on the roadmap' : 'has no initiative on the roadmap yet'}.`
          : ` ${covered === topGaps.length ? `All ${topGaps.length}` : `${covered} of the ${topGaps.length}`} largest gaps by money at stake ${covered === 1 ? 'has' : 'have'} an initiative on the roadmap.`;
    points.push({ text: `${maturityPart.lead}${gapsText}`, tone: covered < topGaps.length ? 'warn' : 'neutral' });
  }
  if (s.priorities.ok) {
    const active = s.priorities.value.filter((p) => p.active);
    const served = active.map((p) => ({ p, n: planned.filter((i) => i.priorities.some((x) => x.id === p.id)).length }));
    const unserved = served.filter((x) => x.n === 0);
    if (active.length) points.push({ text: `The business's priorities: ${joinAnd(served.map((x) => `${x.p.title} (${x.p.weight}%, ${plural(x.n, 'initiative')})`))}.${unserved.length ? ` Nothing on the roadmap serves ${joinAnd(unserved.map((x) => `"${x.p.title}"`))} yet.` : ''}`, tone: unserved.length ? 'warn' : 'neutral' });
  }
  summary.push({ kind: 'list', items: points });
  sections.push({ key: 'summary', number: 1, title: 'Summary', lead: `${client.name}: the quarterly business review for ${quarter.label}.`, blocks: summary });

  // 2. What was done last quarter.
  sections.push({
    key: 'done',
    number: 2,
    title: `Done in ${previous.label}`,
    lead: done.length ? `${plural(done.length, 'initiative')} done in ${previous.label}.` : `Nothing planned for ${previous.label} is marked done.`,
    blocks: s.roadmap.ok ? doneBlocks(roadmapInput, previous) : [unavailable(s.roadmap.reason)],
  });

  // 3. The roadmap for the next four quarters.
  sections.push({
    key: 'roadmap',
    number: 3,
    title: 'Roadmap, next four quarters',
    lead: planned.length ? `${plural(planned.length, 'initiative')} from ${next4[0]!.label} to ${next4[3]!.label}, ranked by the risk they reduce per unit of cost and the weight of the priorities they serve.` : `Nothing is planned from ${next4[0]!.label} to ${next4[3]!.label} yet.`,
    blocks: s.roadmap.ok ? roadmapBlocks(roadmapInput, next4) : [unavailable(s.roadmap.reason)],
  });

  // 4. The budget against actual, and the forecast.
  sections.push({
    key: 'budget',
    number: 4,
    title: 'IT budget against actual',
    lead: y ? budgetLead(y) : 'The IT budget could not be read.',
    blocks: y ? budgetBlocks(y) : [unavailable(s.budget.ok ? '' : s.budget.reason)],
  });

  // 5. Lifecycle replacements and renewals due.
  const lifecycle: Block[] = [];
  if (!s.lifecycle.ok) lifecycle.push(unavailable(s.lifecycle.reason));
  else {
    const l = s.lifecycle.value;
    const items = [...l.pastEndOfLife.items.map((x) => ({ ...x, what: 'Past end of life' })), ...l.endOfLife.items.map((x) => ({ ...x, what: 'End of life' })), ...l.warrantyEnding.items.map((x) => ({ ...x, what: 'Warranty ends' }))];
    lifecycle.push({
      kind: 'table',
      caption: 'Systems to replace',
      columns: [
        { key: 'name', label: 'System', align: 'left', width: 2.4 },
        { key: 'what', label: 'Why', align: 'left', width: 1.1 },
        { key: 'date', label: 'Date', align: 'left', width: 0.9 },
        { key: 'cost', label: 'Replacement', align: 'right', width: 1 },
        { key: 'plan', label: 'On the roadmap', align: 'left', width: 1.1 },
      ],
      rows: items.map((x) => {
        const i = initiatives.find((it) => it.source.type === 'system' && it.source.id === x.id);
        return { cells: { name: x.name + (x.assetTag ? ` (${x.assetTag})` : ''), what: x.what, date: date(x.date), cost: x.replacementCost !== null ? money(x.replacementCost, cur) : '-', plan: i ? `${i.ref}, ${i.targetQuarterLabel}` : 'Not yet' }, tone: (x.what === 'Past end of life' ? 'bad' : i ? 'neutral' : 'warn') };
      }),
      empty: `No system reaches end of life or leaves warranty by ${date(l.to)}.`,
      note: null,
    });
  }
  if (!s.renewals.ok) lifecycle.push(unavailable(s.renewals.reason));
  else {
    lifecycle.push({
      kind: 'table',
      caption: 'Contract renewals and notice deadlines',
      columns: [
        { key: 'vendor', label: 'Vendor', align: 'left', width: 1.5 },
        { key: 'contract', label: 'Contract', align: 'left', width: 1.6 },
        { key: 'cost', label: 'A year', align: 'right', width: 0.9 },
        { key: 'notice', label: 'Last day to cancel', align: 'left', width: 1.1 },
        { key: 'renewal', label: 'Renews', align: 'left', width: 0.9 },
      ],
      rows: s.renewals.value.map((e) => ({
        cells: { vendor: e.vendorName, contract: e.reference, cost: money(e.annualCost, cur), notice: e.autoRenew ? date(e.noticeDeadline) : 'Does not auto-renew', renewal: date(e.renewalDate) },
        tone: (e.autoRenew && e.noticeDeadline >= s.today ? 'warn' : 'neutral'),
      })),
      empty: `No contract renews or reaches a notice deadline by ${date(s.window.to)}.`,
      note: null,
    });
  }
  sections.push({ key: 'lifecycle', number: 5, title: 'Replacements and renewals due', lead: `What falls due by ${date(s.window.to)}: systems at end of life or out of warranty, and contracts to renew or cancel.`, blocks: lifecycle });

  // 6. Maturity against the framework: the board pack's section, with the roadmap beside the gaps.
  let n = 6;
  if (maturityPart) sections.push({ key: 'maturity', number: n++, title: maturityPart.title, lead: maturityPart.lead, blocks: maturityPart.blocks });

  // 7. Risk in money and its trend.
  const risk: Block[] = [];
  let riskLead = 'Technology and information risk in money, and how it moved.';
  if (!s.risk.ok) risk.push(unavailable(s.risk.reason));
  else if (!portfolio) risk.push(unavailable('The risk register has no computed figures yet.'));
  else {
    riskLead = `About ${roughly(portfolio.mean, cur)} expected a year; ${roughly(portfolio.p90, cur)} or more one year in ten.`;
    risk.push({
      kind: 'figures',
      items: [
        fig('Expected annual loss', money(portfolio.mean, cur), portfolio.mean, 'with the treatments in place and planned'),
        fig('1-in-10-year loss', money(portfolio.p90, cur), portfolio.p90),
        fig('Before any treatment', money(portfolio.inherentMean, cur), portfolio.inherentMean, 'expected a year'),
        fig('Cut by the roadmap', money(riskReduced, cur), riskReduced, 'expected a year, next four quarters', riskReduced > 0 ? 'good' : 'neutral'),
      ],
    });
    if (s.history.ok) {
      const byQuarter = new Map<string, { label: string; mean: number; p90: number }>();
      for (const h of s.history.value) {
        const q = quarterContaining(h.computedAt.slice(0, 10));
        byQuarter.set(q.key, { label: q.label, mean: h.mean, p90: h.p90 });
      }
      const points = [...byQuarter.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-8).map(([, v]) => v);
      if (points.length > 1) risk.push({ kind: 'chart', chart: { type: 'risk-trend', currency: cur, points }, caption: 'The expected annual loss and the 1-in-10-year loss at the end of each quarter.', alt: `How ${client.name}'s risk in money moved quarter by quarter.` });
      else risk.push({ kind: 'paragraph', tone: 'neutral', text: 'The trend appears from the next quarter on: the register has been computed in this quarter only.' });
    }
    risk.push({
      kind: 'table',
      caption: 'The largest risks',
      columns: [
        { key: 'ref', label: 'Ref', align: 'left', width: 0.5 },
        { key: 'title', label: 'Risk', align: 'left', width: 2.8 },
        { key: 'owner', label: 'Owner', align: 'left', width: 0.7 },
        { key: 'mean', label: 'Expected a year', align: 'right', width: 1.1 },
        { key: 'p90', label: '1 year in 10', align: 'right', width: 1.1 },
      ],
      rows: s.risk.value.topRisks.map((r) => ({ cells: { ref: r.ref, title: r.title, owner: r.ownerSeat, mean: money(r.mean, cur), p90: money(r.p90, cur) }, tone: 'neutral' })),
      empty: 'No risk has a computed figure yet.',
      note: null,
    });
  }
  sections.push({ key: 'risk', number: n, title: 'Risk in money', lead: riskLead, blocks: risk });

  return {
    version: 1,
    kind: 'qbr',
    client,
    quarter: { key: quarter.key, label: quarter.label, start: quarter.start, end: quarter.end },
    previousQuarter: { key: previous.key, label: previous.label },
    generatedAt: input.generatedAt,
    asOf: s.today,
    figures: {
      budgetPlan: hasBudget ? y.totals.plan : null,
      budgetForecast: hasBudget ? y.totals.forecast : null,
      budgetVariance: hasBudget ? y.totals.variance : null,
      doneLastQuarter: done.length,
      plannedNextFour: planned.length,
      expectedLoss: portfolio?.mean ?? null,
      riskReducedByRoadmap: riskReduced,
    },
    sections,
  };
}
