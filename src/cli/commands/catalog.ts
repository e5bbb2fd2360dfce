import type { Command } from 'commander';
import { cliActor, withApp } from '../context.js';
import { CliError, parseFormat, printJson, printTable } from '../output.js';
import { plural } from '../../shared/plural.js';
import { runDomain } from './admin.js';

type Counts = { groups: number; controls: number; withdrawn: number; outcomes: number; byClass: { class: string; kind: string; active: number; withdrawn: number }[] };

/** "family 20, subfamily 3" from the counts by class of one kind. */
function byClass(counts: Counts, kind: 'group' | 'control'): string {
  return counts.byClass
    .filter((c) => c.kind === kind && c.active > 0)
    .map((c) => `${c.class} ${c.active.toLocaleString('en-US')}`)
    .join(', ');
}

/**
 * `triad catalog import|list`: the firm's control catalogues. Any OSCAL catalogue (or catalogue
 * resolved from a profile), JSON or YAML, is imported in one transaction, or nothing is.
 */
export function registerCatalog(program: Command): void {
  const catalog = program.command('catalog').description('The firm\u2019s control catalogues (NIST CSF 2.0 comes with Triad; import any other from OSCAL)');

  catalog
    .command('import <file>')
    .description('Import an OSCAL catalogue (JSON or YAML): a new one, or a new version of one the firm has (same uuid)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (file: string, opts: { format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      const { readFile } = await import('node:fs/promises');
      const path = await import('node:path');
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}`);
      }
      const report = await withApp(async (ctx) => {
        const { importCatalogue } = await import('../../modules/controls/catalogues.js');
        const actor = await cliActor(ctx);
        const tty = process.stderr.isTTY;
        let shown = -1;
        return runDomain(() =>
          importCatalogue(ctx, actor, bytes, {
            fileName: path.basename(file),
            onProgress: (p) => {
              const pct = Math.floor(p.fraction * 100);
              if (!tty || p.phase !== 'storing' || pct === shown) return;
              shown = pct;
              process.stderr.write(`\rStoring ${p.nodesStored.toLocaleString('en-US')} of ${p.nodesTotal.toLocaleString('en-US')} groups and controls (${pct}%)`);
            },
          }),
        ).finally(() => {
          if (tty && shown >= 0) process.stderr.write('\n');
        });
      });
      if (format === 'json') {
        printJson(report);
        return;
      }
      const v = report.version;
      const c = v.counts;
      const what =
        report.action === 'unchanged'
          ? `"${v.title}" version ${v.version} is already stored with the same content: nothing changed.`
          : report.action === 'version-added'
            ? `Imported version ${v.version} of "${v.title}": the catalogue now has ${report.catalogue.versions.length} versions.`
            : `Imported "${v.title}" version ${v.version} as a new catalogue.`;
      const lines = [
        what,
        `  catalogue id: ${report.catalogue.id} (OSCAL uuid ${report.catalogue.uuid})`,
        `  groups:   ${c.groups.toLocaleString('en-US')}${byClass(c, 'group') ? ` (${byClass(c, 'group')})` : ''}`,
        `  controls: ${c.controls.toLocaleString('en-US')}${byClass(c, 'control') ? ` (${byClass(c, 'control')})` : ''}${c.withdrawn ? `; ${c.withdrawn.toLocaleString('en-US')} withdrawn, kept and marked` : ''}`,
        `  outcomes to assess: ${c.outcomes.toLocaleString('en-US')}`,
      ];
      if (v.warnings.length > 0) {
        lines.push(`  ${plural(v.warnings.length, 'warning')}:`);
        for (const w of v.warnings.slice(0, 20)) lines.push(`    ${w.path}: ${w.message}`);
      }
      process.stdout.write(lines.join('\n') + '\n');
    });

  catalog
    .command('list')
    .description('List the firm\u2019s catalogues with their latest version and counts of groups and controls')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      const list = await withApp(async (ctx) => {
        const { firmCatalogues } = await import('../../modules/controls/builtin.js');
        const actor = await cliActor(ctx);
        return firmCatalogues(ctx, actor.firmId);
      });
      if (format === 'json') {
        printJson(
          list.map((c) => ({
            id: c.id,
            uuid: c.uuid,
            title: c.title,
            builtin: c.builtin,
            version: c.latest.version,
            versions: c.versions.map((v) => v.version),
            groups: c.latest.counts.groups,
            controls: c.latest.counts.controls,
            withdrawn: c.latest.counts.withdrawn,
            outcomes: c.latest.counts.outcomes,
            byClass: c.latest.counts.byClass,
          })),
        );
        return;
      }
      printTable(
        list.map((c) => ({
          title: c.title,
          version: c.latest.version + (c.versions.length > 1 ? ` (+${c.versions.length - 1} older)` : ''),
          groups: c.latest.counts.groups,
          controls: c.latest.counts.controls,
          withdrawn: c.latest.counts.withdrawn,
          outcomes: c.latest.counts.outcomes,
          'by class': [byClass(c.latest.counts, 'group'), byClass(c.latest.counts, 'control')].filter(Boolean).join('; '),
          id: c.id,
        })),
      );
    });
}
