/**
 * The notifications API's shapes (zod only, so the web app imports their types).
 */
import { z } from 'zod';
import { PageInfo, pageQuery } from '../../shared/paging.js';

export const NotificationOut = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('The page of the web app the notification is about'),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationOut = z.infer<typeof NotificationOut>;

export const NotificationList = z.object({
  notifications: z.array(NotificationOut),
  unread: z.number().describe('Unread notifications across all the caller\'s clients'),
  ...PageInfo,
});
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationQuery = z.strictObject({
  ...pageQuery(30),
  unread: z.enum(['true', 'false']).optional().describe('true: only unread ones'),
  clientId: z.string().max(64).optional().describe('Only those of one client'),
});

export const OUTBOX_STATUS = ['pending', 'sent', 'held', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUS)[number];

export const OutboxOut = z.object({
  id: z.string(),
  toEmail: z.string(),
  toName: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(OUTBOX_STATUS).describe('pending: queued for the mail job; sent; held: no SMTP server is configured, so it stays here; failed: the last try failed (retried)'),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxOut = z.infer<typeof OutboxOut>;

export const OutboxList = z.object({
  emails: z.array(OutboxOut),
  smtpConfigured: z.boolean().describe('Whether e-mails are sent (SMTP_URL is set) or only kept here'),
  ...PageInfo,
});
export type OutboxList = z.infer<typeof OutboxList>;
