// The risk engine against the numpy reference on a realistic register
// (shared/bench/register-realistic.json: 200 scenarios of ten clients, PERT and triangular
// frequencies, vulnerability, secondary loss, treatments; 100,000 years, about 12.3 million
// loss events), side by side in one run: each tool a whole process, alternating, several rounds;
// median wall time, mean CPU time and peak memory.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cpuReport, cpuSnapshot, machine, measure, median, printTable, repoRoot, sharedDir } from '../lib.mjs';

export const description = 'triad simulate vs the numpy reference on shared/bench/register-realistic.json (the whole contract: frequencies, vulnerability, secondary loss, treatments)';

/** The workload's closed-form mean annual loss, inherent and residual (shared/bench/README.md). */
const EXACT = { inherent: 64_574_207.84, residual: 39_834_553.62 };

/** The Python interpreter itself (sys.executable), not a version manager's shim in front of it. */
function python() {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) throw new Error(`cannot find python3: ${r.stderr}`);
  return r.stdout.trim();
}

/** Both tools must land within 1 % of the closed-form means (the standard error is about 0.15 %). */
function check(name, stdout, years) {
  const { portfolio } = JSON.parse(stdout);
  if (years !== 100_000) return;
  const residual = portfolio.residual?.mean;
  if (Math.abs(portfolio.mean / EXACT.inherent - 1) > 0.01) throw new Error(`${name}: inherent mean ${portfolio.mean} is not within 1 % of ${EXACT.inherent}`);
  if (typeof residual !== 'number' || Math.abs(residual / EXACT.residual - 1) > 0.01) throw new Error(`${name}: residual mean ${residual} is not within 1 % of ${EXACT.residual}`);
}

export async function run({ rounds = 5, years = 100_000 } = {}) {
  const model = join(sharedDir, 'bench/register-realistic.json');
  const triad = (...extra) => [process.execPath, [join(repoRoot, 'bin/triad.js'), 'simulate', model, '--years', String(years), '--format', 'json', ...extra]];
  const contenders = [
    { name: 'triad simulate (default threads)', cmd: triad() },
    { name: 'numpy reference', cmd: [python(), [join(sharedDir, 'bench/numpy_reference.py'), model, '--years', String(years)]] },
    { name: 'triad simulate --threads 2', cmd: triad('--threads', '2') },
  ];
  console.log(`${machine()}\n${years.toLocaleString('en-US')} years, ${rounds} rounds, alternating; one warm-up round not counted\n`);
  const times = contenders.map(() => []);
  const cpu = contenders.map(() => []);
  const rss = contenders.map(() => []);
  const cpuBefore = cpuSnapshot();
  for (let round = 0; round <= rounds; round++) {
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
  const machineLoad = cpuReport(cpuBefore, cpuSnapshot());
  const base = median(times[1]);
  const haveCpu = !Number.isNaN(cpu[0][0]);
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
  const paired = times[0].map((t, r) => t / times[1][r]);
  console.log(`\ntriad / numpy: ${(median(times[0]) / base).toFixed(2)} (ratio of medians), ${median(paired).toFixed(2)} (median of per-round ratios, ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)})`);
  if (haveCpu) console.log(`triad / numpy, mean CPU time: ${(mean(cpu[0]) / mean(cpu[1])).toFixed(2)}`);
  if (machineLoad) console.log(machineLoad);
}
