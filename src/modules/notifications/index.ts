import type { TriadModule } from '../../server/module.js';
import { emailJob } from './mail.js';
import { EMAIL_JOB } from './notify.js';
import { notificationClientRoutes, notificationRoutes } from './routes.js';

/** In-app notifications and e-mail; other modules call `notify(w, …)` from ./api.ts. */
export const notificationsModule: TriadModule = {
  name: 'notifications',
  routes: notificationRoutes,
  clientRoutes: notificationClientRoutes,
  jobs: (ctx) => ctx.jobs.register(EMAIL_JOB, emailJob(ctx)),
};
