import type { AppContext } from './context.js';
import type { DemoClient } from './module.js';
import { createFirm, findFirm, systemActor } from './firm.js';
import { findUserByEmail } from '../modules/accounts/users.js';
import { createUser } from '../modules/accounts/users.js';
import { createClient } from '../modules/clients/clients.js';
import { modules } from '../modules/index.js';
import { ClientScope } from './context.js';
import { clientInfo } from '../modules/clients/clients.js';
import { addMember } from '../modules/clients/members.js';
import type { FirmRole, MemberRole } from './db/platform-tables.js';

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'triad-demo-2026';

interface DemoPerson {
  email: string;
  name: string;
  firmRole: FirmRole;
}

const FIRM_PEOPLE: Record<string, DemoPerson> = {
  admin: { email: 'admin@northbridge.example', name: 'Dana Whitfield', firmRole: 'admin' },
  advisor: { email: 'sam@northbridge.example', name: 'Sam Okafor', firmRole: 'advisor' },
  advisor2: { email: 'priya@northbridge.example', name: 'Priya Raman', firmRole: 'advisor' },
};

interface DemoClientSpec {
  key: DemoClient['key'];
  name: string;
  sector: string;
  employees: number;
  annualRevenue: number;
  advisors: string[];
  people: Record<string, DemoPerson & { role: MemberRole }>;
}

const CLIENTS: DemoClientSpec[] = [
  {
    key: 'accounting',
    name: 'Harbor & Finch CPAs',
    sector: 'Accounting and tax services',
    employees: 40,
    annualRevenue: 9_200_000,
    advisors: ['advisor'],
    people: {
      executive: { email: 'margaret@harborfinch.example', name: 'Margaret Finch', firmRole: 'member', role: 'executive' },
      contributor: { email: 'tom@harborfinch.example', name: 'Tom Alvarez', firmRole: 'member', role: 'contributor' },
      viewer: { email: 'lee@harborfinch.example', name: 'Lee Park', firmRole: 'member', role: 'viewer' },
    },
  },
  {
    key: 'manufacturer',
    name: 'Kestrel Precision Manufacturing',
    sector: 'Industrial manufacturing',
    employees: 300,
    annualRevenue: 86_000_000,
    advisors: ['advisor', 'advisor2'],
    people: {
      executive: { email: 'robert@kestrel.example', name: 'Robert Kestrel', firmRole: 'member', role: 'executive' },
      contributor: { email: 'anita@kestrel.example', name: 'Anita Shah', firmRole: 'member', role: 'contributor' },
      viewer: { email: 'board@kestrel.example', name: 'Helen Osei', firmRole: 'member', role: 'viewer' },
    },
  },
  {
    key: 'saas',
    name: 'Lumen Analytics',
    sector: 'Software as a service',
    employees: 120,
    annualRevenue: 28_500_000,
    advisors: ['advisor2'],
    people: {
      executive: { email: 'olivia@lumen.example', name: 'Olivia Brandt', firmRole: 'member', role: 'executive' },
      contributor: { email: 'marcus@lumen.example', name: 'Marcus Lee', firmRole: 'member', role: 'contributor' },
      viewer: { email: 'investor@lumen.example', name: 'Jonas Berg', firmRole: 'member', role: 'viewer' },
    },
  },
];

/** The accounts a newcomer can sign in with, for the start-up message and the README. */
export function demoLogins(): { email: string; what: string }[] {
  return [
    { email: FIRM_PEOPLE.admin!.email, what: 'firm admin, all clients' },
    { email: FIRM_PEOPLE.advisor!.email, what: 'advisor (vCISO) of Harbor & Finch and Kestrel' },
    { email: FIRM_PEOPLE.advisor2!.email, what: 'advisor (vCIO) of Kestrel and Lumen' },
    ...CLIENTS.flatMap((c) => Object.values(c.people).map((p) => ({ email: p.email, what: `${p.role} at ${c.name}` }))),
  ];
}

/**
 * Fills an empty database with the demo firm: Northbridge Advisory, an outsourced CIO/CISO
 * firm, its three clients and a user for every role. Returns false when data already exists.
 */
export async function seedDemo(ctx: AppContext): Promise<boolean> {
  if (await findFirm(ctx)) return false;
  const firm = await createFirm(ctx, 'Northbridge Advisory');
  const system = systemActor(firm.id, 'demo seed');
  const firmUsers: Record<string, { id: string; email: string; name: string }> = {};
  for (const [key, p] of Object.entries(FIRM_PEOPLE)) {
    const u = await createUser(ctx, system, { email: p.email, name: p.name, password: DEMO_PASSWORD, firmRole: p.firmRole });
    firmUsers[key] = { id: u.id, email: u.email, name: u.name };
  }
  for (const spec of CLIENTS) {
    const client = await createClient(ctx, system, {
      name: spec.name,
      sector: spec.sector,
      employees: spec.employees,
      annualRevenue: spec.annualRevenue,
      currency: 'USD',
    });
    const scope = new ClientScope(ctx, clientInfo(client), system, 'advisor');
    const users: DemoClient['users'] = {};
    for (const key of spec.advisors) {
      const u = firmUsers[key]!;
      await addMember(scope, { email: u.email, role: 'advisor' });
      users[key] = u;
    }
    for (const [key, p] of Object.entries(spec.people)) {
      const m = await addMember(scope, { email: p.email, role: p.role, name: p.name, password: DEMO_PASSWORD });
      users[key] = { id: m.userId, email: m.email, name: m.name };
    }
    users.admin = firmUsers.admin!;
    const demoClient: DemoClient = { id: client.id, key: spec.key, name: spec.name, users };
    for (const m of modules) await m.demo?.(ctx, demoClient);
  }
  return true;
}

/**
 * Adds `count` more clients to the demo firm, each a copy of a demo client in turn (its people,
 * its advisors and every module's demo content) named with a number: a firm of many clients for
 * the benchmarks and the tests of the firm's views. Returns the new clients' ids.
 */
export async function addDemoCopies(ctx: AppContext, count: number): Promise<string[]> {
  const firm = await findFirm(ctx);
  if (!firm) throw new Error('No demo firm: seed it first (seedDemo).');
  const system = systemActor(firm.id, 'demo seed');
  const existing = Number((await ctx.database.db.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('n')).where('firm_id', '=', firm.id).executeTakeFirst())?.n ?? 0);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const spec = CLIENTS[(existing + i) % CLIENTS.length]!;
    const client = await createClient(ctx, system, { name: `${spec.name} ${existing + i + 1}`, sector: spec.sector, employees: spec.employees, annualRevenue: spec.annualRevenue, currency: 'USD' });
    const scope = new ClientScope(ctx, clientInfo(client), system, 'advisor');
    const users: DemoClient['users'] = {};
    const people: [string, string, MemberRole][] = [...spec.advisors.map((k): [string, string, MemberRole] => [k, FIRM_PEOPLE[k]!.email, 'advisor']), ...Object.entries(spec.people).map(([k, p]): [string, string, MemberRole] => [k, p.email, p.role])];
    for (const [key, email, role] of people) {
      const m = await addMember(scope, { email, role });
      users[key] = { id: m.userId, email: m.email, name: m.name };
    }
    const admin = await findUserByEmail(ctx, FIRM_PEOPLE.admin!.email);
    if (admin) users.admin = { id: admin.id, email: admin.email, name: admin.name };
    for (const m of modules) await m.demo?.(ctx, { id: client.id, key: spec.key, name: client.name, users });
    ids.push(client.id);
  }
  return ids;
}
