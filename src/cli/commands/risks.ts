import type { Command } from 'commander';
import { readInput } from '../io.js';
import { withApp } from '../context.js';
import { CliError, parseFormat, printJson, printTable } from '../output.js';
import { plural } from '../../shared/plural.js';
import { cliScope, runDomain } from './admin.js';

/**
 * `triad risks export|import|recompute`: a client's risk register as the engine's model file
 * (docs/risk-model.md), so that it round-trips through `triad simulate`. The register module is
 * imported inside the actions, so that other commands (and `triad simulate`) do not load it.
 */
export function registerRisks(program: Command): void {
  const risks = program.command('risks').description('A client\'s risk register');

  risks
    .command('export')
    .description('Write the client\'s register as a risk model file (the model the web app\'s figures come from)')
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .option('--format <format>', 'yaml or json (default: from --out, else yaml)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { client: string; format?: string; out?: string }) => {
      const guessed = opts.out && /\.json$/i.test(opts.out) ? 'json' : 'yaml';
      const format = parseFormat(opts.format, ['yaml', 'json'] as const, guessed);
      const text = await withApp(async (ctx) => {
        const { exportModel, formatModel } = await import('../../modules/risks/transfer.js');
        const scope = await cliScope(ctx, opts.client);
        return formatModel(await runDomain(() => exportModel(scope)), format);
      });
      if (!opts.out || opts.out === '-') {
        process.stdout.write(text);
        return;
      }
      const { writeFile } = await import('node:fs/promises');
      try {
        await writeFile(opts.out, text, 'utf8');
      } catch (err) {
        throw new CliError(`cannot write ${opts.out}: ${(err as Error).message}`);
      }
      process.stderr.write(`Wrote ${opts.out}\n`);
    });

  risks
    .command('import <file>')
    .description('Import a risk model file into the client\'s register: adds and updates scenarios by id, never deletes any')
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .option('--dry-run', 'report what would change without changing anything')
    .option('--format <format>', 'json or table', 'table')
    .action(async (file: string, opts: { client: string; dryRun?: boolean; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      const text = (await readInput(file)).toString('utf8');
      const report = await withApp(async (ctx) => {
        const { importModel, parseModelText } = await import('../../modules/risks/transfer.js');
        const scope = await cliScope(ctx, opts.client);
        return runDomain(async () => importModel(scope, await parseModelText(text, file), opts.dryRun === true, file));
      });
      if (format === 'json') {
        printJson(report);
        return;
      }
      const lines = [
        report.dryRun ? 'Dry run: nothing was changed.' : 'Imported.',
        `  scenarios created: ${report.created.length}${report.created.length ? ` (${report.created.join(', ')})` : ''}`,
        `  scenarios updated: ${report.updated.length}${report.updated.length ? ` (${report.updated.join(', ')})` : ''}`,
        `  scenarios unchanged: ${report.unchanged.length}`,
        `  treatments created ${report.treatmentsCreated}, updated ${report.treatmentsUpdated}, set back to proposed ${report.treatmentsSetToProposed}`,
        `  appetite ${report.appetiteChanged ? 'replaced' : 'unchanged'}; seed and years ${report.settingsChanged ? 'changed' : 'unchanged'}`,
        ...(report.policiesNotImported.length ? [`  insurance policies not imported (kept under Insurance in Triad): ${report.policiesNotImported.join(', ')}`] : []),
      ];
      if (!report.dryRun && (report.created.length || report.updated.length || report.appetiteChanged || report.settingsChanged)) {
        lines.push('The results are recomputed in the background by the server (or now with `triad risks recompute`).');
      }
      process.stdout.write(lines.join('\n') + '\n');
    });

  risks
    .command('recompute')
    .description('Simulate the client\'s register now and store the results (as the server\'s background job does)')
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { client: string; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      await withApp(async (ctx) => {
        const { recomputeClient } = await import('../../modules/risks/recompute.js');
        const { registerSummary } = await import('../../modules/risks/views.js');
        const scope = await cliScope(ctx, opts.client);
        const outcome = await recomputeClient(ctx, scope.clientId);
        const reg = await registerSummary(scope);
        if (format === 'json') {
          printJson({ ...outcome, status: reg.status, portfolio: reg.portfolio, appetite: reg.appetite });
          return;
        }
        const { formatMoney } = await import('../../shared/money.js');
        const money = (x: number | undefined): string => (x === undefined ? '' : formatMoney(x, reg.currency));
        process.stdout.write(`Simulated ${plural(outcome.risks, 'scenario')} (${reg.status.years?.toLocaleString('en-US')} years, seed ${reg.status.seed}) in ${(outcome.durationMs / 1000).toFixed(1)} s.\n`);
        printTable([
          { figure: 'mean annual loss', value: money(reg.portfolio?.current.mean) },
          { figure: '1-in-10-year loss (P90)', value: money(reg.portfolio?.current.p90) },
          { figure: '1-in-100-year loss (P99)', value: money(reg.portfolio?.current.p99) },
          { figure: 'appetite', value: reg.appetite.defined ? (reg.appetite.breached ? 'above' : 'within') : 'not set' },
        ]);
      });
    });
}
