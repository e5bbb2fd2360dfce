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
import { VERSION } from '../server/version.js';

/** Builds the `triad` command tree. Each command lives in its own file under ./commands. */
export function buildProgram(): Command {
  const program = new Command('triad')
    .description('Triad: the working system of a company\'s technology leadership.')
    .version(VERSION, '-V, --version', 'print Triad\'s version')
    .showHelpAfterError()
    .exitOverride();
  // NO_COLOR (https://no-color.org): no colour in help and usage errors.
  if (process.env.NO_COLOR) program.configureOutput({ getOutHasColors: () => false, getErrHasColors: () => false });
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
  // A reader that stops early (`triad export … | head`) closes the pipe: stop quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return 0;
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
