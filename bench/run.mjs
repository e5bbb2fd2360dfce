#!/usr/bin/env node
// Benchmark runner: `node bench/run.mjs [suite …] [--rounds N] [--years N] [--baseline DIR]`.
// Each suite is a module in bench/suites/ exporting { description, run(options) }; with no
// suite named, all of them run. `npm run bench` builds first, then runs every suite.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const suitesDir = fileURLToPath(new URL('./suites/', import.meta.url));
const available = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.slice(0, -4))
  .sort();

const args = process.argv.slice(2);
const options = {};
const names = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--help' || a === '-h') {
    console.log(`usage: node bench/run.mjs [suite …] [--rounds N] [--years N] [--baseline DIR]\nsuites: ${available.join(', ')}\n--baseline: another built checkout of Triad, run beside this one (engine and import suites)`);
    process.exit(0);
  } else if (a === '--baseline') {
    const value = args[++i];
    if (value === undefined || !existsSync(join(value, 'bin/triad.js'))) {
      console.error(`bench: --baseline needs a built checkout of Triad (a directory with bin/triad.js)`);
      process.exit(2);
    }
    options.baseline = value;
  } else if (a.startsWith('--')) {
    const value = args[++i];
    if (value === undefined || !/^\d+$/.test(value)) {
      console.error(`bench: ${a} needs a whole number`);
      process.exit(2);
    }
    options[a.slice(2)] = Number(value);
  } else names.push(a);
}
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`bench: unknown suite ${unknown.join(', ')} (available: ${available.join(', ')})`);
  process.exit(2);
}

for (const name of names.length > 0 ? names : available) {
  const suite = await import(new URL(`./suites/${name}.mjs`, import.meta.url).href);
  console.log(`\n== ${name}: ${suite.description}\n`);
  await suite.run(options);
}
