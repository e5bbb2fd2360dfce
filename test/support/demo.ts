import type { FastifyInstance } from 'fastify';
import { seedDemo, DEMO_PASSWORD } from '../../src/server/demo.js';
import type { AppContext } from '../../src/server/context.js';
import { login, type Caller } from './app.js';

export interface DemoWorld {
  clients: { accounting: string; manufacturer: string; saas: string };
  /** Sign in as a demo account by e-mail. */
  as(email: string): Promise<Caller>;
  /** Forgets the cached sign-ins (after the clock has passed their expiry and they were cleared away). */
  forgetSessions(): void;
}

export const DEMO = {
  admin: 'admin@northbridge.example',
  advisor: 'sam@northbridge.example',
  advisor2: 'priya@northbridge.example',
  accounting: { executive: 'margaret@harborfinch.example', contributor: 'tom@harborfinch.example', viewer: 'lee@harborfinch.example' },
  manufacturer: { executive: 'robert@kestrel.example', contributor: 'anita@kestrel.example', viewer: 'board@kestrel.example' },
  saas: { executive: 'olivia@lumen.example', contributor: 'marcus@lumen.example', viewer: 'investor@lumen.example' },
} as const;

/** Seeds the demo firm (with every module's demo content) and finds its clients. */
export async function seedDemoWorld(ctx: AppContext, server: FastifyInstance): Promise<DemoWorld> {
  await seedDemo(ctx);
  const rows = await ctx.database.db.selectFrom('clients').select(['id', 'name']).execute();
  const id = (prefix: string): string => {
    const r = rows.find((c) => c.name.startsWith(prefix));
    if (!r) throw new Error(`demo client ${prefix} missing`);
    return r.id;
  };
  const sessions = new Map<string, Caller>();
  return {
    clients: { accounting: id('Harbor'), manufacturer: id('Kestrel'), saas: id('Lumen') },
    as: async (email) => {
      let c = sessions.get(email);
      if (!c) {
        c = await login(server, email, DEMO_PASSWORD);
        sessions.set(email, c);
      }
      return c;
    },
    forgetSessions: () => sessions.clear(),
  };
}
