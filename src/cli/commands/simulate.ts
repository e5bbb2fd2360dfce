import type { Command } from 'commander';
import { readInput } from '../io.js';
import { CliError, parseFormat, printJson, printTable } from '../output.js';
import { plural } from '../../shared/plural.js';

import type { SimulationProgress, SimulationResult } from '../../engine/index.js';

interface SimulateFlags {
  years?: string;
  seed?: string;
  threads?: string;
  format?: string;
}

/** Risks listed by `--format table`. */
const TABLE_RISKS = 10;

/**
 * `triad simulate FILE`: runs the risk engine on a model file, no database or server involved.
 * Everything heavy (engine, YAML parser, worker pool) is imported inside the action, so that
 * other commands do not pay for it.
 */
export function registerSimulate(program: Command): void {
  program
    .command('simulate <file>')
    .description('Simulate a risk model file (JSON or YAML, docs/risk-model.md) and print the results')
    .option('--years <n>', "simulated years (default: the file's years, else 100000)")
    .option('--seed <s>', "random seed (default: the file's seed, else 1)")
    .option('--threads <t>', 'threads to compute with (default: up to the available cores, as the run size warrants)')
    .option('--format <format>', 'json (the output contract) or table', 'table')
    .action(async (file: string, flags: SimulateFlags) => {
      await simulate(file, flags);
    });
}

function wholeFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`--${name} must be a whole number (got "${value}")`, 2);
  return Number(value);
}

