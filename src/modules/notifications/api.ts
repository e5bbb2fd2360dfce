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
 */
export { notify, type NotifyInput, type Recipients } from './notify.js';
