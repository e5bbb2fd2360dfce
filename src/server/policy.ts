import type { FirmRole, MemberRole } from './db/platform-tables.js';

/**
 * Who may do what in a client, by membership role: the declared policy every client-scoped
 * route checks (via its `permission`) and that GET /api/clients/{id} returns to the web app.
 * A firm admin acts as an advisor in every client of the firm.
 */
const ALL: readonly MemberRole[] = ['advisor', 'executive', 'contributor', 'viewer'];
const ADVISOR: readonly MemberRole[] = ['advisor'];
const EDITORS: readonly MemberRole[] = ['advisor', 'contributor'];
/** Everyone who can hold a seat and speak for it (not viewers). */
const SPEAKERS: readonly MemberRole[] = ['advisor', 'executive', 'contributor'];
const DECIDERS: readonly MemberRole[] = ['advisor', 'executive'];
const EXECUTIVES: readonly MemberRole[] = ['executive'];

export const POLICY = {
  'client.read': ALL,
  'client.edit': ADVISOR,
  'members.read': ALL,
  'members.manage': ADVISOR,
  'audit.read': ALL,
  'jobs.read': ALL,
  // Estate, vendors, data map and access: everyone reads; advisors and contributors keep them.
  'estate.read': ALL,
  'estate.edit': EDITORS,
  'estate.import': EDITORS,
  // Access reviews: any member may be a grant's owner (the domain checks it is theirs, or that
  // the caller is an advisor); campaigns are started and closed by advisors.
  'access.certify': ALL,
  'access.review.manage': ADVISOR,
  // Governance: everyone reads; advisors keep seats, charter, decisions and settings; seat holders
  // record positions and answer concerns (the domain checks the seat is theirs); executives
  // decide escalated decisions and approve acceptances (the domain checks the authority).
  'governance.read': ALL,
  'governance.edit': ADVISOR,
  'governance.position': SPEAKERS,
  'governance.decide': DECIDERS,
  'governance.concern.raise': SPEAKERS,
  'governance.concern.respond': SPEAKERS,
  'governance.acceptance.request': SPEAKERS,
  'governance.acceptance.approve': DECIDERS,
  // Only the client's executives delegate the approval of acceptances to the CISO's advisor.
  'governance.delegate': EXECUTIVES,
  // The client's e-mail outbox (what was sent, or held when no SMTP server is set).
  'notifications.outbox.read': ADVISOR,
  // Risk register: everyone reads (and exports the model file); contributors propose scenarios,
  // advisors change everything, approve proposals, set appetite and rating bands, and import.
  'risks.read': ALL,
  'risks.propose': EDITORS,
  'risks.edit': ADVISOR,
  'risks.appetite': ADVISOR,
  'risks.import': ADVISOR,
  // The client's insurance policies: advisors keep them (they change the loss the company keeps).
  'risks.insurance': ADVISOR,
  // Reports: everyone in a client reads its issued board packs and the worst-case one-pager;
  // advisors and executives also see drafts; advisors generate and issue packs.
  'reports.read': ALL,
  'reports.drafts': DECIDERS,
  'reports.generate': ADVISOR,
  // Controls and framework assessments: everyone reads; advisors and contributors answer (the
  // domain checks a contributor was asked for the outcome); advisors start assessments, ask,
  // review, link outcomes to risk, import CSV answers and sign off.
  'controls.read': ALL,
  'controls.answer': EDITORS,
  'controls.manage': ADVISOR,
  'controls.signoff': ADVISOR,
  // Business context: everyone reads; advisors and contributors keep units and the services'
  // links; advisors set priorities, and an executive changes the priorities they own (the
  // domain checks the ownership).
  'business.read': ALL,
  'business.edit': EDITORS,
  'business.priorities': DECIDERS,
  'business.priorities.manage': ADVISOR,
  // Roadmap: everyone reads; contributors propose initiatives (and change them while proposed);
  // advisors approve, change status, move, rank and create from the register's options.
  'roadmap.read': ALL,
  'roadmap.propose': EDITORS,
  'roadmap.edit': ADVISOR,
  // IT budget: everyone reads; advisors and contributors record actuals (entered or imported)
  // and map accounts; advisors plan.
  'budget.read': ALL,
  'budget.actuals': EDITORS,
  'budget.plan': ADVISOR,
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
