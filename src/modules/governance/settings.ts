import type { ClientScope } from '../../server/context.js';
import { toJson, toTimestamp } from '../../server/db/conventions.js';
import { invalid } from '../../server/errors.js';
import { ensureGovernance, getSettings } from './common.js';
import { getDelegation } from './delegation.js';
import { SettingsPatch, type GovSettings, type SettingsOut } from './schema.js';

export async function readSettings(scope: ClientScope): Promise<SettingsOut> {
  await ensureGovernance(scope);
  return { ...(await getSettings(scope.db)), delegation: await getDelegation(scope), can: { edit: scope.can('governance.edit'), delegate: scope.can('governance.delegate') } };
}

/** Changes the client's governance settings (advisors). */
export async function updateSettings(scope: ClientScope, raw: SettingsPatch): Promise<SettingsOut> {
  scope.require('governance.edit');
  const patch = SettingsPatch.parse(raw);
  await ensureGovernance(scope);
  const before = await getSettings(scope.db);
  const after: GovSettings = {
    defaultAcceptanceMonths: patch.defaultAcceptanceMonths ?? before.defaultAcceptanceMonths,
    maxAcceptanceMonths: patch.maxAcceptanceMonths ?? before.maxAcceptanceMonths,
    materialChangePercent: patch.materialChangePercent ?? before.materialChangePercent,
    reminderDays: patch.reminderDays ? [...new Set(patch.reminderDays)].sort((a, b) => b - a) : before.reminderDays,
    concernResponseDays: patch.concernResponseDays ?? before.concernResponseDays,
  };
  if (after.defaultAcceptanceMonths > after.maxAcceptanceMonths) {
    const path = patch.defaultAcceptanceMonths !== undefined ? 'defaultAcceptanceMonths' : 'maxAcceptanceMonths';
    throw invalid('The default expiry of an acceptance cannot be longer than the maximum.', [{ path, message: `default (${after.defaultAcceptanceMonths}) must not exceed the maximum (${after.maxAcceptanceMonths})` }]);
  }
  await scope.write(async (w) => {
    await w.db
      .updateTable('gov_settings')
      .set({
        default_acceptance_months: after.defaultAcceptanceMonths,
        max_acceptance_months: after.maxAcceptanceMonths,
        material_change_percent: after.materialChangePercent,
        reminder_days_json: toJson(after.reminderDays) ?? '[]',
        concern_response_days: after.concernResponseDays,
        updated_at: toTimestamp(scope.now()),
      })
      .execute();
    await w.audit({ action: 'governance-settings.update', entityType: 'governance-settings', entityId: null, before, after });
  });
  return readSettings(scope);
}
