/**
 * Row types of the interchange module: people's calendar feeds, and the firm's webhooks with
 * their delivery log. Firm-wide tables (not client-owned): a feed belongs to a person and spans
 * the clients they may see; a webhook belongs to the firm.
 */

export interface CalendarFeedsTable {
  id: string;
  firm_id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the feed's secret; the secret is in the URL and shown once. */
  token_hash: string;
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WebhooksTable {
  id: string;
  firm_id: string;
  url: string;
  description: string | null;
  /** The HMAC-SHA256 key deliveries are signed with. */
  secret: string;
  /** JSON array of the events it receives. */
  events: string;
  active: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  firm_id: string;
  webhook_id: string;
  event: string;
  /** The JSON body sent, as sent. */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface InterchangeTables {
  calendar_feeds: CalendarFeedsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
