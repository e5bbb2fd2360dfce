// The risk engine against the numpy reference, side by side in one run: the standard
// portfolio workload (shared/bench/portfolio-100.json, 100 risks, 100,000 years), each tool
// as a whole process, alternating, several rounds; median wall time and peak memory.
import { join } from 'node:path';
import { cpuReport, cpuSnapshot, machine, measure, median, printTable, repoRoot, sharedDir } from '../lib.mjs';

export const description = 'triad simulate vs the numpy reference on shared/bench/portfolio-100.json';

/** The workload's exact mean annual loss (shared/bench/README.md), to check both outputs. */
const EXACT_MEAN = 150_850_969.85;

export async function run({ rounds = 7, years = 100_000 } = {}) {
  const model = join(sharedDir, 'bench/portfolio-100.json');
  const triad = (...extra) => [process.execPath, [join(repoRoot, 'bin/triad.js'), 'simulate', model, '--years', String(years), '--format', 'json', ...extra]];
  const contenders = [
    { name: 'triad simulate (default threads)', cmd: triad() },
    { name: 'numpy reference', cmd: ['python3', [join(sharedDir, 'bench/numpy_reference.py'), model, '--years', String(years)]] },
    { name: 'triad simulate --threads 1', cmd: triad('--threads', '1') },
    { name: 'triad simulate --threads 2', cmd: triad('--threads', '2') },
  ];
  console.log(`${machine()}\n${years.toLocaleString('en-US')} years, ${rounds} rounds, alternating; one warm-up round not counted\n`);
  const times = contenders.map(() => []);
  const rss = contenders.map(() => []);
  const cpuBefore = cpuSnapshot();
  for (let round = 0; round <= rounds; round++) {
    // Alternate the order from round to round so that neither side always runs first.
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const [command, args] = contenders[i].cmd;
      const r = await measure(command, args);
      if (round === 0) {
        const mean = JSON.parse(r.stdout).portfolio.mean;
        if (years === 100_000 && Math.abs(mean / EXACT_MEAN - 1) > 0.01) throw new Error(`${contenders[i].name}: mean ${mean} is not within 1 % of ${EXACT_MEAN}`);
        continue;
      }
      times[i].push(r.ms);
      rss[i].push(r.rssKb);
    }
  }
  const cpu = cpuReport(cpuBefore, cpuSnapshot());
  const base = median(times[1]);
  printTable([
    ['', 'median s', 'min s', 'max s', '× numpy', 'peak MB'],
    ...contenders.map((c, i) => [
      c.name,
      (median(times[i]) / 1000).toFixed(3),
      (Math.min(...times[i]) / 1000).toFixed(3),
      (Math.max(...times[i]) / 1000).toFixed(3),
      (median(times[i]) / base).toFixed(2),
      Number.isNaN(rss[i][0]) ? 'n/a' : (Math.max(...rss[i]) / 1024).toFixed(0),
    ]),
  ]);
  const ratio = median(times[0]) / base;
  console.log(`\ntriad / numpy (median whole-process time): ${ratio.toFixed(2)} (goal ≤ 0.80); triad peak memory ${(Math.max(...rss[0]) / 1024).toFixed(0)} MB (goal < 300 MB)`);
  if (cpu) console.log(cpu);
}
