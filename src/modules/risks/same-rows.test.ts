import { describe, expect, it } from 'vitest';
import type { RegisterData } from './model.js';
import { carryRows, SCENARIO_COLUMNS, sameScenarioRow } from './same-rows.js';
import type { RiskScenariosTable, RiskTreatmentsTable } from './tables.js';
import { scenarioRow, treatmentRow } from '../../../test/support/risk-rows.js';

const scenario = scenarioRow;
const treatment = treatmentRow;

/** Register data as a read gives it: every row a new object. */
function read(scenarios: RiskScenariosTable[], treatments: RiskTreatmentsTable[]): RegisterData {
  const byScenario = new Map<string, RiskTreatmentsTable[]>();
  for (const t of treatments) byScenario.set(t.scenario_id, [...(byScenario.get(t.scenario_id) ?? []), { ...t }]);
  return {
    currency: 'EUR',
    settings: {} as RegisterData['settings'],
    scenarios: scenarios.map((s) => ({ ...s })),
    treatments: byScenario,
    policies: [],
    policyScenarios: new Map(),
  };
}

describe('sameScenarioRow', () => {
  it('is compared on every column of the scenario’s row', () => {
    const a = scenario(3);
    expect(Object.keys(SCENARIO_COLUMNS).sort()).toEqual(Object.keys(a).sort());
    expect(sameScenarioRow(a, { ...a })).toBe(true);
    for (const column of Object.keys(SCENARIO_COLUMNS) as (keyof RiskScenariosTable)[]) {
      const changed = { ...a, [column]: typeof a[column] === 'number' ? 99 : 'changed' };
      expect(sameScenarioRow(a, changed), column).toBe(false);
    }
  });
});

describe('carryRows', () => {
  it('keeps the rows read before for what did not change, and the new rows for what did, wherever they moved', () => {
    const scenarios = [1, 2, 3, 4, 5].map((n) => scenario(n));
    const treatments = [treatment(1, 1), treatment(1, 2), treatment(3, 1), treatment(4, 1)];
    const before = read(scenarios, treatments);
    // Read again: s2 renamed, s0 new at the front (every other row one place on), s5 gone;
    // a treatment of s3 changed its cost, s4 got a second one.
    const now = read(
      [scenario(0), ...scenarios.slice(0, 4).map((s) => (s.id === 's2' ? { ...s, title: 'Renamed' } : s))],
      [treatment(1, 1), treatment(1, 2), treatment(3, 1, { annual_cost: 250 }), treatment(4, 1), treatment(4, 2)],
    );
    const read0 = [...now.scenarios];
    const lists = new Map(now.treatments);
    carryRows(before, now);

    expect(now.scenarios.map((s) => s.id)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(now.scenarios[0]).toBe(read0[0]);
    expect(now.scenarios[1]).toBe(before.scenarios[0]);
    expect(now.scenarios[2]).toBe(read0[2]);
    expect(now.scenarios[2]!.title).toBe('Renamed');
    expect(now.scenarios[3]).toBe(before.scenarios[2]);
    expect(now.scenarios[4]).toBe(before.scenarios[3]);

    expect(now.treatments.get('s1')).toBe(before.treatments.get('s1'));
    expect(now.treatments.get('s3')).toBe(lists.get('s3'));
    expect(now.treatments.get('s3')![0]!.annual_cost).toBe(250);
    expect(now.treatments.get('s4')).toBe(lists.get('s4'));
    expect(now.treatments.get('s4')).toHaveLength(2);
  });

  it('carries a treatment list only when every row of it is the same, in the same order', () => {
    const scenarios = [scenario(1)];
    const before = read(scenarios, [treatment(1, 1), treatment(1, 2)]);
    for (const [what, list] of [
      ['swapped', [treatment(1, 2), treatment(1, 1)]],
      ['a status changed', [treatment(1, 1), treatment(1, 2, { status: 'in_place' })]],
      ['an effect changed', [treatment(1, 1, { effect_json: '{"lossEventFrequency":{"type":"constant","value":0.4}}' }), treatment(1, 2)]],
      ['one gone', [treatment(1, 1)]],
    ] as const) {
      const now = read(scenarios, [...list]);
      const fresh = now.treatments.get('s1');
      carryRows(before, now);
      expect(now.treatments.get('s1'), what).toBe(fresh);
    }
    const same = read(scenarios, [treatment(1, 1), treatment(1, 2)]);
    carryRows(before, same);
    expect(same.treatments.get('s1')).toBe(before.treatments.get('s1'));
  });
});
