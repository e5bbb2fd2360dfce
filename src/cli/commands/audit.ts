import type { Command } from 'commander';
import { cliActor, withApp } from '../context.js';
import { CliError, parseFormat, printJson, printTable } from '../output.js';

/** `triad audit verify`: checks the hash chains of the audit trail. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Verify the audit trail\'s hash chains (every client and the firm\'s, or one client)')
    .option('--client <id>', 'only this client\'s chain')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { client?: string; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      const failed = await withApp(async (ctx) => {
        const { verifyChain } = await import('../../modules/audit/chain.js');
        const actor = await cliActor(ctx);
        const db = ctx.database.db;
        let chains: { id: string; name: string }[];
        if (opts.client) {
          const c = await db.selectFrom('clients').select(['id', 'name']).where('id', '=', opts.client).executeTakeFirst();
          if (!c) throw new CliError(`no client with id "${opts.client}"`);
          chains = [c];
        } else {
          const clients = await db.selectFrom('clients').select(['id', 'name']).where('firm_id', '=', actor.firmId).orderBy('name').execute();
          chains = [{ id: actor.firmId, name: '(firm accounts)' }, ...clients];
        }
        const results = [];
        for (const c of chains) {
          const r = await verifyChain(db, c.id);
          results.push({ chain: c.id, name: c.name, ok: r.ok, entries: r.entries, firstBadEntry: r.failure?.seq ?? null, reason: r.failure?.reason ?? null });
        }
        if (format === 'json') printJson(results);
        else printTable(results, ['name', 'ok', 'entries', 'firstBadEntry', 'reason']);
        return results.filter((r) => !r.ok);
      });
      if (failed.length > 0) {
        const f = failed[0]!;
        throw new CliError(`the audit trail of ${f.name} does not verify: entry ${f.firstBadEntry} (${f.reason})`, 3);
      }
    });
}
