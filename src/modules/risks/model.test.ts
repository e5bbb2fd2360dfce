import { describe, expect, it } from 'vitest';
import { hashOf, memoisedScenarioHash, modelHash, registerRisk, scenarioHash, type RegisterData } from './model.js';
import type { RiskScenariosTable, RiskTreatmentsTable } from './tables.js';
import { scenarioRow, treatmentRow } from '../../../test/support/risk-rows.js';

const treatment = (scenarioId: string, k: number, over: Partial<RiskTreatmentsTable> = {}): RiskTreatmentsTable => treatmentRow(1, k, { id: `${scenarioId}-t${k}`, ref: `T${k}`, scenario_id: scenarioId, ...over });

const data = (s: RiskScenariosTable, ts: RiskTreatmentsTable[]): RegisterData => ({
  currency: 'EUR',
  settings: { seed: 7, years: 10_000, appetite: [] } as unknown as RegisterData['settings'],
  scenarios: [s],
  treatments: new Map([[s.id, ts]]),
  policies: [],
  policyScenarios: new Map(),
});

describe('memoisedScenarioHash', () => {
  it('is the hash of the scenario’s register risk after every change to what its counted treatments hold, and only then changes', () => {
    const s = scenarioRow(1, { id: 'memo-1', inputs_json: '{"lossEventFrequency":{"type":"constant","value":0.4},"primaryLoss":{"type":"lognormal","low":10000,"high":400000}}' });
    const steps: [string, RiskTreatmentsTable[], boolean][] = [
      ['two planned treatments', [treatment(s.id, 1), treatment(s.id, 2)], true],
      ['read again, the same', [treatment(s.id, 1), treatment(s.id, 2)], false],
      ['a ref changed', [treatment(s.id, 1, { ref: 'T9' }), treatment(s.id, 2)], true],
      ['a name changed', [treatment(s.id, 1, { ref: 'T9', name: 'Renamed' }), treatment(s.id, 2)], true],
      ['an annual cost changed', [treatment(s.id, 1, { ref: 'T9', name: 'Renamed', annual_cost: 1 }), treatment(s.id, 2)], true],
      ['an effect changed', [treatment(s.id, 1, { ref: 'T9', name: 'Renamed', annual_cost: 1 }), treatment(s.id, 2, { effect_json: '{"lossEventFrequency":{"type":"constant","value":0.25}}' })], true],
      ['the order swapped', [treatment(s.id, 2, { effect_json: '{"lossEventFrequency":{"type":"constant","value":0.25}}' }), treatment(s.id, 1, { ref: 'T9', name: 'Renamed', annual_cost: 1 })], true],
      ['a proposal added (not counted)', [treatment(s.id, 2, { effect_json: '{"lossEventFrequency":{"type":"constant","value":0.25}}' }), treatment(s.id, 1, { ref: 'T9', name: 'Renamed', annual_cost: 1 }), treatment(s.id, 3, { status: 'proposed' })], false],
      ['one put back to proposed', [treatment(s.id, 2, { effect_json: '{"lossEventFrequency":{"type":"constant","value":0.25}}', status: 'proposed' }), treatment(s.id, 1, { ref: 'T9', name: 'Renamed', annual_cost: 1 })], true],
      ['none', [], true],
    ];
    let last: string | null = null;
    for (const [what, ts, changes] of steps) {
      const d = data(s, ts);
      const hash = memoisedScenarioHash(d, s, 0);
      expect(hash, what).toBe(scenarioHash(registerRisk(d, s), 0, 7, 10_000));
      if (last !== null) expect(hash !== last, what).toBe(changes);
      last = hash;
    }
  });
});

describe('modelHash', () => {
  it('is hashOf the model’s fields, with and without an appetite and insurance', () => {
    const risks = ['a1', 'b2', 'c3'];
    const insurance = [{ id: 'P1', name: 'Cyber', deductible: 10_000, limit: 1_000_000, covers: ['R1'] }];
    const appetite = [{ loss: 1_000_000, probability: 0.1 }];
    for (const [a, i] of [[null, []], [appetite, []], [null, insurance], [appetite, insurance]] as const) {
      const m = { currency: 'EUR', seed: 42, years: 100_000, appetite: a, risks, insurance: i };
      expect(modelHash(m)).toBe(hashOf({ currency: 'EUR', seed: 42, years: 100_000, appetite: a, risks, ...(i.length > 0 ? { insurance: i } : {}) }));
    }
    expect(modelHash({ currency: 'EUR', seed: 42, years: 100_000, appetite: null, risks, insurance: [] })).not.toBe(modelHash({ currency: 'EUR', seed: 43, years: 100_000, appetite: null, risks, insurance: [] }));
  });
});
