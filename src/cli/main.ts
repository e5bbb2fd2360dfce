import { Command, CommanderError } from 'commander';
import { CliError } from './output.js';
import { registerAdmin } from './commands/admin.js';
import { registerAudit } from './commands/audit.js';
import { registerServe } from './commands/serve.js';
import { registerSimulate } from './commands/simulate.js';
import { registerRisks } from './commands/risks.js';
import { registerImportExport } from './commands/import-export.js';
import { registerReport } from './commands/report.js';
import { registerBackup } from './commands/backup.js';
import { registerRestore } from './commands/restore.js';
import { registerCatalog } from './commands/catalog.js';

/** Builds the `triad` command tree. Each command lives in its own file under ./commands. */
export function buildProgram(): Command {
  const program = new Command('triad')
    .description('Triad: the working system of a company\'s technology leadership.')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerAdmin(program);
  registerAudit(program);
  registerSimulate(program);
  registerRisks(program);
  registerImportExport(program);
  registerReport(program);
  registerBackup(program);
  registerRestore(program);
  registerCatalog(program);
  return program;
}

/** Runs the CLI and returns the process exit code; errors go to stderr, never as a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed help or the usage problem.
      return err.exitCode;
    }
    if (err instanceof CliError) {
      process.stderr.write(`triad: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`triad: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.TRIAD_DEBUG) console.error(err);
    return 1;
  }
}
