/**
 * Row types of the notifications module: in-app notifications (one row per person) and the
 * e-mail outbox. Both are client-owned: a notification is about something in one client.
 */

import type { OutboxStatus } from './schema.js';

export interface NotificationsTable {
  client_id: string;
  id: string;
  /** The person notified (users.id). */
  user_id: string;
  /** What happened, `<area>.<event>`: `decision.escalated`, `acceptance.expiring`. */
  kind: string;
  title: string;
  body: string;
  /** Where the web app shows the subject, a path such as `/clients/…/governance/decisions/…`. */
  link: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** A notification with the same key is sent to a person once (reminders). */
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotificationOutboxTable {
  client_id: string;
  id: string;
  notification_id: string;
  to_email: string;
  to_name: string;
  subject: string;
  body_text: string;
  /** pending: waiting for the mail job; sent; held: no SMTP server configured; failed: the last try failed. */
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  notification_outbox: NotificationOutboxTable;
}
