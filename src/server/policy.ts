import type { FirmRole, MemberRole } from './db/platform-tables.js';

/**
 * Who may do what in a client, by membership role: the declared policy every client-scoped
 * route checks (via its `permission`) and that GET /api/clients/{id} returns to the web app.
 * A firm admin acts as an advisor in every client of the firm.
 */
const ALL: readonly MemberRole[] = ['advisor', 'executive', 'contributor', 'viewer'];
const ADVISOR: readonly MemberRole[] = ['advisor'];
const EDITORS: readonly MemberRole[] = ['advisor', 'contributor'];

export const POLICY = {
  'client.read': ALL,
  'client.edit': ADVISOR,
  'members.read': ALL,
  'members.manage': ADVISOR,
  'audit.read': ALL,
  'jobs.read': ALL,
} as const satisfies Record<string, readonly MemberRole[]>;

export type Permission = keyof typeof POLICY;

export function can(role: MemberRole, permission: Permission): boolean {
  return (POLICY[permission]).includes(role);
}

/** Every permission with whether `role` has it, for the web app. */
export function permissionsOf(role: MemberRole): Record<Permission, boolean> {
  return Object.fromEntries(Object.keys(POLICY).map((p) => [p, can(role, p as Permission)])) as Record<Permission, boolean>;
}

/** The role a user acts in for a client: advisor for a firm admin, else their membership's. */
export function effectiveRole(firmRole: FirmRole, membership: MemberRole | null): MemberRole | null {
  return firmRole === 'admin' ? 'advisor' : membership;
}

export { EDITORS };
