/**
 * The pages of a client's workspace that the search finds by name: the client's home, its
 * platform pages and each module's page, with the permission needed to open it. The titles and
 * paths are those of the web app's navigation (web/src/modules/registry.tsx, web/src/router.tsx).
 */
import type { Permission } from '../../server/policy.js';

export interface WorkspacePage {
  /** The page's path under /clients/{clientId}/ ('' for the client's home). */
  path: string;
  title: string;
  /** Other words the page is found by. */
  keywords: readonly string[];
  permission: Permission;
}

export const WORKSPACE_PAGES: readonly WorkspacePage[] = [
  { path: '', title: 'Overview', keywords: ['home', 'waiting for you'], permission: 'client.read' },
  { path: 'governance', title: 'Governance: seats & decisions', keywords: ['decisions', 'acceptances', 'concerns', 'charter'], permission: 'governance.read' },
  { path: 'notifications', title: 'Notifications', keywords: ['outbox'], permission: 'client.read' },
  { path: 'estate', title: 'Estate: services & systems', keywords: ['services', 'systems', 'lifecycle', 'assets'], permission: 'estate.read' },
  { path: 'vendors', title: 'Vendors', keywords: ['contracts', 'renewals', 'concentration'], permission: 'estate.read' },
  { path: 'data', title: 'Data map & access', keywords: ['data sets', 'access reviews', 'grants'], permission: 'estate.read' },
  { path: 'risks', title: 'Risk register', keywords: ['scenarios', 'appetite', 'insurance', 'loss exceedance'], permission: 'risks.read' },
  { path: 'controls', title: 'Controls & maturity', keywords: ['assessments', 'frameworks', 'gaps'], permission: 'controls.read' },
  { path: 'business', title: 'Business context', keywords: ['business units', 'priorities'], permission: 'business.read' },
  { path: 'roadmap', title: 'Roadmap', keywords: ['initiatives'], permission: 'roadmap.read' },
  { path: 'budget', title: 'IT budget', keywords: ['actuals', 'forecast'], permission: 'budget.read' },
  { path: 'board-pack', title: 'Board pack', keywords: ['report'], permission: 'reports.read' },
  { path: 'qbr', title: 'Quarterly business review', keywords: ['qbr'], permission: 'reports.read' },
  { path: 'members', title: 'Members', keywords: ['people', 'roles'], permission: 'members.read' },
  { path: 'audit', title: 'Audit trail', keywords: ['history', 'changes'], permission: 'audit.read' },
];
