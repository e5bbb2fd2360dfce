import type { AppContext } from '../../server/context.js';
import { systemActor } from '../../server/firm.js';
import type { DemoClient } from '../../server/module.js';
import type { SavedViewInput } from './schema.js';
import { createView } from './views.js';

/** Views the demo advisor has saved, so a newcomer finds the Views menu in use. */
const SAM_VIEWS: SavedViewInput[] = [
  { list: 'audit', name: 'Changes Triad made itself', filters: { actor: 'system' } },
  { list: 'risks.register', name: 'Open risks the CISO owns', filters: { statuses: ['open', 'treating'], owner: 'CISO', proposals: false } },
  { list: 'estate.systems', name: 'Hardware in use', filters: { type: 'hardware', status: 'active' } },
  { list: 'vendors', name: 'Critical vendors', filters: { tier: '1' } },
];

/** Once per firm (the first demo client the advisor serves): views are the person's, not the client's. */
export async function seedViewsDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  const sam = client.users.advisor;
  if (!sam) return;
  const user = await ctx.database.db.selectFrom('users').selectAll().where('id', '=', sam.id).executeTakeFirstOrThrow();
  const has = await ctx.database.db.selectFrom('saved_views').select('id').where('user_id', '=', user.id).limit(1).executeTakeFirst();
  if (has) return;
  const actor = systemActor(user.firm_id, 'demo seed');
  for (const view of SAM_VIEWS) await createView(ctx, user, view, actor);
}
