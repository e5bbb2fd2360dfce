/** Rows of the register's tables as a read gives them, for the unit tests of src/modules/risks. */
import type { RiskScenariosTable, RiskTreatmentsTable } from '../../src/modules/risks/tables.js';

/** Scenario `n` (id `s<n>`, ref `R<n>`), open, with a constant frequency and loss. */
export function scenarioRow(n: number, over: Partial<RiskScenariosTable> = {}): RiskScenariosTable {
  return {
    client_id: 'c1',
    id: `s${n}`,
    ref: `R${n}`,
    ref_number: n,
    title: `Scenario ${n}`,
    description: null,
    threat: 'Ransomware',
    owner_seat: 'CISO',
    status: 'open',
    proposed: 0,
    template: null,
    template_params_json: null,
    inputs_json: '{"lossEventFrequency":{"type":"constant","value":0.4},"primaryLoss":{"type":"constant","value":100000}}',
    status_reason: null,
    created_by: 'u1',
    created_at: '2026-11-01T10:00:00.000Z',
    updated_at: '2026-11-02T10:00:00.000Z',
    ...over,
  };
}

/** Treatment `k` of scenario `n` (id `t<n>-<k>`), planned. */
export function treatmentRow(n: number, k: number, over: Partial<RiskTreatmentsTable> = {}): RiskTreatmentsTable {
  return {
    client_id: 'c1',
    id: `t${n}-${k}`,
    ref: `T${n}-${k}`,
    scenario_id: `s${n}`,
    name: `Treatment ${k}`,
    description: null,
    status: 'planned',
    annual_cost: 100_00 * k,
    one_time_cost: 0,
    effect_json: '{"lossEventFrequency":{"type":"constant","value":0.5}}',
    created_at: '2026-11-01T10:00:00.000Z',
    updated_at: '2026-11-01T10:00:00.000Z',
    ...over,
  };
}
