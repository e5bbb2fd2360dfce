/**
 * The scenario templates in the risk register's API: each with the client's parameters and the
 * FAIR inputs they give, what the templates know of the client (its profile), and the client's
 * own defaults for a template's parameters. Imports zod, src/shared and the building blocks of
 * schema.ts.
 */
import { z } from 'zod';
import { TEMPLATE_KEYS } from '../../shared/risks/templates.js';
import { FairInputsOut, num, OWNER_SEATS } from './schema.js';

export const TemplateParamsInput = z.strictObject({
  params: z.record(z.string().max(64), num).describe('The client\'s own defaults for this template; an empty object restores the standard ones'),
});

export const TemplateOut = z.object({
  key: z.enum(TEMPLATE_KEYS),
  name: z.string(),
  threat: z.string(),
  description: z.string(),
  ownerSeat: z.enum(OWNER_SEATS),
  params: z.array(z.object({ key: z.string(), label: z.string(), help: z.string(), unit: z.string(), value: z.number(), standard: z.number() })),
  inputs: FairInputsOut.nullable().describe('The inputs the parameters give; null when they are not valid'),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  expectedMean: z.number().nullable(),
});
export type TemplateOut = z.infer<typeof TemplateOut>;

export const ProfileOut = z.object({
  currency: z.string(),
  employees: z.number(),
  annualRevenue: z.number(),
  downtimeCostPerHour: z.number(),
  serviceDowntimeCostPerHour: z.number(),
  downtimeBasis: z.string(),
  rtoHours: z.number().nullable(),
  personalRecords: z.number(),
  recordsBasis: z.string(),
  dataVendors: z.number(),
  vendorRecords: z.number(),
  vendorsBasis: z.string(),
  devices: z.number(),
  devicesBasis: z.string(),
});

export const TemplatesOut = z.object({ profile: ProfileOut, templates: z.array(TemplateOut) });
export type TemplatesOut = z.infer<typeof TemplatesOut>;
