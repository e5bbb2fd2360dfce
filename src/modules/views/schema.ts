/**
 * Saved views' wire types (zod only, so the web app imports them as `@schema/views`): the long
 * lists a person may save filters of, each list's filters (strict: a list's page applies only
 * what it knows), and a saved view. A list that gains a filter adds it to its schema here.
 */
import { z } from 'zod';
import { VIEW_NAME_MAX } from '../../shared/views.js';
import { SYSTEM_STATUSES, SYSTEM_TYPES } from '../estate/vocab.js';
import { RISK_STATUSES } from '../risks/schema.js';

const Text = z.string().max(200);
const Day = z.iso.date();

/** Each list's filters, by the list's key. */
export const LIST_FILTERS = {
  /** The client's audit trail (web/src/pages/client/AuditPage.tsx). */
  'audit': z.strictObject({
    from: Day.optional(),
    to: Day.optional(),
    actor: z.string().max(64).optional(),
    entityType: z.string().max(64).optional(),
    entityId: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
  }),
  /** Systems and assets (web/src/modules/estate/EstatePage.tsx). */
  'estate.systems': z.strictObject({
    search: Text.optional(),
    type: z.enum(SYSTEM_TYPES).optional(),
    status: z.enum(SYSTEM_STATUSES).optional(),
  }),
  /** Vendors (web/src/modules/estate/VendorsPage.tsx). */
  'vendors': z.strictObject({
    tier: z.enum(['1', '2', '3', '4']).optional(),
  }),
  /** Contracts renewing in a window (web/src/modules/estate/VendorsPage.tsx). */
  'vendors.renewals': z.strictObject({
    days: z.enum(['30', '90', '365']).optional(),
  }),
  /** The risk register (web/src/modules/risks/RegisterPage.tsx). */
  'risks.register': z.strictObject({
    search: Text.optional(),
    statuses: z.array(z.enum(RISK_STATUSES)).max(RISK_STATUSES.length).optional(),
    owner: z.enum(['CIO', 'CTO', 'CISO']).optional(),
    proposals: z.boolean().optional(),
  }),
} as const;

export type ListKey = keyof typeof LIST_FILTERS;
export const LIST_KEYS = Object.keys(LIST_FILTERS) as [ListKey, ...ListKey[]];
export type ListFilters<K extends ListKey> = z.infer<(typeof LIST_FILTERS)[K]>;

/** At most this many views of one list per person. */
export const VIEWS_PER_LIST_MAX = 50;
// In src/shared, so that the web app's frame takes it without zod.
export { VIEW_NAME_MAX } from '../../shared/views.js';

const ViewName = z.string().trim().min(1).max(VIEW_NAME_MAX).describe('What the person calls the view; one name once per list');

const viewOf = <K extends ListKey>(list: K) => z.strictObject({ list: z.literal(list), name: ViewName, filters: LIST_FILTERS[list] });

/** A new view: its list, its name and that list's filters (strict: unknown filters are refused). */
export const SavedViewInput = z.discriminatedUnion(
  'list',
  [viewOf('audit'), viewOf('estate.systems'), viewOf('vendors'), viewOf('vendors.renewals'), viewOf('risks.register')],
  { error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${LIST_KEYS.join(', ')}` : undefined) },
);
export type SavedViewInput = z.infer<typeof SavedViewInput>;

/** A change to a view: a new name, new filters (the view's list's), or both. */
export const SavedViewPatch = z.strictObject({
  name: ViewName.optional(),
  filters: z.record(z.string(), z.unknown()).optional().describe('The list\'s filters, as for a new view of that list; they replace the view\'s'),
});
export type SavedViewPatch = z.infer<typeof SavedViewPatch>;

export const SavedViewOut = z.object({
  id: z.string(),
  list: z.enum(LIST_KEYS),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'SavedView', description: 'A person\'s named filters of one list' });
export type SavedViewOut = z.infer<typeof SavedViewOut>;

export const SavedViewsQuery = z.strictObject({ list: z.enum(LIST_KEYS).describe('The list whose views to read') });
