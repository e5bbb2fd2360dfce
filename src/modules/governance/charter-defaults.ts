import type { Seat } from './schema.js';

/**
 * The charter every client starts with, from the roles as the product describes them: what the
 * CIO, the CTO and the CISO each own. Each client edits its own copy.
 */
export const DEFAULT_CHARTER: Record<Seat, { key: string; title: string; description: string }[]> = {
  CIO: [
    { key: 'infrastructure', title: 'Infrastructure', description: 'Networks, servers, end-user devices and cloud infrastructure that run the business.' },
    { key: 'internal-operations', title: 'Internal operations', description: 'Day-to-day IT operations: service desk, monitoring, backups, continuity of internal systems.' },
    { key: 'internal-users', title: 'Internal users and business units', description: 'The systems and support that employees and business units rely on.' },
    { key: 'infrastructure-vendors', title: 'Infrastructure vendors', description: 'Suppliers of infrastructure, internal software and IT services, and their contracts.' },
    { key: 'it-budget', title: 'IT budget', description: 'The IT budget: plan, actuals, renewals and lifecycle replacements.' },
  ],
  CTO: [
    { key: 'architecture', title: 'Architecture', description: 'The architecture of the product and the technology choices behind it.' },
    { key: 'engineering', title: 'Engineering', description: 'How the product is built, tested, released and run.' },
    { key: 'product-vendors', title: 'Product vendors', description: 'Suppliers of components and services the product depends on.' },
    { key: 'external-customers', title: 'External customers', description: 'The technology customers use and the commitments made to them.' },
  ],
  CISO: [
    { key: 'data-lifecycle-risk', title: 'Data-lifecycle risk', description: 'Information-security risk from the creation of data to its destruction.' },
    { key: 'critical-data-location', title: 'Critical data location', description: 'Knowing where critical data is stored and processed, and by whom.' },
    { key: 'risk-threshold', title: 'Risk threshold', description: 'The risk appetite: how much loss the business is prepared to bear.' },
    { key: 'risk-framework', title: 'Risk framework', description: 'The method and controls framework by which risk is measured and managed.' },
    { key: 'third-fourth-party-risk', title: 'Third- and fourth-party risk', description: 'The security risk of vendors and of their own subcontractors.' },
    { key: 'access-control', title: 'Access control', description: 'That only those who need access to systems and data have it.' },
    { key: 'board-reporting', title: 'Board reporting', description: 'Reporting information-security risk to the CEO and the board.' },
  ],
};
