// The risk engine against the numpy reference, side by side in one run: the standard
// portfolio workload (shared/bench/portfolio-100.json, 100 risks, 100,000 years), the same with
// insurance (a copy with a two-layer tower, written here), each tool as a whole process,
// alternating, several rounds; median wall time and peak memory. With --baseline DIR, another
// built checkout runs the standard portfolio beside this one (before and after a change).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareContenders, machine, median, printContenders, python, repoRoot, runAlternating, sharedDir } from '../lib.mjs';

export const description = 'triad simulate vs the numpy reference on shared/bench/portfolio-100.json, without and with insurance';

/** The workload's exact mean annual loss (shared/bench/README.md), to check every output. */
const EXACT_MEAN = 150_850_969.85;

/**
 * The insurance of the insured run: a cyber tower over every risk, a primary layer with an
 * annual aggregate and an excess layer attaching where it ends. Both layers pay on most years.
 */
export const BENCH_INSURANCE = [
  { id: 'P1', name: 'Cyber policy, primary layer', premium: 1_500_000, deductible: 250_000, limit: 5_000_000, aggregateLimit: 20_000_000 },
  { id: 'P2', name: 'Cyber policy, excess layer', premium: 400_000, deductible: 5_250_000, limit: 10_000_000 },
];

/** Checks an output against the workload: the inherent mean, and with insurance, retained + recoveries = loss. */
function check(name, stdout, years) {
  const { portfolio } = JSON.parse(stdout);
  if (years === 100_000 && Math.abs(portfolio.mean / EXACT_MEAN - 1) > 0.01) throw new Error(`${name}: mean ${portfolio.mean} is not within 1 % of ${EXACT_MEAN}`);
  if (portfolio.insurance) {
    const recovered = portfolio.insurance.reduce((sum, p) => sum + p.expectedRecovery, 0);
    if (Math.abs(portfolio.retained.mean + recovered - portfolio.mean) > 1e-9 * portfolio.mean) throw new Error(`${name}: retained ${portfolio.retained.mean} + recovered ${recovered} is not the mean ${portfolio.mean}`);
  }
}

export async function run({ rounds = 7, years = 100_000, baseline } = {}) {
  const model = join(sharedDir, 'bench/portfolio-100.json');
  const dir = mkdtempSync(join(tmpdir(), 'triad-bench-engine-'));
  const insured = join(dir, 'portfolio-100-insured.json');
  writeFileSync(insured, JSON.stringify({ ...JSON.parse(readFileSync(model, 'utf8')), insurance: BENCH_INSURANCE }));
  const triad = (root, file, ...extra) => [process.execPath, [join(root, 'bin/triad.js'), 'simulate', file, '--years', String(years), '--format', 'json', ...extra]];
  const contenders = [
    { name: 'triad simulate (default threads)', cmd: triad(repoRoot, model) },
    { name: 'numpy reference', cmd: [python(), [join(sharedDir, 'bench/numpy_reference.py'), model, '--years', String(years)]] },
    { name: 'triad simulate --threads 1', cmd: triad(repoRoot, model, '--threads', '1') },
    { name: 'triad simulate --threads 2', cmd: triad(repoRoot, model, '--threads', '2') },
    { name: 'triad simulate, insurance on', cmd: triad(repoRoot, insured) },
    ...(baseline ? [{ name: `baseline ${baseline} (default threads)`, cmd: triad(baseline, model) }] : []),
  ];
  console.log(`${machine()}\n${years.toLocaleString('en-US')} years, ${rounds} rounds, alternating; one warm-up round not counted\n`);
  let run;
  try {
    run = await runAlternating(contenders, rounds, (name, stdout) => check(name, stdout, years));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printContenders(contenders, run, 1);
  const peak = Math.max(...run.rss[0]) / 1024;
  console.log(`\ntriad / numpy (median whole-process time): ${(median(run.times[0]) / median(run.times[1])).toFixed(2)} (goal ≤ 0.30); triad peak memory ${peak.toFixed(0)} MB (goal < 300 MB)`);
  compareContenders('triad / numpy', run, 0, 1);
  compareContenders('insurance on / off', run, 4, 0);
  if (baseline) compareContenders('this checkout / baseline', run, 0, 5);
  if (run.load) console.log(run.load);
}
