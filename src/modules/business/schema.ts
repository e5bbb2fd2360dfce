/**
 * The business context's API schemas: business units, the client's weighted business
 * priorities (each owned by an executive) and which unit and priorities each business service
 * serves. Imports only zod, so the web app takes its types from here (`@schema/business`).
 */
import { z } from 'zod';

/** What a priority moves: the top line (revenue) or the bottom line (cost, efficiency, continuity). */
export const LINES = ['top', 'bottom'] as const;
export type Line = (typeof LINES)[number];
export const PRIORITY_STATUSES = ['active', 'achieved', 'dropped'] as const;
export type PriorityStatus = (typeof PRIORITY_STATUSES)[number];

const Id = z.string().max(64);
const Name = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max);
const Optional = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

// ---- Business units

export const UnitInput = z.strictObject({
  name: Name(),
  description: Optional(),
  head: Optional(200).describe('Who leads the unit'),
});
export type UnitInput = z.input<typeof UnitInput>;
export const UnitPatch = UnitInput.partial();
export type UnitPatch = z.input<typeof UnitPatch>;

export const UnitOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  head: z.string().nullable(),
  services: z.number().describe('Business services of this unit'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitOut = z.infer<typeof UnitOut>;

// ---- Priorities

const priorityFields = {
  title: Name(),
  description: Optional(),
  weight: z.number().int('must be a whole percentage').min(0).max(100).describe('Share of the business\u2019s attention, in percent; the active priorities add up to at most 100'),
  ownerUserId: Id.describe('The executive who owns it (a member of the client with the executive role)'),
  unitId: Id.nullable().optional().describe('The business unit it belongs to, if one'),
  line: z.enum(LINES).describe('top: it moves revenue; bottom: cost, efficiency or continuity'),
  status: z.enum(PRIORITY_STATUSES).optional(),
  targetDate: DateText.nullable().optional(),
};

export const PriorityInput = z.strictObject(priorityFields);
export type PriorityInput = z.input<typeof PriorityInput>;
export const PriorityPatch = z.strictObject(priorityFields).partial();
export type PriorityPatch = z.input<typeof PriorityPatch>;

export const PriorityOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  weight: z.number(),
  owner: z.object({ userId: z.string(), name: z.string() }).nullable(),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  line: z.enum(LINES),
  status: z.enum(PRIORITY_STATUSES),
  targetDate: z.string().nullable(),
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PriorityOut = z.infer<typeof PriorityOut>;

// ---- Services in the business context

export const ServiceLinkInput = z.strictObject({
  unitId: Id.nullable().describe('The service\u2019s business unit (null: none)'),
  priorityIds: z.array(Id).max(50).describe('The priorities the service serves (replaces the list)'),
});
export type ServiceLinkInput = z.input<typeof ServiceLinkInput>;

export const ServiceContextOut = z.object({
  id: z.string(),
  name: z.string(),
  criticality: z.string(),
  downtimeCostPerHour: z.number(),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The free-text business unit the estate keeps (kept equal to the linked unit's name). */
  businessUnitText: z.string().nullable(),
  priorities: z.array(z.object({ id: z.string(), title: z.string(), weight: z.number() })),
});
export type ServiceContextOut = z.infer<typeof ServiceContextOut>;

export const BusinessOut = z.object({
  units: z.array(UnitOut),
  priorities: z.array(PriorityOut),
  services: z.array(ServiceContextOut),
  /** Sum of the active priorities' weights (at most 100). */
  activeWeight: z.number(),
  executives: z.array(z.object({ userId: z.string(), name: z.string() })).describe('Members who may own a priority'),
  can: z.object({ edit: z.boolean(), editPriorities: z.boolean() }),
});
export type BusinessOut = z.infer<typeof BusinessOut>;
