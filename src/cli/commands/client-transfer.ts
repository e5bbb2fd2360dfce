import type { Command } from 'commander';
import { CliError, parseFormat, printJson } from '../output.js';
import { plural } from '../../shared/plural.js';

import type { ImportReport } from '../../modules/transfer/schema.js';

/**
 * `triad client export --client ID [--out FILE]` and `triad client import FILE [--dry-run]
 * [--name NAME]`: the whole-client file (docs/client-export.md), through the same domain
 * functions as the API, as the firm's CLI actor (a firm admin).
 */
export function registerClientTransfer(client: Command): void {
  client
    .command('export')
    .description('Export a whole client as one JSON file (records, evidence files, issued packs, audit trail)')
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(async (opts: { client: string; out?: string }) => {
      const { withApp, cliActor, resolveClient } = await import('../context.js');
      const fs = await import('node:fs');
      await withApp(async (ctx) => {
        const { exportClient } = await import('../../modules/transfer/export.js');
        const actor = await cliActor(ctx);
        const client = await resolveClient(ctx, actor.firmId, opts.client);
        const file = await exportClient(ctx, actor, client.id);
        const text = JSON.stringify(file);
        if (opts.out) {
          const tmp = `${opts.out}.partial`;
          fs.writeFileSync(tmp, text);
          fs.renameSync(tmp, opts.out);
          const rows = Object.values(file.tables).reduce((n, r) => n + r.length, 0);
          process.stderr.write(`Exported ${typeof file.client.name === 'string' ? file.client.name : ''}: ${plural(rows, 'row')}, ${plural(file.audit.head.seq, 'audit entry', 'audit entries')}, digest ${file.integrity.digest}, to ${opts.out}.\n`);
        } else {
          process.stdout.write(text + '\n');
        }
      });
    });

  client
    .command('import <file>')
    .description('Import a client export file into the firm, all or nothing')
    .option('--dry-run', 'check the file and report what would be created; write nothing')
    .option('--name <name>', 'a name for the imported client (default: the name in the file)')
    .option('--format <format>', 'table or json (the full report)', 'table')
    .action(async (file: string, opts: { dryRun?: boolean; name?: string; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      const fs = await import('node:fs');
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        throw new CliError(`cannot read ${file}`, 2);
      }
      const { withApp, cliActor } = await import('../context.js');
      const report = await withApp(async (ctx) => {
        const { importClient } = await import('../../modules/transfer/import.js');
        const { parseExportText } = await import('../../modules/transfer/text.js');
        return importClient(ctx, await cliActor(ctx), parseExportText(text), { dryRun: opts.dryRun ?? false, name: opts.name });
      });
      if (format === 'json') printJson(report);
      else printReport(report);
    });
}

function printReport(r: ImportReport): void {
  const out = [
    r.dryRun
      ? `Checked: would import ${r.client.name} with ${plural(r.totalRows, 'row')} and ${plural(r.audit.entries, 'audit entry', 'audit entries')}. Nothing was written (dry run).`
      : `Imported ${r.client.name} with id ${r.client.id}${r.client.keptId ? '' : ' (a new id: the one in the file is taken here)'}: ${plural(r.totalRows, 'row')}, ${plural(r.audit.entries, 'audit entry', 'audit entries')} (verified).`,
    `From ${r.source.firm}, exported ${r.source.exportedAt} (Triad ${r.source.triad}, ${r.source.database}); digest ${r.integrity.digest}, signature ${r.integrity.signature}.`,
  ];
  for (const p of r.people) out.push(`  ${p.action === 'matched' ? 'matched' : r.dryRun ? 'would invite' : 'invited'}: ${p.name} <${p.email}>${p.role ? ` (${p.role})` : ''}`);
  for (const c of r.catalogues) out.push(`  catalogue ${c.action === 'matched' ? 'matched' : r.dryRun ? 'would be added' : 'added'}: ${c.title} ${c.version}`);
  process.stdout.write(out.join('\n') + '\n');
}
