/**
 * A background job in one notification: "Started" with a spinner while it is queued or running,
 * then, in the same notification, "Done" or "Failed" with the reason, wherever the person is in
 * the app by then (Mantine's `notifications.promise`).
 */
import { notifications } from '@mantine/notifications';
import i18n from '../i18n';
import { isApiError } from './client';
import { call, triad } from './typed';

/** How a job ended. */
export type JobOutcome = { ok: true } | { ok: false; reason: string };

/** Which job to follow, and how to tell that it ended. */
export interface JobFollower {
  /** One notification per job: starting the same job again takes its notification over. */
  key: string;
  /** Null while the job is queued or running, else how it ended. */
  ended: () => Promise<JobOutcome | null>;
}

export interface JobTexts {
  started: string;
  done: string;
  /** The failure, with the job's reason. */
  failed: (reason: string) => string;
}

const POLL_MS = 1000;
/** Failed checks in a row (the server unreachable) before the notification gives up. */
const MAX_MISSES = 5;

class JobFailed extends Error {}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when the job is done; rejects with JobFailed (its reason) or the last check's error. */
async function settled(follower: JobFollower): Promise<void> {
  for (let misses = 0; ; ) {
    await delay(POLL_MS);
    let outcome: JobOutcome | null;
    try {
      outcome = await follower.ended();
      misses = 0;
    } catch (err) {
      if ((isApiError(err) && err.isUnauthenticated) || ++misses >= MAX_MISSES) throw err;
      continue;
    }
    if (outcome?.ok) return;
    if (outcome) throw new JobFailed(outcome.reason);
  }
}

/** Shows that a job started, and says in the same notification how it ended. */
export function followJob(follower: JobFollower, texts: JobTexts): void {
  const id = `job:${follower.key}`;
  notifications
    .promise(settled(follower), {
      id,
      loading: { color: 'triad', title: i18n.t('notify.started'), message: texts.started, withCloseButton: true },
      success: { title: i18n.t('notify.done'), message: texts.done },
      error: (err: unknown) =>
        err instanceof JobFailed
          ? { title: i18n.t('notify.jobFailed'), message: texts.failed(err.message), autoClose: false }
          : { color: 'orange', title: i18n.t('notify.started'), message: `${texts.started} ${i18n.t('notify.jobLost')}`, autoClose: false },
    })
    .catch((err: unknown) => {
      // Signed out meanwhile: the sign-in page needs no word about it.
      if (isApiError(err) && err.isUnauthenticated) notifications.hide(id);
    });
}

/**
 * The client's jobs of one kind (GET /api/clients/{id}/jobs): ended once none is queued or
 * running, as the newest of them ended. A job asked for again while one is queued joins it, so
 * this follows the job that does the work asked for.
 */
export function jobsOfKind(clientId: string, kind: string): JobFollower {
  return {
    key: `${clientId}:${kind}`,
    ended: async () => {
      const { jobs } = await call(triad.GET('/api/clients/{clientId}/jobs', { params: { path: { clientId }, query: { kind, limit: 20 } } }), { redirectOn401: false });
      if (jobs.some((j) => j.status === 'queued' || j.status === 'running')) return null;
      const last = jobs[0];
      if (!last || last.status === 'done') return { ok: true };
      return { ok: false, reason: last.error ?? i18n.t('notify.jobStopped') };
    },
  };
}
