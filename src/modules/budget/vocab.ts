/** The IT budget's words: categories, seats, and the CIO/CTO split of every amount. Zod-free, for the schema and the web app. */

export const CATEGORIES = ['people', 'infrastructure', 'software_saas', 'security', 'product_engineering', 'services', 'hardware_replacement'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  people: 'People',
  infrastructure: 'Infrastructure',
  software_saas: 'Software and SaaS',
  security: 'Security',
  product_engineering: 'Product engineering',
  services: 'Services',
  hardware_replacement: 'Hardware replacement',
};

export const SEATS = ['CIO', 'CTO', 'CISO'] as const;
export type Seat = (typeof SEATS)[number];

/** internal: internal IT, the CIO's bottom line (cost, efficiency, continuity); product: product technology, the CTO's top line (revenue). */
export const SCOPES = ['internal', 'product'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_LABELS: Record<Scope, string> = { internal: 'Internal IT (bottom line)', product: 'Product technology (top line)' };

/** The seat and scope an amount gets when none is said: product engineering is the CTO's, security the CISO's, the rest the CIO's. */
export function defaultSeat(category: Category): Seat {
  return category === 'product_engineering' ? 'CTO' : category === 'security' ? 'CISO' : 'CIO';
}

export function defaultScope(seat: Seat): Scope {
  return seat === 'CTO' ? 'product' : 'internal';
}

export const ACTUAL_SOURCES = ['entered', 'import'] as const;
export type ActualSource = (typeof ACTUAL_SOURCES)[number];
