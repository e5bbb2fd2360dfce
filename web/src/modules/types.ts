import type { Icon } from '@tabler/icons-react';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Client } from '../api/types';

/** The groups of the client navigation, in the order they appear. */
export const NAV_SECTIONS = [
  { id: 'leadership', label: 'Leadership' },
  { id: 'estate', label: 'Estate & data' },
  { id: 'risk', label: 'Risk' },
  { id: 'plan', label: 'Roadmap & budget' },
  { id: 'reports', label: 'Reports' },
] as const;

export type NavSectionId = (typeof NAV_SECTIONS)[number]['id'];

/** A column that a module adds to the firm's portfolio table (one row per client). */
export interface PortfolioColumn {
  /** Unique across modules, e.g. 'risk.expectedLoss'. */
  id: string;
  title: ReactNode;
  /**
   * The cell for one client. To load data, render a component that calls a TanStack Query hook
   * with ONE key for the whole portfolio (e.g. `['portfolio', 'risk']`): every row then shares a
   * single request and picks its client from the answer.
   */
  render: (client: Client) => ReactNode;
  textAlign?: 'left' | 'center' | 'right';
  width?: number | string;
}

/** A domain module's place in the web app: one entry in registry.tsx. */
export interface ClientModule {
  /** Stable id, e.g. 'risks'. */
  id: string;
  /** The navigation label, e.g. 'Risk register'. */
  label: string;
  /** One line on what it is for; shown on the client home page and the placeholder page. */
  description: string;
  icon: Icon;
  section: NavSectionId;
  /**
   * The path under /clients/:clientId/, without slashes, e.g. 'risks'. The page receives
   * everything below it, so it may declare its own <Routes> for 'risks/:riskId' and so on.
   */
  path: string;
  /** The page, lazy-loaded: `lazy(() => import('./risks/RisksPage'))`. */
  page: LazyExoticComponent<ComponentType>;
  /**
   * A permission from GET /api/clients/:clientId `permissions` (e.g. 'risks.read'). Without it
   * the module is hidden from the navigation and its page says so. Omit for "every member".
   */
  permission?: string;
  /** A summary card for the client home page, lazy-loaded; it reads the client from useCurrentClient(). */
  homeCard?: LazyExoticComponent<ComponentType>;
  /** Columns for the firm's portfolio table. */
  portfolioColumns?: PortfolioColumn[];
  /** How this module's audit actions read in the trail: `{ 'risk.accept': 'Accepted a risk' }`. */
  auditActions?: Record<string, string>;
  /** 'planned' shows a "coming soon" page and card until the module arrives. */
  status?: 'planned';
}
