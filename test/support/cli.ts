import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import type { TestStorage } from './app.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The environment that points the CLI at a test storage (SQLite folder or PostgreSQL URL). */
export function cliEnv(storage: TestStorage): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TRIAD_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.TRIAD_DATA_DIR;
  if (storage.config.databaseUrl) env.DATABASE_URL = storage.config.databaseUrl;
  if (storage.config.dataDir) env.TRIAD_DATA_DIR = storage.config.dataDir;
  return env;
}

/** Runs the built `triad` command as a whole process (needs `npm run build`). */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/triad.js'), ...args], { cwd: ROOT, env: options.env ?? process.env });
  child.stdin.end(options.stdin ?? '');
  return outcome(child);
}

/** A started process's exit code and everything it wrote, once it has closed. */
export function outcome(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
