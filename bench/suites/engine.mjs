// The risk engine against the numpy reference, side by side in one run: the standard
// portfolio workload (shared/bench/portfolio-100.json, 100 risks, 100,000 years), the same with
// insurance (a copy with a two-layer tower, written here), each tool as a whole process,
// alternating, several rounds; median wall time and peak memory. With --baseline DIR, another
// built checkout runs the standard portfolio beside this one (before and after a change).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuReport, cpuSnapshot, machine, measure, median, printTable, repoRoot, sharedDir } from '../lib.mjs';

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

/**
 * The Python interpreter itself (sys.executable), not a version manager's shim in front of it:
 * a shim starts another process or two on every call, which would be timed as numpy's.
 */
function python() {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) throw new Error(`cannot find python3: ${r.stderr}`);
  return r.stdout.trim();
}

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
  const times = contenders.map(() => []);
  const cpu = contenders.map(() => []);
  const rss = contenders.map(() => []);
  const cpuBefore = cpuSnapshot();
  try {
    for (let round = 0; round <= rounds; round++) {
      // Alternate the order from round to round so that no contender always runs first.
      const order = contenders.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) {
        const [command, args] = contenders[i].cmd;
        const r = await measure(command, args);
        if (round === 0) {
          check(contenders[i].name, r.stdout, years);
          continue;
        }
        times[i].push(r.ms);
        cpu[i].push(r.cpuMs);
        rss[i].push(r.rssKb);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const machineLoad = cpuReport(cpuBefore, cpuSnapshot());
  const base = median(times[1]);
  const haveCpu = !Number.isNaN(cpu[0][0]);
  // CPU time comes in steps of 10 ms: its mean over the rounds says more than its median.
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  printTable([
    ['', 'median s', 'min s', 'max s', '× numpy', 'mean CPU s', 'peak MB'],
    ...contenders.map((c, i) => [
      c.name,
      (median(times[i]) / 1000).toFixed(3),
      (Math.min(...times[i]) / 1000).toFixed(3),
      (Math.max(...times[i]) / 1000).toFixed(3),
      (median(times[i]) / base).toFixed(2),
      haveCpu ? (mean(cpu[i]) / 1000).toFixed(3) : 'n/a',
      Number.isNaN(rss[i][0]) ? 'n/a' : (Math.max(...rss[i]) / 1024).toFixed(0),
    ]),
  ]);
  const ratio = median(times[0]) / base;
  console.log(`\ntriad / numpy (median whole-process time): ${ratio.toFixed(2)} (goal ≤ 0.80); triad peak memory ${(Math.max(...rss[0]) / 1024).toFixed(0)} MB (goal < 300 MB)`);
  // Paired by round: each round ran both, so the per-round ratio cancels most of the machine's drift.
  const compare = (label, a, b) => {
    const paired = times[a].map((t, r) => t / times[b][r]);
    const cpuRatio = haveCpu ? `; mean CPU time ${(mean(cpu[a]) / mean(cpu[b])).toFixed(3)}` : '';
    console.log(`${label}: wall time ${(median(times[a]) / median(times[b])).toFixed(2)} (ratio of medians), ${median(paired).toFixed(2)} (median of per-round ratios, ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)})${cpuRatio}`);
  };
  compare('insurance on / off', 4, 0);
  if (baseline) compare('this checkout / baseline', 0, 5);
  if (machineLoad) console.log(machineLoad);
}
