import type { AppContext } from '../server/context.js';
import { accountJobs } from './accounts/jobs.js';
import { auditJobs } from './audit/jobs.js';
import { controlsJobs } from './controls/jobs.js';
import { governanceJobs } from './governance/jobs.js';
import { installWebhooks } from './interchange/webhooks.js';
import { notificationJobs } from './notifications/jobs.js';
import { reportJobs } from './reports/jobs.js';
import { riskJobs } from './risks/jobs.js';

/**
 * What every process that opens the database registers, from each module: its jobs, its
 * schedules and its listeners (the webhooks' audit listener, governance's on a register's new
 * results). The server, the CLI and the tests get them through createAppContext. Kept apart from
 * the modules' routes (index.ts), so that a CLI command does not load every route and schema.
 */
export const moduleJobs: readonly { module: string; register(ctx: AppContext): void }[] = [
  { module: 'accounts', register: accountJobs },
  { module: 'audit', register: auditJobs },
  { module: 'notifications', register: notificationJobs },
  { module: 'risks', register: riskJobs },
  { module: 'controls', register: controlsJobs },
  { module: 'governance', register: governanceJobs },
  { module: 'reports', register: reportJobs },
  { module: 'interchange', register: installWebhooks },
];
