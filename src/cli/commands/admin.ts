import type { Command } from 'commander';
import type { AppContext, ClientScope } from '../../server/context.js';
import { cliActor, readStdin, resolveClient, withApp } from '../context.js';
import { CliError, parseFormat, printJson, printTable } from '../output.js';
import { registerClientTransfer } from './client-transfer.js';

const MEMBER_ROLES = ['advisor', 'executive', 'contributor', 'viewer'] as const;

/** Administrative commands that work directly on the database: migrate, user, client, member. */
export function registerAdmin(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      await withApp((ctx) => {
        process.stdout.write(`Database is up to date (${ctx.database.dialect}: ${ctx.database.location}).\n`);
        return Promise.resolve();
      });
    });

  const user = program.command('user').description('Manage users');
  user
    .command('add')
    .description('Add a user; the password is read from standard input')
    .requiredOption('--email <email>', 'the e-mail they sign in with')
    .option('--name <name>', 'their name (default: the part of the e-mail before @)')
    .option('--firm-admin', 'make them a firm admin')
    .option('--advisor', 'make them an advisor of the firm')
    .option('--firm <name>', 'name of the firm, when the database has none yet', 'My firm')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { email: string; name?: string; firmAdmin?: boolean; advisor?: boolean; firm: string; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl-D): ');
      const password = await readStdin();
      if (!password) throw new CliError('no password on standard input (e.g. `echo "$PASSWORD" | triad user add --email …`)', 2);
      await withApp(async (ctx) => {
        const { findFirm, createFirm, systemActor } = await import('../../server/firm.js');
        const { createUser, presentUser } = await import('../../modules/accounts/users.js');
        const { AppError } = await import('../../server/errors.js');
        const { passwordProblem } = await import('../../modules/accounts/strength.js');
        const name = opts.name ?? opts.email.split('@')[0] ?? opts.email;
        // Before anything is made: a refused password must not leave a firm behind.
        const problem = await passwordProblem(password, { name, email: opts.email });
        if (problem) throw new CliError(`The password is too easy to guess.\n  password: ${problem}`);
        const firm = (await findFirm(ctx)) ?? (await createFirm(ctx, opts.firm));
        const actor = systemActor(firm.id, (await cliActor(ctx)).label);
        try {
          const u = await createUser(ctx, actor, {
            email: opts.email,
            name,
            password,
            firmRole: opts.firmAdmin ? 'admin' : opts.advisor ? 'advisor' : 'member',
          });
          if (format === 'json') printJson(presentUser(u));
          else process.stdout.write(`Added ${u.email} (${u.firm_role}) with id ${u.id}.\n`);
        } catch (err) {
          if (err instanceof AppError) throw new CliError([err.message, ...err.details.map((d) => `  ${d.path}: ${d.message}`)].join('\n'));
          throw err;
        }
      });
    });
  user
    .command('list')
    .description('List the firm\'s users')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      await withApp(async (ctx) => {
        const { listUsers, presentUser } = await import('../../modules/accounts/users.js');
        const actor = await cliActor(ctx);
        const users = (await listUsers(ctx, actor.firmId)).map(presentUser);
        if (format === 'json') printJson(users);
        else printTable(users, ['id', 'email', 'name', 'firmRole', 'disabled']);
      });
    });

  const client = program.command('client').description('Manage clients');
  client
    .command('add')
    .description('Add a client and print its id')
    .requiredOption('--name <name>', 'the client company\'s name')
    .option('--sector <sector>', 'its sector', 'Other')
    .option('--employees <n>', 'number of employees', '10')
    .option('--revenue <amount>', 'annual revenue in major units', '0')
    .option('--currency <code>', 'ISO 4217 currency', 'USD')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { name: string; sector: string; employees: string; revenue: string; currency: string; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      await withApp(async (ctx) => {
        const { createClient, presentClient, ClientInput } = await import('../../modules/clients/clients.js');
        const parsed = ClientInput.safeParse({
          name: opts.name,
          sector: opts.sector,
          employees: Number(opts.employees),
          annualRevenue: Number(opts.revenue),
          currency: opts.currency,
        });
        if (!parsed.success) {
          throw new CliError(['invalid client:', ...parsed.error.issues.map((i) => `  --${String(i.path[0] ?? '')}: ${i.message}`)].join('\n'), 2);
        }
        const row = await createClient(ctx, await cliActor(ctx), parsed.data);
        if (format === 'json') printJson(presentClient(row, 'advisor'));
        else process.stdout.write(`${row.id}\n`);
      });
    });
  client
    .command('list')
    .description('List the firm\'s clients')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      await withApp(async (ctx) => {
        const { presentClient } = await import('../../modules/clients/clients.js');
        const actor = await cliActor(ctx);
        const rows = await ctx.database.db.selectFrom('clients').selectAll().where('firm_id', '=', actor.firmId).orderBy('name').execute();
        const list = rows.map((r) => presentClient(r, 'advisor'));
        if (format === 'json') printJson(list);
        else printTable(list, ['id', 'name', 'sector', 'employees', 'currency']);
      });
    });

  registerClientTransfer(client);

  const member = program.command('member').description('Manage client memberships');
  member
    .command('add')
    .description('Give an existing user a role in a client')
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .requiredOption('--email <email>', 'the user\'s e-mail')
    .requiredOption('--role <role>', MEMBER_ROLES.join('|'))
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { client: string; email: string; role: string; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      if (!(MEMBER_ROLES as readonly string[]).includes(opts.role)) {
        throw new CliError(`--role must be one of ${MEMBER_ROLES.join(', ')} (got "${opts.role}")`, 2);
      }
      await withApp(async (ctx) => {
        const scope = await cliScope(ctx, opts.client);
        const { addMember } = await import('../../modules/clients/members.js');
        const m = await runDomain(() => addMember(scope, { email: opts.email, role: opts.role as (typeof MEMBER_ROLES)[number] }));
        if (format === 'json') printJson(m);
        else process.stdout.write(`${m.email} is now ${m.role} of the client.\n`);
      });
    });
}

/** A client scope for the CLI, acting as an advisor, from the client's id or name; says so when it is unknown. */
export async function cliScope(ctx: AppContext, clientId: string): Promise<ClientScope> {
  const { ClientScope } = await import('../../server/context.js');
  const { clientInfo } = await import('../../modules/clients/clients.js');
  const actor = await cliActor(ctx);
  const { id } = await resolveClient(ctx, actor.firmId, clientId);
  const row = await ctx.database.db.selectFrom('clients').selectAll().where('id', '=', id).where('firm_id', '=', actor.firmId).executeTakeFirstOrThrow();
  return new ClientScope(ctx, clientInfo(row), actor, 'advisor');
}

/** Runs a domain function and turns its AppError into a CLI message listing each problem. */
export async function runDomain<T>(fn: () => Promise<T>): Promise<T> {
  const { AppError } = await import('../../server/errors.js');
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw new CliError([err.message, ...err.details.map((d) => `  ${d.path}: ${d.message}`)].join('\n'));
    throw err;
  }
}
