import os from 'node:os';
import { CliError } from './output.js';

import type { Actor, AppContext } from '../server/context.js';

/**
 * Runs an administrative command against the database that `triad serve` uses (the same
 * TRIAD_DATA_DIR / DATABASE_URL), after applying pending migrations. No server is needed.
 */
export async function withApp<T>(fn: (ctx: AppContext) => Promise<T>, options: { logLevel?: 'silent' | 'info' } = {}): Promise<T> {
  const { loadConfig, ConfigError } = await import('../server/config.js');
  const { createAppContext, closeAppContext } = await import('../server/bootstrap.js');
  let config;
  try {
    config = loadConfig(process.env, { logLevel: options.logLevel ?? 'silent' });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
  const ctx = await createAppContext(config);
  try {
    return await fn(ctx);
  } catch (err) {
    // A refusal by the domain (or a unique or foreign-key violation) is a message, not a crash.
    const { AppError } = await import('../server/errors.js');
    const { constraintError } = await import('../server/db/constraints.js');
    const refusal = err instanceof AppError ? err : constraintError(err);
    if (refusal && refusal.code !== 'INTERNAL') {
      const details = refusal.details.map((d) => `\n  ${d.path ? `${d.path}: ` : ''}${d.message}`).join('');
      throw new CliError(`${refusal.message}${details}`);
    }
    throw err;
  } finally {
    await closeAppContext(ctx);
  }
}

/** The actor for changes made from the command line, recorded as such in the audit trail. */
export async function cliActor(ctx: AppContext): Promise<Actor> {
  const { findFirm, systemActor } = await import('../server/firm.js');
  const firm = await findFirm(ctx);
  if (!firm) throw new CliError('the database has no firm yet: create the first user with `triad user add --email E --firm-admin`');
  return systemActor(firm.id, `triad CLI (${os.userInfo().username}@${os.hostname()})`);
}

/**
 * The firm's client that `--client` names: its id, or its name (any case). A name two clients
 * share is refused with their ids, and an unknown one points at `triad client list`.
 */
export async function resolveClient(ctx: AppContext, firmId: string, text: string): Promise<{ id: string; name: string }> {
  const db = ctx.database.db;
  const byId = await db.selectFrom('clients').select(['id', 'name']).where('firm_id', '=', firmId).where('id', '=', text).executeTakeFirst();
  if (byId) return byId;
  const wanted = text.trim().toLowerCase();
  const all = await db.selectFrom('clients').select(['id', 'name']).where('firm_id', '=', firmId).orderBy('name').execute();
  const named = all.filter((c) => c.name.toLowerCase() === wanted);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new CliError(`${named.length} clients are named "${text}": give the id of the one you mean (${named.map((c) => c.id).join(', ')})`);
  throw new CliError(`no client with id or name "${text}" (see \`triad client list\`)`);
}

/** Reads all of standard input (for passwords), trimming the final newline. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
