import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS_DE } from './audit-actions-de';
import { PLATFORM_AUDIT_ACTIONS } from '../pages/client/audit-actions';
import { CONTROLS_AUDIT_ACTIONS } from '../modules/controls/audit-actions';
import { ESTATE_AUDIT_ACTIONS } from '../modules/estate/audit-actions';
import { GOVERNANCE_AUDIT_ACTIONS } from '../modules/governance/audit-actions';
import { REPORT_AUDIT_ACTIONS } from '../modules/reports/audit-actions';
import { RISK_AUDIT_ACTIONS } from '../modules/risks/audit-actions';
import { PLAN_AUDIT_ACTIONS } from '../modules/roadmap/audit-actions';

describe('the audit trail in German', () => {
  it('words every action the platform and the modules word in English, and no other', () => {
    const english = { ...PLATFORM_AUDIT_ACTIONS, ...CONTROLS_AUDIT_ACTIONS, ...ESTATE_AUDIT_ACTIONS, ...GOVERNANCE_AUDIT_ACTIONS, ...REPORT_AUDIT_ACTIONS, ...RISK_AUDIT_ACTIONS, ...PLAN_AUDIT_ACTIONS };
    expect(Object.keys(AUDIT_ACTIONS_DE).sort()).toEqual(Object.keys(english).sort());
    for (const [action, words] of Object.entries(AUDIT_ACTIONS_DE)) {
      expect(words.trim(), action).not.toBe('');
      expect(words, action).not.toBe(english[action]);
    }
  });
});
