/**
 * THE extension point of the web app: every domain module appears here once. An entry gives
 * the module its place in the client navigation, its route under /clients/:clientId/, its page
 * (lazy-loaded, so its code and libraries load only when opened), and optionally the permission
 * needed to see it, a card for the client home page and columns for the portfolio table.
 *
 * To add a module: put its code in web/src/modules/<name>/ and replace its `planned(...)` entry
 * (or add one) with, for example:
 *
 *   {
 *     id: 'risks',
 *     label: 'Risk register',
 *     description: 'Risk scenarios in money, against the client\u2019s appetite.',
 *     icon: IconFlame,
 *     section: 'risk',
 *     path: 'risks',
 *     permission: 'risks.read',
 *     page: lazy(() => import('./risks/RisksPage')),
 *     homeCard: lazy(() => import('./risks/RisksHomeCard')),
 *     portfolioColumns: [{ id: 'risks.ale', title: 'Expected loss', textAlign: 'right', render: (c) => <ExpectedLossCell client={c} /> }],
 *   },
 *
 * See web/src/modules/README.md.
 */
import {
  IconBell,
  IconBriefcase,
  IconCalendarStats,
  IconReportMoney,
  IconTimeline,
  IconBuildingFactory2,
  IconDatabase,
  IconFlame,
  IconPresentation,
  IconServer2,
  IconShieldCheck,
  IconUsersGroup,
} from '@tabler/icons-react';
import { lazy } from 'react';
import { ESTATE_AUDIT_ACTIONS } from './estate/audit-actions';
import { GOVERNANCE_AUDIT_ACTIONS } from './governance/audit-actions';
import { AppetiteCell, ExpectedLossCell, P90Cell } from './risks/PortfolioCells';
import { RISK_AUDIT_ACTIONS } from './risks/audit-actions';
import { REPORT_AUDIT_ACTIONS } from './reports/audit-actions';
import { BudgetVarianceCell, DueThisQuarterCell } from './roadmap/PortfolioCells';
import { PLAN_AUDIT_ACTIONS } from './roadmap/audit-actions';
import { CONTROLS_AUDIT_ACTIONS } from './controls/audit-actions';
import { MaturityCell } from './controls/PortfolioCells';
import { NAV_SECTIONS, type ClientModule } from './types';

