// Helpers shared by the benchmark suites: whole-process timing with peak memory, medians, tables.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and the shared directory beside it (../shared from the root). */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const sharedDir = fileURLToPath(new URL('../../shared/', import.meta.url));

const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);

/**
 * Runs a command as a whole process and returns its wall time (ms, from spawn to exit), and when
 * the machine has /usr/bin/time its peak resident memory (KB) and the CPU time it used (user +
 * system, ms, to 10 ms), and its output. CPU time moves much less than wall time when other work
 * shares the machine.
 */
export function measure(command, args, { cwd = repoRoot } = {}) {
  return new Promise((resolve, reject) => {
    const argv = haveTime ? ['-f', '%M %U %S', command, ...args] : args;
    const started = performance.now();
    const child = spawn(haveTime ? TIME : command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const stderr = Buffer.concat(err).toString();
      const lines = stderr.trimEnd().split('\n');
      const [rss, user, system] = haveTime ? lines.pop().split(' ').map(Number) : [NaN, NaN, NaN];
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${lines.join('\n')}`));
      else resolve({ ms, rssKb: rss, cpuMs: 1000 * (user + system), stdout: Buffer.concat(out).toString(), stderr: lines.join('\n') });
    });
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Prints rows (arrays of strings) as an aligned table; the first row is the header. */
export function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

/** One line about the machine, printed with the figures. */
export function machine() {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
}

/**
 * A snapshot of the machine's CPU time (Linux /proc/stat), to tell afterwards how much of it the
 * hypervisor took (steal) and how busy the machine was during a measurement.
 */
export function cpuSnapshot() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), idle: fields[3] + fields[4], steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/** Steal and busy shares between two snapshots, as a sentence (empty when unknown). */
export function cpuReport(before, after) {
  if (!before || !after) return '';
  const total = after.total - before.total;
  if (total <= 0) return '';
  const pct = (x) => `${((100 * x) / total).toFixed(0)} %`;
  return `CPU time during the run: ${pct(after.steal - before.steal)} stolen by the hypervisor, ${pct(total - (after.idle - before.idle) - (after.steal - before.steal))} busy (all processes)`;
}

/** The demo firm's administrator, who sees every client. */
export const DEMO_ADMIN = 'admin@northbridge.example';
export const DEMO_PASSWORD = 'triad-demo-2026';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port free on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built server (`triad serve --demo`, SQLite in `dataDir`) as a process with the given
 * extra environment, and waits until it answers. Returns the child, its base URL and a stop().
 */
export async function startDemoServer(dataDir, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, 'bin/triad.js'), 'serve', '--demo', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, TRIAD_DATA_DIR: dataDir, DATABASE_URL: '', TRIAD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log = (log + d).slice(-5000)));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (let t = 0; ; t += 200) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${log}`);
    if (t > 60_000) {
      await stop();
      throw new Error(`the server did not start: ${log}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base, stop, log: () => log };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
}

/**
 * The Python interpreter itself (sys.executable), not a version manager's shim in front of it:
 * a shim starts another process or two on every call, which would be timed as the peer's.
 */
export function python() {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) throw new Error(`cannot find python3: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Runs each contender ({ name, cmd: [command, args] }) as a whole process, once per round after
 * one warm-up round that is not counted (whose output goes to check(name, stdout)), the order
 * reversed from one round to the next so that no contender always runs first. Returns each
 * contender's wall times, CPU times and peak memory, and the machine's load during the run.
 */
export async function runAlternating(contenders, rounds, check) {
  const times = contenders.map(() => []);
  const cpu = contenders.map(() => []);
  const rss = contenders.map(() => []);
  const before = cpuSnapshot();
  for (let round = 0; round <= rounds; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const [command, args] = contenders[i].cmd;
      const r = await measure(command, args);
      if (round === 0) {
        check(contenders[i].name, r.stdout);
        continue;
      }
      times[i].push(r.ms);
      cpu[i].push(r.cpuMs);
      rss[i].push(r.rssKb);
    }
  }
  return { times, cpu, rss, load: cpuReport(before, cpuSnapshot()) };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Prints the contenders' median, min and max wall time, the median relative to contender
 * `base`'s, mean CPU time (it comes in 10 ms steps: its mean says more than its median) and
 * peak memory.
 */
export function printContenders(contenders, { times, cpu, rss }, base) {
  const haveCpu = !Number.isNaN(cpu[0][0]);
  const baseMedian = median(times[base]);
  printTable([
    ['', 'median s', 'min s', 'max s', `× ${contenders[base].name.split(' ')[0]}`, 'mean CPU s', 'peak MB'],
    ...contenders.map((c, i) => [
      c.name,
      (median(times[i]) / 1000).toFixed(3),
      (Math.min(...times[i]) / 1000).toFixed(3),
      (Math.max(...times[i]) / 1000).toFixed(3),
      (median(times[i]) / baseMedian).toFixed(2),
      haveCpu ? (mean(cpu[i]) / 1000).toFixed(3) : 'n/a',
      Number.isNaN(rss[i][0]) ? 'n/a' : (Math.max(...rss[i]) / 1024).toFixed(0),
    ]),
  ]);
}

/**
 * Contender a against contender b: the ratio of their median wall times, and the median of the
 * per-round ratios (each round ran both, so it cancels most of a busy machine's drift), with
 * the ratio of their mean CPU times.
 */
export function compareContenders(label, { times, cpu }, a, b) {
  const paired = times[a].map((t, r) => t / times[b][r]);
  const cpuRatio = Number.isNaN(cpu[a][0]) ? '' : `; mean CPU time ${(mean(cpu[a]) / mean(cpu[b])).toFixed(2)}`;
  console.log(`${label}: wall time ${(median(times[a]) / median(times[b])).toFixed(2)} (ratio of medians), ${median(paired).toFixed(2)} (median of per-round ratios, ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)})${cpuRatio}`);
}

/** A fresh PostgreSQL database (`<prefix>_<unique>`) in the server of `adminUrl`, and how to drop it. */
export async function pgDatabase(adminUrl, prefix) {
  const pg = (await import('pg')).default;
  const name = `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
