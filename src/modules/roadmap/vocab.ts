/** The roadmap's words. Zod-free, for the schema, the domain and the web app. */
export const KINDS = ['security', 'infrastructure', 'lifecycle', 'product', 'compliance', 'process'] as const;
export type InitiativeKind = (typeof KINDS)[number];
export const KIND_LABELS: Record<InitiativeKind, string> = {
  security: 'Security',
  infrastructure: 'Infrastructure',
  lifecycle: 'Lifecycle replacement',
  product: 'Product',
  compliance: 'Compliance',
  process: 'Process',
};

export const STATUSES = ['proposed', 'approved', 'in_progress', 'done', 'dropped'] as const;
export type InitiativeStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<InitiativeStatus, string> = { proposed: 'Proposed', approved: 'Approved', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' };

/** Where an initiative came from. */
export const SOURCES = ['hand', 'option', 'system', 'contract', 'gap', 'treatments'] as const;
export type InitiativeSource = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<InitiativeSource, string> = {
  hand: 'By hand',
  option: 'Adopted security option',
  system: 'System at end of life or out of warranty',
  contract: 'Contract up for renewal',
  gap: 'Framework gap',
  treatments: 'Treatments in the risk register',
};

export const SEATS = ['CIO', 'CTO', 'CISO'] as const;
export type Seat = (typeof SEATS)[number];
export const SCOPES = ['internal', 'product'] as const;
export type Scope = (typeof SCOPES)[number];

/** Years over which a one-time cost is spread when comparing initiatives (as the security options do). */
export const COST_HORIZON_YEARS = 3;
