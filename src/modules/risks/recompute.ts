/**
 * The `risks.recompute` job: simulates a client's register with the engine in worker threads
 * and stores the results with the seed, the years and the hash of the inputs. Queued (deduplicated
 * per client) in the same transaction as every change to the client's scenarios, treatments,
 * appetite or settings; when stored, `risks.results-updated` names the scenarios whose result changed.
 */
import type { DetailedSimulation, LossDistribution, RiskDetail, RiskModel, SimulationProgress } from '../../engine/index.js';
import type { Transaction } from 'kysely';
import type { AppContext, Writer } from '../../server/context.js';
import type { DB } from '../../server/db/schema.js';
import { ClientDb } from '../../server/db/scoped.js';
import { ClientScope } from '../../server/context.js';
import { fromJson, newId, toFlag, toJson, toTimestamp } from '../../server/db/conventions.js';
import { systemActor } from '../../server/firm.js';
import { VERSION } from '../../server/version.js';
import { RECOMPUTE_JOB } from '../../shared/job-kinds.js';
import { whenLoss } from '../../shared/risks/rare.js';
import { clientInfo } from '../clients/clients.js';
import { storedListFigures } from './list-json.js';
import { optionModels, optionSetHash, registerModel, whatIfModel } from './model.js';
import { getSimulator } from './pool.js';
import { basisCheck, expectedHashes, loadRegisterData, type FullStats, type StoredCurves, type StoredPortfolio, type StoredPortfolioDetail, type StoredScenarioCurves, type StoredScenarioResult } from './register.js';
import type { StoredOptionResult } from './options.js';
import { bumpResultsVersion } from './settings.js';
import { chooseDefaultWorstCase } from './worst-case-default.js';

/** Queues a recompute of the scope's client, inside the caller's transaction. */
export async function enqueueRecompute(w: Writer, clientId: string): Promise<void> {
  await w.enqueue(RECOMPUTE_JOB, { clientId }, { dedupeKey: `${RECOMPUTE_JOB}:${clientId}` });
}

// One recompute per client at a time in this process; a second waits for the first.
const running = new Map<string, Promise<unknown>>();

export interface RecomputeOutcome {
  stored: boolean;
  changed: string[];
  risks: number;
  durationMs: number;
}

/** Recomputes a client's results now (the job's body; also for the CLI and tests). */
export async function recomputeClient(ctx: AppContext, clientId: string, progress?: (fraction: number) => Promise<void>): Promise<RecomputeOutcome> {
  const before = running.get(clientId);
  const mine = (async () => {
    if (before) await before.catch(() => undefined);
    return compute(ctx, clientId, progress);
  })();
  running.set(clientId, mine);
  try {
    return await mine;
  } finally {
    if (running.get(clientId) === mine) running.delete(clientId);
  }
}

function full(d: LossDistribution): FullStats {
  return { mean: d.mean, sd: d.sd, p10: d.p10, p50: d.p50, p90: d.p90, p95: d.p95, p99: d.p99, max: d.max, probabilityOfLoss: d.probabilityOfLoss, whenLoss: whenLoss(d.lec, d.probabilityOfLoss) };
}

/** Curves are for drawing: five significant digits are plenty and keep the stored rows small. */
const round5 = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(5)));

function curves(d: LossDistribution): StoredCurves {
  return {
    lec: d.lec.map((p) => ({ loss: round5(p.loss), probability: round5(p.probability) })),
    histogram: { edges: d.histogram.edges.map(round5), counts: d.histogram.counts },
  };
}

/** Progress reports, at most twice a second, as a fraction of all the runs' risks. */
function progressReporter(total: number, report?: (fraction: number) => Promise<void>): { run: (weight: number) => (p: SimulationProgress) => void; done: (weight: number) => void; flush: () => Promise<void> } {
  let base = 0;
  let last = 0;
  let pending: Promise<void> = Promise.resolve();
  const send = (fraction: number, force = false): void => {
    if (!report) return;
    const now = Date.now();
    if (!force && now - last < 500) return;
    last = now;
    pending = pending.then(() => report(Math.min(0.99, fraction))).catch(() => undefined);
  };
  return {
    run: (weight) => (p) => send((base + (weight * p.done) / Math.max(1, p.total)) / total),
    done: (weight) => {
      base += weight;
      send(base / total, true);
    },
    flush: () => pending,
  };
}

