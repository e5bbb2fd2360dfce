/**
 * What a QBR is made from, read through the modules' published functions, each on its own: a
 * source that fails becomes a plain "could not be read" in its section, never a failed review.
 */
import type { ClientScope } from '../../../server/context.js';
import { budgetYear, type YearOut } from '../../budget/api.js';
import { boardMaturity, type BoardMaturity } from '../../controls/api.js';
import { priorityWeights, type PriorityWeight } from '../../business/api.js';
import { lifecycleSummary, renewals, type LifecycleOut, type RenewalEvent } from '../../estate/summary.js';
import { getRoadmap, type RoadmapOut } from '../../roadmap/api.js';
import { getRiskBoardSummary, getRiskHistory, type RiskBoardSummary } from '../../risks/api.js';
import { attempt, type Source } from '../sources.js';

export interface QbrSources {
  today: string;
  window: { from: string; to: string };
  roadmap: Source<RoadmapOut>;
  budget: Source<YearOut>;
  lifecycle: Source<LifecycleOut>;
  renewals: Source<RenewalEvent[]>;
  risk: Source<Omit<RiskBoardSummary, 'ransomware'>>;
  history: Source<{ computedAt: string; mean: number; p90: number }[]>;
  priorities: Source<PriorityWeight[]>;
  /**
   * Framework maturity from the controls module (src/modules/controls/api.ts), as the board pack
   * has it: the latest signed-off assessment, the one before, the one in progress, and the
   * largest gaps by money at stake. Null when the client has no assessment: no section.
   */
  maturity: Source<BoardMaturity | null>;
}

export async function gatherQbrSources(scope: ClientScope, options: { today: string; windowTo: string }): Promise<QbrSources> {
  const { today, windowTo } = options;
  const days = Math.max(1, Math.round((Date.parse(windowTo) - Date.parse(today)) / 86_400_000));
  const roadmap = await attempt(scope, 'roadmap', () => getRoadmap(scope));
  const budget = await attempt(scope, 'IT budget', () => budgetYear(scope));
  const lifecycle = await attempt(scope, 'estate lifecycle', () => lifecycleSummary(scope, { days, quarters: 4, limit: 25 }));
  const renewing = await attempt(scope, 'contracts', () => renewals(scope, { from: today, to: windowTo }));
  const risk = await attempt(scope, 'risk register', async () => {
    const { ransomware: _r, ...rest } = await getRiskBoardSummary(scope, { top: 5 });
    return rest;
  });
  const history = await attempt(scope, 'risk history', () => getRiskHistory(scope));
  const priorities = await attempt(scope, 'business priorities', () => priorityWeights(scope));
  const maturity = await attempt(scope, 'framework assessments', () => boardMaturity(scope));
  return { today, window: { from: today, to: windowTo }, roadmap, budget, lifecycle, renewals: renewing, risk, history, priorities, maturity };
}
