import fs from 'node:fs';
import type { Command } from 'commander';
import { cliActor, resolveClient, withApp } from '../context.js';
import { CliError, parseFormat, printJson, printTable } from '../output.js';
import { plural } from '../../shared/plural.js';
import type { CheckpointFile } from '../../modules/audit/checkpoints.js';

function readCheckpointFile(file: string): CheckpointFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read the checkpoint file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const f = parsed as Partial<CheckpointFile> | null;
  if (!f || f.format !== 'triad-audit-checkpoint/1' || !Array.isArray(f.chains) || typeof f.signature !== 'string') {
    throw new CliError(`${file} is not a Triad audit checkpoint file (made by \`triad audit checkpoint --out FILE\`)`);
  }
  return f as CheckpointFile;
}

/** `triad audit verify` and `triad audit checkpoint`: the audit trail's hash chains and their anchors. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Verify the audit trail\'s hash chains against themselves and their anchors (the firm\'s checkpoints, issued board packs, signed checkpoint files); names the first entry missing or altered')
    .option('--client <client>', 'only this client\'s chain (its id or name)')
    .option('--anchor <file...>', 'signed checkpoint files (from `triad audit checkpoint --out`) to check the chains against')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { client?: string; anchor?: string[]; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      const files = (opts.anchor ?? []).map(readCheckpointFile);
      const failed = await withApp(async (ctx) => {
        const { verifyCheckpoints, verifyTrail } = await import('../../modules/audit/verify.js');
        const { auditKeyOf } = await import('../../modules/audit/signing.js');
        const key = auditKeyOf(ctx);
        if (files.length > 0 && !key) throw new CliError('checking a signed checkpoint file needs the audit key: set TRIAD_AUDIT_KEY to its file');
        const actor = await cliActor(ctx);
        const db = ctx.database.db;
        let chains: { id: string; name: string }[];
        if (opts.client) {
          chains = [await resolveClient(ctx, actor.firmId, opts.client)];
        } else {
          const clients = await db.selectFrom('clients').select(['id', 'name']).where('firm_id', '=', actor.firmId).orderBy('name').execute();
          chains = [{ id: actor.firmId, name: '(firm accounts)' }, ...clients];
        }
        const results = [];
        const checkpoints = await verifyCheckpoints(db, actor.firmId, { key, files });
        results.push({ chain: `${actor.firmId}:checkpoints`, name: '(checkpoints)', ok: checkpoints.ok, entries: checkpoints.checkpoints, anchors: files.length, firstBadEntry: checkpoints.failure?.seq ?? null, reason: checkpoints.failure?.reason ?? null });
        for (const c of chains) {
          const r = await verifyTrail(db, c.id, { key, files });
          results.push({ chain: c.id, name: c.name, ok: r.ok, entries: r.entries, anchors: r.anchors, firstBadEntry: r.failure?.seq ?? null, reason: r.failure?.reason ?? null });
        }
        if (format === 'json') printJson(results);
        else printTable(results, ['name', 'ok', 'entries', 'anchors', 'firstBadEntry', 'reason']);
        return results.filter((r) => !r.ok);
      });
      if (failed.length > 0) {
        const f = failed[0]!;
        const what = f.name === '(checkpoints)' ? 'the firm\'s audit checkpoints do not verify' : `the audit trail of ${f.name} does not verify: entry ${f.firstBadEntry}`;
        throw new CliError(`${what} (${f.reason})`, 3);
      }
    });

  audit
    .command('checkpoint')
    .description('Checkpoint every audit chain now; with --out, also write a checkpoint file signed with the audit key (TRIAD_AUDIT_KEY) to keep outside the database')
    .option('--out <file>', 'write the signed checkpoint file here')
    .action(async (opts: { out?: string }) => {
      await withApp(async (ctx) => {
        const { exportCheckpointFile, writeCheckpoints } = await import('../../modules/audit/checkpoints.js');
        const { auditKeyOf } = await import('../../modules/audit/signing.js');
        const key = auditKeyOf(ctx);
        const actor = await cliActor(ctx);
        if (opts.out && !key) throw new CliError('a signed checkpoint file needs the audit key: set TRIAD_AUDIT_KEY to an Ed25519 private key file (openssl genpkey -algorithm ed25519 -out audit-key.pem)');
        const outcome = opts.out && key ? await exportCheckpointFile(ctx.database.db, actor.firmId, ctx.clock.now(), key).then((r) => {
          fs.writeFileSync(opts.out!, JSON.stringify(r.file, null, 2) + '\n');
          return r.outcome;
        }) : await writeCheckpoints(ctx.database.db, actor.firmId, ctx.clock.now(), key);
        process.stderr.write(`${plural(outcome.written, 'chain')} checkpointed${key ? ` and signed (key ${key.id})` : ' (unsigned: no TRIAD_AUDIT_KEY)'}${opts.out ? `; signed file written to ${opts.out}` : ''}.\n`);
        if (outcome.refused.length > 0) {
          throw new CliError(`not checkpointed, as they do not follow from their last checkpoint: ${outcome.refused.map((r) => `${r.chainId} (${r.reason})`).join('; ')}. Run \`triad audit verify\`.`, 3);
        }
      });
    });
}