async function compute(ctx: AppContext, clientId: string, report?: (fraction: number) => Promise<void>): Promise<RecomputeOutcome> {
  const started = Date.now();
  const client = await ctx.database.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirst();
  if (!client || client.archived_at) return { stored: false, changed: [], risks: 0, durationMs: 0 };
  const scope = new ClientScope(ctx, clientInfo(client), systemActor(client.firm_id, 'risk engine'), 'advisor');
  const snapshotAt = toTimestamp(ctx.clock.now());
  const data = await loadRegisterData(scope);
  const register = registerModel(data);
  const hashes = expectedHashes(data, register);
  const whatIf = whatIfModel(data, register);
  const sets = await scope.db.selectFrom('risk_option_sets').select(['id']).orderBy('created_at').execute();
  const setScenarios = await scope.db.selectFrom('risk_option_set_scenarios').select(['set_id', 'scenario_id']).orderBy('id').execute();
  const setOptions = await scope.db.selectFrom('risk_options').selectAll().orderBy('position').orderBy('id').execute();
  const optionRuns = sets.map((set) => ({
    set,
    runs: optionModels(
      data,
      register,
      setScenarios.filter((x) => x.set_id === set.id).map((x) => x.scenario_id),
      setOptions.filter((o) => o.set_id === set.id),
    ),
    options: setOptions.filter((o) => o.set_id === set.id),
  }));

  const simulator = await getSimulator(ctx);
  const options = { years: data.settings.years, seed: data.settings.seed };
  const weights = {
    main: register.model.risks.length,
    whatIf: whatIf ? whatIf.targets.length : 0,
    options: optionRuns.reduce((n, o) => n + (o.runs ? 1 + o.runs.options.length : 0), 0),
  };
  const progress = progressReporter(Math.max(1, weights.main + weights.whatIf + weights.options), report);
  const run = async (model: RiskModel, weight: number): Promise<DetailedSimulation> => {
    const r = await simulator.simulate(model, { ...options, onProgress: progress.run(weight) });
    progress.done(weight);
    return r;
  };

  const main = register.model.risks.length > 0 ? await run(register.model, weights.main) : null;
  // Side runs only add to the register's result: one that cannot run is left out, not fatal.
  const tryRun = async (model: RiskModel, weight: number, what: string): Promise<DetailedSimulation | null> => {
    try {
      return await run(model, weight);
    } catch (err) {
      ctx.log.warn({ err, clientId, what }, 'a side simulation of the risk register failed');
      return null;
    }
  };
  const side = whatIf ? await tryRun(whatIf.model, weights.whatIf, 'proposed treatments and proposals') : null;
  const optionResults = new Map<string, StoredOptionResult | null>();
  for (const o of optionRuns) {
    if (!o.runs) {
      optionResults.set(o.set.id, null);
      continue;
    }
    const baseline = await tryRun(o.runs.baseline, 1, 'security options');
    if (!baseline) {
      optionResults.set(o.set.id, null);
      continue;
    }
    const results: StoredOptionResult['options'] = {};
    for (const opt of o.runs.options) {
      const r = await tryRun(opt.model, 1, 'security options');
      if (!r) continue;
      const d = r.detail.portfolio.residual ?? r.detail.portfolio;
      results[opt.id] = { mean: d.mean, p90: d.p90, p99: d.p99 };
    }
    const b = baseline.detail.portfolio;
    const bc = b.residual ?? b;
    optionResults.set(o.set.id, { hash: optionSetHash(o.runs, o.options), computedAt: snapshotAt, baseline: { inherentMean: b.mean, mean: bc.mean, p90: bc.p90, p99: bc.p99 }, options: results });
  }
  await progress.flush();

  // Results per scenario: the figures, and the curves apart.
  const rows = new Map<string, { inPortfolio: boolean; result: StoredScenarioResult; curves: StoredScenarioCurves }>();
  const entry = (d: RiskDetail, inPortfolio: boolean, withResidual: boolean) => ({
    inPortfolio,
    result: {
      inherent: full(d),
      residual: withResidual && d.residual ? full(d.residual) : null,
      withProposed: null,
      treatmentCost: d.treatmentCost ?? 0,
      rosi: d.rosi ?? null,
      expectedMean: d.expectedMean,
    },
    curves: { inherent: curves(d), residual: withResidual && d.residual ? curves(d.residual) : null },
  });
  // The per-scenario work runs a hundred scenarios at a time with a turn of the event loop
  // between, so that requests keep being answered while a large register is stored.
  const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  if (main) {
    for (let i = 0; i < register.included.length; i++) {
      rows.set(register.included[i]!.id, entry(main.detail.risks[i]!, true, true));
      if (i % 100 === 99) await yieldNow();
    }
  }
  if (whatIf && side) {
    for (const t of whatIf.targets) {
      const d = side.detail.risks[t.position]!;
      if (t.kind === 'proposed-treatments') {
        const row = rows.get(t.scenarioId);
        if (row) row.result.withProposed = d.residual ? full(d.residual) : null;
      } else {
        const counted = (data.treatments.get(t.scenarioId) ?? []).some((x) => x.status !== 'proposed');
        rows.set(t.scenarioId, entry(d, false, counted));
      }
    }
  }
  const insured = main?.detail.portfolio.retained ?? null;
  const policies = main?.result.portfolio.insurance ?? null;
  const portfolio: StoredPortfolio = main
    ? {
        inherent: full(main.detail.portfolio),
        residual: main.detail.portfolio.residual ? full(main.detail.portfolio.residual) : null,
        appetite: data.settings.appetite,
        inherentAppetite: main.detail.portfolio.appetite ?? null,
        residualAppetite: main.detail.portfolio.residual?.appetite ?? null,
        treatmentCost: main.detail.portfolio.residual?.treatmentCost ?? 0,
        rosi: main.detail.portfolio.residual?.rosi ?? null,
        ...(insured
          ? {
              retained: full(insured),
              retainedAppetite: insured.appetite ?? null,
              insurance: (policies ?? []).map((p) => ({ id: p.id, premium: p.premium, expectedRecovery: p.expectedRecovery, p99Recovery: p.p99Recovery, probabilityOfClaim: p.probabilityOfClaim, aggregateExhausted: p.aggregateExhausted })),
            }
          : {}),
      }
    : emptyPortfolio(data.settings.appetite);
  const detail: StoredPortfolioDetail | null = main
    ? { inherent: curves(main.detail.portfolio), residual: main.detail.portfolio.residual ? curves(main.detail.portfolio.residual) : null, ...(insured ? { retained: curves(insured) } : {}) }
    : null;
  // Everything serialised before a transaction opens, so that transactions stay short.
  const runId = newId();
  const prepared = [];
  for (const [id, r] of rows) {
    const resultJson = toJson(r.result)!;
    prepared.push({
      id,
      run_id: runId,
      input_hash: hashes.get(id) ?? '',
      in_portfolio: toFlag(r.inPortfolio),
      mean: (r.result.residual ?? r.result.inherent).mean,
      p90: (r.result.residual ?? r.result.inherent).p90,
      result_json: resultJson,
      curves_json: toJson(r.curves),
      computed_at: snapshotAt,
      // What the register's list shows of it, so that reading the list parses no result.
      ...storedListFigures(resultJson),
      figures: JSON.stringify(numbersOf(r.result)),
    });
    if (prepared.length % 100 === 0) await yieldNow();
  }

  // A run that started earlier than the one stored last must not overwrite it.
  const newer = async (db: ClientScope['db']): Promise<boolean> => {
    const last = await db.selectFrom('risk_runs').select('computed_at').orderBy('computed_at', 'desc').limit(1).executeTakeFirst();
    return !!last && last.computed_at > snapshotAt;
  };
  if (await newer(scope.db)) return { stored: false, changed: [], risks: register.included.length, durationMs: Date.now() - started };
  // Only rows whose figures or inputs hash changed are written, a hundred per transaction, with
  // a turn of the event loop between: with SQLite a transaction holds the one connection, so
  // short ones keep requests flowing. A row read between two batches is either the old result
  // (its hash shows it stale) or the new one.
  const old = await scope.db.selectFrom('risk_scenario_results').select(['id', 'input_hash', 'result_json', 'list_figures']).execute();
  const oldById = new Map(old.map((r) => [r.id, { hash: r.input_hash, figures: JSON.stringify(numbersOf(fromJson<StoredScenarioResult | null>(r.result_json, null))), listed: r.list_figures !== null }]));
  const changed = [...prepared.filter((r) => oldById.get(r.id)?.figures !== r.figures).map((r) => r.id), ...[...oldById.keys()].filter((id) => !rows.has(id))];
  const toWrite = prepared.filter((r) => {
    const o = oldById.get(r.id);
    // A result stored before its list figures were kept is written again with them.
    return !o || o.figures !== r.figures || o.hash !== r.input_hash || (!o.listed && r.list_figures !== null);
  });
  const clientDb = (tx: Transaction<DB>): ClientDb => new ClientDb(tx, clientId);
  for (let i = 0; i < toWrite.length; i += 100) {
    const batch = toWrite.slice(i, i + 100);
    await ctx.database.db.transaction().execute(async (tx) => {
      const db = clientDb(tx);
      const existing = new Set((await db.selectFrom('risk_scenarios').select('id').where('id', 'in', batch.map((r) => r.id)).execute()).map((r) => r.id));
      const values = batch.filter((r) => existing.has(r.id)).map(({ figures: _f, ...row }) => row);
      if (values.length === 0) return;
      // Outside scope.write, so not in the audit trail: the version tells a cached register (register-cache.ts).
      await bumpResultsVersion(db, ctx.clock.now());
      await db
        .insertInto('risk_scenario_results', values)
        .onConflict((oc) =>
          oc.columns(['client_id', 'id']).doUpdateSet((eb) => ({
            run_id: eb.ref('excluded.run_id'),
            input_hash: eb.ref('excluded.input_hash'),
            in_portfolio: eb.ref('excluded.in_portfolio'),
            mean: eb.ref('excluded.mean'),
            p90: eb.ref('excluded.p90'),
            result_json: eb.ref('excluded.result_json'),
            curves_json: eb.ref('excluded.curves_json'),
            computed_at: eb.ref('excluded.computed_at'),
            list_figures: eb.ref('excluded.list_figures'),
            probability_of_loss: eb.ref('excluded.probability_of_loss'),
          })),
        )
        .execute();
    });
    await yieldNow();
  }
  const stored = await scope.write(async (w) => {
    if (await newer(w.db)) return false;
    const last = await w.db.selectFrom('risk_runs').select(['computed_at', 'summary_json', 'inputs_hash']).orderBy('computed_at', 'desc').limit(1).executeTakeFirst();
    const now = snapshotAt;
    const gone = [...oldById.keys()].filter((id) => !rows.has(id));
    if (gone.length > 0) await w.db.deleteFrom('risk_scenario_results').where('id', 'in', gone).execute();
    await w.db.updateTable('risk_runs').set({ detail_json: null }).where('detail_json', 'is not', null).execute();
    await w.db
      .insertInto('risk_runs', {
        id: runId,
        seed: data.settings.seed,
        years: data.settings.years,
        inputs_hash: register.hash,
        engine_version: VERSION,
        risk_count: register.included.length,
        summary_json: toJson(portfolio)!,
        detail_json: toJson(detail),
        duration_ms: Date.now() - started,
        computed_at: now,
      })
      .execute();
    for (const [setId, result] of optionResults) {
      await w.db.updateTable('risk_option_sets').set({ result_json: toJson(result) }).where('id', '=', setId).execute();
    }
    await chooseDefaultWorstCase(w, data, new Map([...rows].filter(([, r]) => r.inPortfolio).map(([id, r]) => [id, (r.result.residual ?? r.result.inherent).mean])));
    const summary = (p: StoredPortfolio | null) =>
      p ? { mean: p.inherent.mean, p90: p.inherent.p90, p99: p.inherent.p99, residualMean: p.residual?.mean ?? null, ...(p.retained ? { retainedMean: p.retained.mean } : {}), aboveAppetite: basisCheck(p).check?.breached ?? null } : null;
    await w.audit({
      action: 'risk.results.compute',
      entityType: 'risk_results',
      entityId: runId,
      before: last ? { inputsHash: last.inputs_hash, ...summary(fromJson<StoredPortfolio | null>(last.summary_json, null)) } : null,
      after: { inputsHash: register.hash, seed: data.settings.seed, years: data.settings.years, scenarios: register.included.length, ...summary(portfolio), changedScenarios: changed.length },
    });
    if (changed.length > 0) w.afterCommit(() => ctx.events.emit('risks.results-updated', { clientId, riskIds: changed }));
    return true;
  });
  return { stored, changed: stored ? changed : [], risks: register.included.length, durationMs: Date.now() - started };
}

function numbersOf(r: StoredScenarioResult | null): unknown {
  if (!r) return null;
  return { inherent: r.inherent, residual: r.residual, withProposed: r.withProposed, treatmentCost: r.treatmentCost };
}

function emptyPortfolio(appetite: StoredPortfolio['appetite']): StoredPortfolio {
  const zero: FullStats = { mean: 0, sd: 0, p10: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0, probabilityOfLoss: 0 };
  const check = appetite.length > 0 ? { breached: false, points: appetite.map((a) => ({ loss: a.loss, limit: a.probability, probability: 0, breached: false })) } : null;
  return { inherent: zero, residual: null, appetite, inherentAppetite: check, residualAppetite: null, treatmentCost: 0, rosi: null };
}


