/**
 * What other modules use of notifications. Call `notify(w, …)` inside `scope.write`, so the
 * notification and its e-mail commit with the change that caused them:
 *
 * ```ts
 * import { notify } from '../notifications/api.js';
 * await notify(w, { to: { roles: ['executive'] }, kind: 'acceptance.requested', title: '…', path: 'governance/acceptances/…' });
 * ```
 *
 * - `to`: `userIds` and/or `roles` of the client's members, minus `except`.
 * - `dedupeKey`: sends once per person (reminders).
 * - `email: false`: in-app only.
 *
 * `closeNotifications(w, { subject, kinds })` in the write that completes a task closes the
 * notifications that asked for it (they no longer count as new).
 */
export { closeNotifications, notify, type CloseInput, type NotifyInput, type Recipients } from './notify.js';
