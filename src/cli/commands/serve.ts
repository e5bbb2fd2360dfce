import type { Command } from 'commander';
import { CliError } from '../output.js';

/** `triad serve`: the web app and API on one port, with the background jobs. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the Triad server (web app, API and background jobs)')
    .option('--port <port>', 'port to listen on', '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--demo', 'fill an empty database with the demo firm first')
    .action(async (opts: { port: string; host: string; demo?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535 (got "${opts.port}")`, 2);
      const { loadConfig, ConfigError } = await import('../../server/config.js');
      const { createAppContext, closeAppContext } = await import('../../server/bootstrap.js');
      const { buildServer } = await import('../../server/app.js');
      const { seedDemo, demoLogins, DEMO_PASSWORD } = await import('../../server/demo.js');
      const { findFirm } = await import('../../server/firm.js');
      let config;
      try {
        config = loadConfig();
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(err.message);
        throw err;
      }
      const ctx = await createAppContext(config);
      const say = (line: string): void => void process.stderr.write(line + '\n');
      if (opts.demo) {
        say('Preparing the demo firm…');
        const seeded = await seedDemo(ctx);
        say(seeded ? 'Demo firm created.' : 'The database already has data; the demo firm was not added again.');
      }
      const app = await buildServer(ctx);
      if (config.jobs) await ctx.jobs.start();
      const address = await app.listen({ port, host: opts.host });
      say(`\nTriad is running at ${address.replace('127.0.0.1', 'localhost')}  (database: ${ctx.database.location})`);
      say(`API reference: ${address}/api/docs`);
      if (opts.demo) {
        say(`\nSign in with any of these accounts, password "${DEMO_PASSWORD}":`);
        for (const l of demoLogins()) say(`  ${l.email.padEnd(32)} ${l.what}`);
      } else if (!(await findFirm(ctx))) {
        say('\nThe database is empty: create the first firm admin with `triad user add --email you@example.com --firm-admin`.');
      }
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          say('Stopping…');
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await app.close();
      await closeAppContext(ctx);
    });
}
