import type { AppContext } from '../../server/context.js';
import { emailJob } from './mail.js';
import { EMAIL_JOB } from './notify.js';

/** The e-mail job. */
export function notificationJobs(ctx: AppContext): void {
  ctx.jobs.register(EMAIL_JOB, emailJob(ctx));
}