async function simulate(file: string, flags: SimulateFlags): Promise<void> {
  const format = parseFormat(flags.format, ['json', 'table'] as const, 'table');
  const years = wholeFlag('years', flags.years);
  const seed = wholeFlag('seed', flags.seed);
  const threadsFlag = wholeFlag('threads', flags.threads);
  const engine = await import('../../engine/index.js');
  const flagProblems = engine.checkRunOptions({ years: years ?? 1, seed: seed ?? 0, threads: threadsFlag });
  if (flagProblems.length > 0) throw new CliError(flagProblems.map((p) => `--${p.path} ${p.message}`).join('\n'), 2);

  const input = await readModel(file);
  const problems = engine.validateModel(input);
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${engine.formatProblem(p)}`);
    throw new CliError(`${file} is not a valid risk model (${plural(problems.length, 'problem')}):\n${lines.join('\n')}`);
  }
  const model = engine.parseModel(input);
  const { VERSION } = await import('../../server/version.js');
  const progress = process.stderr.isTTY ? progressLine() : undefined;
  const options = { years, seed, version: VERSION, onProgress: progress?.update };
  let result: SimulationResult;
  try {
    // Without --threads, worker threads are used only when the run is large enough to repay their start.
    const { availableParallelism } = await import('node:os');
    const threads = threadsFlag ?? engine.recommendedThreads(model, years ?? model.years ?? engine.DEFAULT_YEARS, availableParallelism());
    result = threads > 1 ? await (await import('../../engine/parallel.js')).simulateParallel(model, { ...options, threads }) : engine.simulateModel(model, options);
  } catch (err) {
    if (err instanceof engine.ModelValidationError) throw new CliError(err.problems.map(engine.formatProblem).join('\n'));
    if (err instanceof engine.EventLimitError) throw new CliError(err.message);
    throw err;
  } finally {
    progress?.clear();
  }
  if (format === 'json') printJson(result);
  else await printSummary(result, new Map([...model.risks, ...(model.insurance ?? [])].map((x) => [x.id, x.name ?? ''])));
}

/** Reads and parses a model file: JSON by content or extension, YAML otherwise. */
async function readModel(file: string): Promise<unknown> {
  const text = (await readInput(file)).toString('utf8');
  const json = /\.json$/i.test(file) || (!/\.ya?ml$/i.test(file) && /^\s*[[{]/.test(text));
  if (json) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const { parse } = await import('yaml');
  try {
    return parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** A one-line progress indicator on stderr (used only when stderr is a terminal). */
function progressLine(): { update: (p: SimulationProgress) => void; clear: () => void } {
  let last = 0;
  let shown = false;
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      shown = true;
      process.stderr.write(`\rsimulating… ${Math.floor((100 * p.done) / p.total)} %`);
    },
    clear: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** What the appetite was checked on, in words. */
const BASIS_WORDS = { inherent: 'the loss before treatments', residual: 'the loss after treatments', retained: 'the loss kept after treatments and insurance' } as const;

/**
 * The table format: the portfolio (before and after treatments, and what the company keeps
 * after insurance), each policy's expected recovery against its premium, the appetite check
 * with its basis and any point the simulated years cannot settle, and the largest risks by mean.
 */
async function printSummary(result: SimulationResult, names: Map<string, string>): Promise<void> {
  const { formatMoney } = await import('../../shared/money.js');
  const money = (v: number): string => formatMoney(v, result.currency);
  const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
  const p = result.portfolio;
  const out: string[] = [];
  out.push(`Portfolio: ${plural(result.risks.length, 'risk')}, ${result.years.toLocaleString('en-US')} simulated years, seed ${result.seed}`);
  out.push(`  mean annual loss ${money(p.mean)} (sd ${money(p.sd)}), chance of any loss ${pct(p.probabilityOfLoss)}`);
  out.push(`  p10 ${money(p.p10)}  p50 ${money(p.p50)}  p90 ${money(p.p90)}  p95 ${money(p.p95)}  p99 ${money(p.p99)}  max ${money(p.max)}`);
  if (p.residual) {
    out.push(`  with treatments: mean ${money(p.residual.mean)}  p90 ${money(p.residual.p90)}  p95 ${money(p.residual.p95)}  p99 ${money(p.residual.p99)}`);
  }
  if (p.retained && p.insurance) {
    const r = p.retained;
    out.push(`  retained (kept after insurance): mean ${money(r.mean)}  p90 ${money(r.p90)}  p95 ${money(r.p95)}  p99 ${money(r.p99)}  max ${money(r.max)}, chance of any ${pct(r.probabilityOfLoss)}`);
    out.push('', 'Insurance (expected recovery a year against the premium):');
    for (const policy of p.insurance) {
      const name = names.get(policy.id);
      const verdict = policy.expectedRecovery >= policy.premium ? 'recovers more than it costs on average' : 'costs more than it recovers on average';
      out.push(`  ${policy.id}${name ? ` ${name}` : ''}: recovery ${money(policy.expectedRecovery)} vs premium ${money(policy.premium)} (${verdict})`);
      const exhausted = policy.aggregateExhausted > 0 ? `, aggregate limit reached in ${pct(policy.aggregateExhausted)} of years` : '';
      out.push(`    claims in ${pct(policy.probabilityOfClaim)} of years, p99 recovery ${money(policy.p99Recovery)}${exhausted}`);
    }
  }
  if (p.appetite) {
    const a = p.appetite;
    out.push('', `Appetite, checked on ${BASIS_WORDS[a.basis]}: ${a.breached ? 'BREACHED' : 'within'}`);
    for (const x of a.points) {
      const verdict = x.breached ? '  breached' : '';
      const unsettled = x.confident ? '' : `  (not settled: within sampling error of the limit at ${result.years.toLocaleString('en-US')} years)`;
      out.push(`    P(loss > ${money(x.loss)}) = ${pct(x.probability)} ± ${(196 * x.stdError).toFixed(2)} %, limit ${pct(x.limit)}${verdict}${unsettled}`);
    }
  }
  out.push('', `Top ${plural(Math.min(TABLE_RISKS, result.risks.length), 'risk')} by mean annual loss:`);
  process.stdout.write(out.join('\n') + '\n');
  const top = [...result.risks].sort((a, b) => b.mean - a.mean).slice(0, TABLE_RISKS);
  const treated = top.some((r) => r.residual);
  printTable(
    top.map((r) => ({
      risk: r.id,
      name: clip(names.get(r.id) ?? '', 32),
      mean: money(r.mean),
      p50: money(r.p50),
      p90: money(r.p90),
      p99: money(r.p99),
      'P(loss)': pct(r.probabilityOfLoss),
      ...(treated
        ? { residual: r.residual ? money(r.residual.mean) : '', ROSI: r.rosi === undefined || r.rosi === null ? '' : r.rosi.toFixed(2) }
        : {}),
    })),
  );
}
