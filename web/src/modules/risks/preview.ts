import { useDeferredValue, useMemo } from 'react';
import type { FairInputs, TreatmentEffect } from '@schema/risks';
import { expectedAnnualLoss, simulateModel } from './engine';
import { inputProblems } from './inputs';

/** Years simulated for an in-browser preview: enough for a steady mean and P90, quick to run. */
export const PREVIEW_YEARS = 5_000;

export interface Preview {
  expectedMean: number;
  mean: number;
  p90: number;
  p99: number;
  probabilityOfLoss: number;
  residualMean: number | null;
}

/**
 * Simulates a scenario's inputs in the browser while they are edited (the stored result comes
 * from the server's recompute once saved). Null while the inputs are not valid.
 */
export function useSimulationPreview(inputs: FairInputs, treatments: { annualCost: number; effect: TreatmentEffect }[] = []): Preview | null {
  const deferred = useDeferredValue({ inputs, treatments });
  return useMemo(() => {
    if (Object.keys(inputProblems(deferred.inputs)).length > 0) return null;
    try {
      const risk = {
        id: 'preview',
        ...deferred.inputs,
        ...(deferred.treatments.length > 0 ? { treatments: deferred.treatments.map((t, i) => ({ id: `T${i + 1}`, annualCost: t.annualCost, effect: t.effect })) } : {}),
      };
      const r = simulateModel({ risks: [risk] }, { years: PREVIEW_YEARS, seed: 1 });
      const x = r.risks[0]!;
      return { expectedMean: expectedAnnualLoss({ id: 'preview', ...deferred.inputs }), mean: x.mean, p90: x.p90, p99: x.p99, probabilityOfLoss: x.probabilityOfLoss, residualMean: x.residual?.mean ?? null };
    } catch {
      return null;
    }
  }, [deferred]);
}
