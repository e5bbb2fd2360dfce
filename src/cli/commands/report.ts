import type { Command } from 'commander';
import { withApp } from '../context.js';
import { CliError, parseFormat } from '../output.js';
import { writeOutput } from '../io.js';

type FileFormat = 'pdf' | 'html';

/** The format from --format, else from the file name of --out, else PDF. */
function fileFormat(format: string | undefined, out: string): FileFormat {
  return parseFormat(format, ['pdf', 'html'] as const, /\.html?$/i.test(out) ? 'html' : 'pdf');
}

async function write(out: string, body: Buffer | string): Promise<void> {
  await writeOutput(out, body);
}

/**
 * `triad report board|qbr|ransomware`: a client's quarterly board pack, its quarterly business review, or its ransomware
 * worst-case one-pager, written to a file as PDF or HTML, generated directly (no server, no
 * background job). The reports module and its PDF and chart libraries load inside the actions.
 */
/** `--quarter` as given (checked), or the quarter today falls in; the summary line names it. */
async function quarterOption(given: string | undefined): Promise<string> {
  if (given === undefined) {
    const { quarterContaining } = await import('../../modules/reports/quarter.js');
    return quarterContaining(new Date().toISOString().slice(0, 10)).key;
  }
  if (!/^20\d\dQ[1-4]$/.test(given)) throw new CliError(`--quarter must be a quarter such as 2026Q4 (got "${given}")`, 2);
  return given;
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('Reports of a client: the quarterly board pack, the quarterly business review, the ransomware worst case');

  report
    .command('board')
    .description('Write the client\'s board pack for a quarter, from its records as they are now (a draft: issuing is done in the web app or the API)')
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .option('--quarter <quarter>', 'the quarter, e.g. 2026Q4 (default: the quarter we are in)')
    .requiredOption('--out <file>', 'the file to write (- is standard output)')
    .option('--format <format>', 'pdf or html (default: from the file name, else pdf)')
    .option('--language <language>', 'the language the pack is written in: en or de', 'en')
    .action(async (opts: { client: string; quarter?: string; out: string; format?: string; language: string }) => {
      const format = fileFormat(opts.format, opts.out);
      const quarter = await quarterOption(opts.quarter);
      const { REPORT_LANGUAGES } = await import('../../modules/reports/schema.js');
      const language = REPORT_LANGUAGES.find((l) => l === opts.language);
      if (!language) throw new CliError(`--language must be one of ${REPORT_LANGUAGES.join(', ')} (got "${opts.language}")`, 2);
      const started = performance.now();
      const { body, summary } = await withApp(async (ctx) => {
        const { cliScope, runDomain } = await import('./admin.js');
        const { makeBoardPack } = await import('../../modules/reports/packs.js');
        const scope = await cliScope(ctx, opts.client);
        const content = await runDomain(() => makeBoardPack(scope, quarter, { language }));
        const body =
          format === 'pdf'
            ? await (await import('../../modules/reports/render/board-pdf.js')).renderBoardPackPdf(content)
            : await (await import('../../modules/reports/render/board-html.js')).renderBoardPackHtml(content);
        const owed = content.owed.length ? `; ${content.owed.length} response(s) still owed by the seats` : '';
        return { body, summary: `${content.client.name}, ${content.quarter.label}${owed}` };
      });
      await write(opts.out, body);
      process.stderr.write(`Wrote ${opts.out} (${format.toUpperCase()}, ${Buffer.byteLength(body).toLocaleString('en-US')} bytes) for ${summary} in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
    });

  report
    .command('qbr')
    .description('Write the client\'s quarterly business review for a quarter: done last quarter, the roadmap for the next four, the IT budget against actual and the forecast, replacements and renewals due, security maturity, risk in money')
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .option('--quarter <quarter>', 'the quarter the review opens, e.g. 2026Q4 (default: the quarter we are in)')
    .requiredOption('--out <file>', 'the file to write (- is standard output)')
    .option('--format <format>', 'pdf or html (default: from the file name, else pdf)')
    .action(async (opts: { client: string; quarter?: string; out: string; format?: string }) => {
      const format = fileFormat(opts.format, opts.out);
      const quarter = await quarterOption(opts.quarter);
      const { body, summary } = await withApp(async (ctx) => {
        const { cliScope, runDomain } = await import('./admin.js');
        const { makeQbr, renderQbrHtml, renderQbrPdf } = await import('../../modules/reports/qbr/make.js');
        const scope = await cliScope(ctx, opts.client);
        const content = await runDomain(() => makeQbr(scope, quarter));
        const body = format === 'pdf' ? await renderQbrPdf(content) : await renderQbrHtml(content);
        return { body, summary: `${content.client.name}, ${content.quarter.label}` };
      });
      await write(opts.out, body);
      process.stderr.write(`Wrote ${opts.out} (${format.toUpperCase()}, ${Buffer.byteLength(body).toLocaleString('en-US')} bytes): the quarterly business review of ${summary}\n`);
    });

  report
    .command('ransomware')
    .description('Write the client\'s ransomware worst-case one-pager: the cost of an attack as a range, and what cuts it')
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .requiredOption('--out <file>', 'the file to write (- is standard output)')
    .option('--format <format>', 'pdf or html (default: from the file name, else pdf)')
    .action(async (opts: { client: string; out: string; format?: string }) => {
      const format = fileFormat(opts.format, opts.out);
      const body = await withApp(async (ctx) => {
        const { cliScope, runDomain } = await import('./admin.js');
        const { makeWorstCase } = await import('../../modules/reports/worst-case.js');
        const { worstCaseDocument } = await import('../../modules/reports/documents.js');
        const { renderDocumentHtml, renderDocumentPdf } = await import('../../modules/reports/render/documents.js');
        const scope = await cliScope(ctx, opts.client);
        const doc = worstCaseDocument(await runDomain(() => makeWorstCase(scope)));
        return format === 'pdf' ? renderDocumentPdf(doc) : renderDocumentHtml(doc);
      });
      await write(opts.out, body);
      process.stderr.write(`Wrote ${opts.out} (${format.toUpperCase()}, ${Buffer.byteLength(body).toLocaleString('en-US')} bytes)\n`);
    });
}
