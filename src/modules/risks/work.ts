/**
 * The bound on a recompute's work (docs/risk-register.md, "Limits"). The engine draws every loss
 * event of every simulated year, so a recompute's time grows with the simulated years times the
 * expected loss events a year of every scenario it simulates: those in the register and the
 * proposals (closed ones are not simulated). That product may not exceed the engine's bound on
 * a run (MAX_RUN_EVENTS); a change that would take it beyond is refused in its own transaction,
 * naming the field and the figures, before anything is stored or simulated.
 */
import { expectedEventsPerYear, MAX_RUN_EVENTS } from '../../engine/index.js';
import type { ClientScope, Writer } from '../../server/context.js';
import { invalid } from '../../server/errors.js';
import { scenarioInputs } from './model.js';
import type { FairInputs } from './schema.js';
import { SETTINGS_ID } from './settings.js';

const figure = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

export interface RegisterWork {
  years: number;
  /** Expected loss events a year of the scenarios a recompute simulates. */
  eventsPerYear: number;
  scenarios: number;
}

/** The register's work as the writer's transaction sees it (with the change being made). */
export async function registerWork(w: Writer, scope: ClientScope): Promise<RegisterWork> {
  const settings = await w.db.selectFrom('risk_settings').select(['years']).where('id', '=', SETTINGS_ID).executeTakeFirst();
  const years = settings?.years ?? scope.app.config.simulationYears;
  const rows = await w.db.selectFrom('risk_scenarios').select(['ref', 'inputs_json']).where('status', '!=', 'closed').execute();
  let eventsPerYear = 0;
  for (const s of rows) eventsPerYear += expectedEventsPerYear({ id: s.ref, ...scenarioInputs(s) });
  return { years, eventsPerYear, scenarios: rows.length };
}

/**
 * Refuses the change being written when the register's expected loss events per recompute
 * would exceed the engine's bound; `path` names the field that took it there.
 */
export async function assertRegisterWork(w: Writer, scope: ClientScope, path: string): Promise<void> {
  const { years, eventsPerYear, scenarios } = await registerWork(w, scope);
  const events = years * eventsPerYear;
  if (events <= MAX_RUN_EVENTS) return;
  const message =
    `the register would simulate ${figure(events)} loss events a recompute (${figure(years)} years × ${figure(eventsPerYear)} expected a year ` +
    `over its ${scenarios} open scenarios and proposals), more than the ${figure(MAX_RUN_EVENTS)} a recompute may: ` +
    'lower the frequencies, close scenarios, or simulate fewer years';
  throw invalid(`${path}: ${message}`, [{ path, message }]);
}

/** The field of FAIR inputs that sets their loss events: the loss event frequency, else the threat event frequency. */
export function frequencyPath(inputs: FairInputs, base: string): string {
  return `${base}.${inputs.lossEventFrequency ? 'lossEventFrequency' : 'threatEventFrequency'}`;
}
