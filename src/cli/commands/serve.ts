import fs from 'node:fs';
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
      const { migrateToLatest } = await import('../../server/db/migrate.js');
      const { buildServer } = await import('../../server/app.js');
      const { gracefulStop } = await import('../../server/shutdown.js');
      const { seedDemo, demoLogins, DEMO_PASSWORD } = await import('../../server/demo.js');
      const { findFirm } = await import('../../server/firm.js');
      let config;
      try {
        config = loadConfig();
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(err.message);
        throw err;
      }
      const say = (line: string): void => void process.stderr.write(line + '\n');
      // Listen first: while the database migrates, the readiness probe answers "migrating".
      const ctx = await createAppContext(config, { migrate: false });
      const app = await buildServer(ctx);
      const address = await app.listen({ port, host: opts.host });
      // `triad restore` will not replace a database a running server uses.
      const pidFile = ctx.database.file ? `${ctx.database.file}.pid` : null;
      if (pidFile) fs.writeFileSync(pidFile, String(process.pid));
      say(`Listening at ${address}; migrating the database…`);

      let stopping = false;
      const stopped = new Promise<number>((resolve) => {
        const stop = (signal: string): void => {
          if (stopping) return;
          stopping = true;
          say(`${signal}: stopping (finishing requests and jobs for at most ${config.shutdownSeconds} s)…`);
          void gracefulStop(app, ctx, {
            seconds: config.shutdownSeconds,
            say,
            // Give the cut connections a moment to close, then go whatever still runs.
            onDeadline: () => void setTimeout(() => process.exit(1), 1000).unref(),
          }).then(
            ({ forced }) => resolve(forced ? 1 : 0),
            (err: unknown) => {
              say(`Stopping failed: ${err instanceof Error ? err.message : String(err)}`);
              resolve(1);
            },
          );
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });

      try {
        ctx.lifecycle.phase = 'migrating';
        await migrateToLatest(ctx.database);
        ctx.lifecycle.phase = 'starting';
        if (opts.demo && !stopping) {
          say('Preparing the demo firm…');
          const seeded = await seedDemo(ctx);
          say(seeded ? 'Demo firm created.' : 'The database already has data; the demo firm was not added again.');
        }
        if (stopping) return;
        if (config.jobs) await ctx.jobs.start();
        ctx.lifecycle.phase = 'ready';
      } catch (err) {
        // A signal during start-up closes the database under the migration or the demo seed.
        if (stopping) {
          await stopped;
          if (pidFile) fs.rmSync(pidFile, { force: true });
          return;
        }
        await app.close();
        await closeAppContext(ctx);
        if (pidFile) fs.rmSync(pidFile, { force: true });
        throw err;
      }
      say(`\nTriad is running at ${address.replace('127.0.0.1', 'localhost')}  (database: ${ctx.database.location})`);
      say(`API reference: ${address}/api/docs`);
      if (config.metrics) say(`Prometheus metrics: ${address}/metrics`);
      if (config.backupDir) say(`Backups every ${config.backupEveryHours} h to ${config.backupDir} (keeping ${config.backupKeep}).`);
      if (opts.demo) {
        say(`\nSign in with any of these accounts, password "${DEMO_PASSWORD}":`);
        for (const l of demoLogins()) say(`  ${l.email.padEnd(32)} ${l.what}`);
        say(`\nAs the firm admin, set up single sign-on and two-step sign-in under Sign-in and security (${address}/admin/security);`);
        say('anyone can turn on two-step sign-in under Your account. Health: /api/health/ready; metrics with TRIAD_METRICS=on.');
      } else if (!(await findFirm(ctx))) {
        say('\nThe database is empty: create the first firm admin with `triad user add --email you@example.com --firm-admin`.');
      }
      const code = await stopped;
      if (pidFile) fs.rmSync(pidFile, { force: true });
      if (code !== 0) throw new CliError(`stopped at the deadline (TRIAD_SHUTDOWN_SECONDS=${config.shutdownSeconds}), cutting what was still running`);
      say('Stopped.');
    });
}
