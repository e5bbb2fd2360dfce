// The risk engine against the numpy reference on a realistic register
// (shared/bench/register-realistic.json: 200 scenarios of ten clients, PERT and triangular
// frequencies, vulnerability, secondary loss, treatments; 100,000 years, about 12.3 million
// loss events), side by side in one run: each tool a whole process, alternating, several rounds;
// median wall time, mean CPU time and peak memory.
import { join } from 'node:path';
import { compareContenders, machine, printContenders, python, repoRoot, runAlternating, sharedDir } from '../lib.mjs';

export const description = 'triad simulate vs the numpy reference on shared/bench/register-realistic.json (the whole contract: frequencies, vulnerability, secondary loss, treatments)';

/** The workload's closed-form mean annual loss, inherent and residual (shared/bench/README.md). */
const EXACT = { inherent: 64_574_207.84, residual: 39_834_553.62 };

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
    { name: 'triad simulate --threads 1', cmd: triad('--threads', '1') },
  ];
  console.log(`${machine()}\n${years.toLocaleString('en-US')} years, ${rounds} rounds, alternating; one warm-up round not counted\n`);
  const run = await runAlternating(contenders, rounds, (name, stdout) => check(name, stdout, years));
  printContenders(contenders, run, 1);
  console.log('');
  compareContenders('triad / numpy', run, 0, 1);
  compareContenders('triad --threads 1 / numpy', run, 2, 1);
  if (run.load) console.log(run.load);
}