export const clientModules: ClientModule[] = [
  {
    id: 'governance',
    label: 'Governance: seats & decisions',
    description: 'Who holds the CIO, CTO and CISO seats, what each covers, and the decisions they take together.',
    icon: IconUsersGroup,
    section: 'leadership',
    path: 'governance',
    permission: 'governance.read',
    page: lazy(() => import('./governance/GovernancePage')),
    homeCard: lazy(() => import('./governance/GovernanceHomeCard')),
    auditActions: GOVERNANCE_AUDIT_ACTIONS,
  },
  {
    id: 'notifications',
    label: 'Notifications',
    description: 'What was asked of you or escalated to you in this client, and (advisors) the e-mail outbox.',
    icon: IconBell,
    section: 'leadership',
    path: 'notifications',
    page: lazy(() => import('./notifications/NotificationsPage')),
  },
  {
    id: 'estate',
    label: 'Estate: services & systems',
    description: 'Business services, the systems and assets they run on, and their lifecycle.',
    icon: IconServer2,
    section: 'estate',
    path: 'estate',
    permission: 'estate.read',
    page: lazy(() => import('./estate/EstatePage')),
    homeCard: lazy(() => import('./estate/EstateHomeCard')),
    auditActions: ESTATE_AUDIT_ACTIONS,
  },
  {
    id: 'vendors',
    label: 'Vendors',
    description: 'Third and fourth parties, their contracts and renewals, criticality and concentration.',
    icon: IconBuildingFactory2,
    section: 'estate',
    path: 'vendors',
    permission: 'estate.read',
    page: lazy(() => import('./estate/VendorsPage')),
  },
  {
    id: 'data',
    label: 'Data map & access',
    description: 'Where critical data lives, who may access it and why, and periodic access reviews.',
    icon: IconDatabase,
    section: 'estate',
    path: 'data',
    permission: 'estate.read',
    page: lazy(() => import('./estate/DataPage')),
  },
  {
    id: 'risks',
    label: 'Risk register',
    description: 'Risk scenarios quantified in money with Open FAIR, against the client\u2019s risk appetite.',
    icon: IconFlame,
    section: 'risk',
    path: 'risks',
    permission: 'risks.read',
    page: lazy(() => import('./risks/RisksPage')),
    homeCard: lazy(() => import('./risks/RisksHomeCard')),
    portfolioColumns: [
      { id: 'risks.mean', title: 'Expected annual loss', textAlign: 'right', render: (c) => <ExpectedLossCell client={c} /> },
      { id: 'risks.p90', title: '1-in-10-year loss', textAlign: 'right', render: (c) => <P90Cell client={c} /> },
      { id: 'risks.appetite', title: 'Risk appetite', render: (c) => <AppetiteCell client={c} /> },
    ],
    auditActions: RISK_AUDIT_ACTIONS,
  },
  {
    id: 'controls',
    label: 'Controls & maturity',
    description: 'Framework assessments (NIST CSF 2.0 built in, any OSCAL catalogue): maturity against target, evidence, and the gaps ranked by money at stake.',
    icon: IconShieldCheck,
    section: 'risk',
    path: 'controls',
    permission: 'controls.read',
    page: lazy(() => import('./controls/ControlsPage')),
    homeCard: lazy(() => import('./controls/ControlsHomeCard')),
    portfolioColumns: [{ id: 'controls.maturity', title: 'Maturity', width: 170, render: (c) => <MaturityCell client={c} /> }],
    auditActions: CONTROLS_AUDIT_ACTIONS,
  },
  {
    id: 'business',
    label: 'Business context',
    description: 'Business units, weighted priorities owned by executives, and the services that serve them.',
    icon: IconBriefcase,
    section: 'plan',
    path: 'business',
    permission: 'business.read',
    page: lazy(() => import('./business/BusinessPage')),
  },
  {
    id: 'roadmap',
    label: 'Roadmap',
    description: 'Initiatives by quarter, ranked by the risk they reduce per unit of cost and the weight of the priorities they serve.',
    icon: IconTimeline,
    section: 'plan',
    path: 'roadmap',
    permission: 'roadmap.read',
    page: lazy(() => import('./roadmap/RoadmapPage')),
    portfolioColumns: [{ id: 'roadmap.due', title: 'Due this quarter', textAlign: 'right', render: (c) => <DueThisQuarterCell client={c} /> }],
    auditActions: PLAN_AUDIT_ACTIONS,
  },
  {
    id: 'budget',
    label: 'IT budget',
    description: 'The fiscal year\u2019s plan against actuals, and the forecast with what is committed but not planned.',
    icon: IconReportMoney,
    section: 'plan',
    path: 'budget',
    permission: 'budget.read',
    page: lazy(() => import('./budget/BudgetPage')),
    portfolioColumns: [{ id: 'budget.variance', title: 'Budget variance', textAlign: 'right', render: (c) => <BudgetVarianceCell client={c} /> }],
  },
  {
    id: 'board-pack',
    label: 'Board pack',
    description: 'The quarterly report for the CEO and the board: risk in money, decisions, vendors, the estate; and the ransomware worst case.',
    icon: IconPresentation,
    section: 'reports',
    path: 'board-pack',
    permission: 'reports.read',
    page: lazy(() => import('./reports/BoardPackPage')),
    auditActions: REPORT_AUDIT_ACTIONS,
  },
  {
    id: 'qbr',
    label: 'Quarterly business review',
    description: 'The QBR: done last quarter, the roadmap for the next four, the IT budget and forecast, what falls due, maturity, risk in money.',
    icon: IconCalendarStats,
    section: 'reports',
    path: 'qbr',
    permission: 'reports.read',
    page: lazy(() => import('./reports/QbrPage')),
  },
];

/** The route paths the platform itself uses under /clients/:clientId/; modules must not take them. */
export const PLATFORM_CLIENT_PATHS = ['members', 'audit'] as const;

/** Modules the user may see in a client, given their permissions there. */
export function visibleModules(permissions: Record<string, boolean>): ClientModule[] {
  return clientModules.filter((m) => !m.permission || permissions[m.permission] === true);
}

/** Modules grouped by navigation section, sections in their fixed order, empty ones left out. */
export function modulesBySection(modules: ClientModule[]): { id: string; label: string; modules: ClientModule[] }[] {
  return NAV_SECTIONS.map((s) => ({ ...s, modules: modules.filter((m) => m.section === s.id) })).filter((s) => s.modules.length > 0);
}

/** Every portfolio column the modules add, in registry order. */
export function portfolioColumns() {
  return clientModules.flatMap((m) => m.portfolioColumns ?? []);
}

/** True when a first path segment under /clients/:clientId/ is a page that exists in every client. */
export function isClientPagePath(segment: string): boolean {
  return (PLATFORM_CLIENT_PATHS as readonly string[]).includes(segment) || clientModules.some((m) => m.path === segment);
}

// Two modules on one path would shadow each other; fail loudly while developing.
if (import.meta.env.DEV) {
  const seen = new Set<string>(PLATFORM_CLIENT_PATHS);
  for (const m of clientModules) {
    if (seen.has(m.path)) throw new Error(`Two client pages claim the path "${m.path}"`);
    seen.add(m.path);
  }
}
