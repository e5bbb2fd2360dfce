/**
 * The audit trail's wire types (zod only, so the web app imports them as `@schema/audit`): an
 * entry, the filters a trail is read and exported with, a page of entries, and the people and
 * kinds that appear in a trail (the choices of the filters).
 */
import { z } from 'zod';
import { PageInfo, pageQuery } from '../../shared/paging.js';

/** The `actor` filter's value for changes made by Triad itself (the risk engine, the CLI, a schedule). */
export const SYSTEM_ACTOR = 'system';

export const AuditEntryOut = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
}).meta({ id: 'AuditEntry', description: 'One entry of the client\'s hash-chained audit trail' });
export type AuditEntryOut = z.infer<typeof AuditEntryOut>;

/** The filters of a trail, the same for its pages and its export; each narrows the entries. */
export const AuditFilterFields = {
  from: z.iso.date().optional().describe('Entries made on this day or later (YYYY-MM-DD, a day in timeZone)'),
  to: z.iso.date().optional().describe('Entries made on this day or earlier (YYYY-MM-DD, a day in timeZone); not before from'),
  timeZone: z.string().max(64).optional().describe('The IANA time zone whose calendar from and to are days of (`Europe/Berlin`); UTC when left out, as every date Triad stores'),
  actor: z.string().max(64).optional().describe(`Entries made by this person (their user id), or \`${SYSTEM_ACTOR}\` for those Triad made itself`),
  entityType: z.string().max(64).optional().describe('Entries about records of this kind (`risk`, `system`, `decision`…)'),
  entityId: z.string().max(64).optional().describe('Entries about this one record (its id); give entityType with it'),
  action: z.string().max(64).optional().describe('Entries of this action (`risk.update`)'),
};
export const AuditFilters = z.strictObject(AuditFilterFields);
export type AuditFilters = z.infer<typeof AuditFilters>;

export const AUDIT_PAGE_DEFAULT = 50;
export const AuditListQuery = z.strictObject({ ...pageQuery(AUDIT_PAGE_DEFAULT), ...AuditFilterFields });
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditPageOut = z.object({
  entries: z.array(AuditEntryOut).describe('Newest first (by sequence number)'),
  ...PageInfo,
});
export type AuditPageOut = z.infer<typeof AuditPageOut>;

export const AuditPersonOut = z.object({
  actor: z.string().describe(`The value of the actor filter: the person's user id, or \`${SYSTEM_ACTOR}\``),
  name: z.string().describe('Their name as it reads now (a person who left: as the trail last recorded it)'),
  email: z.string().nullable(),
  entries: z.number().int().describe('Entries they made in this trail'),
  member: z.boolean().describe('A member of the client now (always false in the firm\'s trail and for the system)'),
});
export type AuditPersonOut = z.infer<typeof AuditPersonOut>;

export const AuditFacetsOut = z.object({
  people: z.array(AuditPersonOut).describe('Who made entries in the trail, and the client\'s members who have not yet, by name; the system last'),
  kinds: z.array(z.object({
    entityType: z.string(),
    entries: z.number().int(),
    actions: z.array(z.object({ action: z.string(), entries: z.number().int() })),
  })).describe('The kinds of record the trail speaks of, and the actions on each, by name'),
});
export type AuditFacetsOut = z.infer<typeof AuditFacetsOut>;
