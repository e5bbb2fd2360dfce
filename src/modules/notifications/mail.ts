import type { Transporter } from 'nodemailer';
import type { AppContext } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { ClientDb } from '../../server/db/scoped.js';
import type { JobRun } from '../../server/jobs/queue.js';

let transport: { url: string; transporter: Transporter } | null = null;

/** The SMTP transport for the URL; nodemailer is loaded with the first e-mail sent. */
async function transporterFor(url: string): Promise<Transporter> {
  if (!transport || transport.url !== url) {
    const { default: nodemailer } = await import('nodemailer');
    transport = { url, transporter: nodemailer.createTransport(url) };
  }
  return transport.transporter;
}

/**
 * The mail job: delivers one outbox e-mail through SMTP when `SMTP_URL` is configured, or
 * marks it held (kept in the outbox for the web app) when it is not. A failed delivery is
 * recorded on the row and thrown, so the queue retries it.
 */
export function emailJob(ctx: AppContext) {
  return async ({ job }: JobRun): Promise<void> => {
    const { outboxId } = job.payload as { outboxId: string };
    if (!job.clientId) return;
    const db = new ClientDb(ctx.database.db, job.clientId);
    const row = await db.selectFrom('notification_outbox').selectAll().where('id', '=', outboxId).executeTakeFirst();
    if (!row || row.status === 'sent') return;
    const url = ctx.config.smtpUrl;
    if (!url) {
      await db.updateTable('notification_outbox').set({ status: 'held' }).where('id', '=', outboxId).execute();
      return;
    }
    const notification = await db.selectFrom('notifications').select('link').where('id', '=', row.notification_id).executeTakeFirst();
    const base = ctx.config.publicUrl?.replace(/\/$/, '');
    const link = notification?.link ? (base ? `${base}${notification.link}` : notification.link) : null;
    const text = [row.body_text, link ? `Open in Triad: ${link}` : null].filter(Boolean).join('\n\n');
    try {
      await (await transporterFor(url)).sendMail({
        from: ctx.config.smtpFrom,
        to: { name: row.to_name, address: row.to_email },
        subject: row.subject,
        text,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await db.updateTable('notification_outbox').set({ status: 'failed', attempts: row.attempts + 1, last_error: message.slice(0, 500) }).where('id', '=', outboxId).execute();
      throw err;
    }
    await db
      .updateTable('notification_outbox')
      .set({ status: 'sent', attempts: row.attempts + 1, last_error: null, sent_at: toTimestamp(ctx.clock.now()) })
      .where('id', '=', outboxId)
      .execute();
  };
}
