/**
 * The worst case's default scenario, chosen when the register's results are stored (kept apart
 * from worst-case.ts so that the recompute does not depend on the scenario functions).
 */
import type { Writer } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { inPortfolio, type RegisterData } from './model.js';
import { SETTINGS_ID } from './settings.js';

/**
 * The default choice, made when the register's results are stored: with no scenario chosen
 * yet, the largest ransomware scenario by expected annual loss, recorded (audited) so that it
 * never switches by itself when another is added.
 */
export async function chooseDefaultWorstCase(w: Writer, data: RegisterData, means: Map<string, number>): Promise<void> {
  if (data.settings.worstCaseScenarioId) return;
  const largest = data.scenarios
    .filter((s) => inPortfolio(s) && s.template === 'ransomware' && means.has(s.id))
    .sort((a, b) => means.get(b.id)! - means.get(a.id)! || a.ref_number - b.ref_number)[0];
  if (!largest) return;
  const row = await w.db.selectFrom('risk_settings').select(['worst_case_scenario_id']).where('id', '=', SETTINGS_ID).executeTakeFirst();
  if (!row || row.worst_case_scenario_id) return;
  await w.db.updateTable('risk_settings').set({ worst_case_scenario_id: largest.id, updated_at: toTimestamp(w.now()) }).where('id', '=', SETTINGS_ID).execute();
  await w.audit({
    action: 'risk.worst-case.choose',
    entityType: 'risk_settings',
    entityId: SETTINGS_ID,
    before: { scenarioId: null },
    after: { scenarioId: largest.id, ref: largest.ref, title: largest.title, reason: 'The largest ransomware scenario by expected annual loss, chosen by default when the register was first computed.' },
  });
}
