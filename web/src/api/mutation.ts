import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import i18n from '../i18n';
import { errorMessage, isApiError } from './client';
import { followJob, type JobFollower } from './jobs';

/** A notification's text, or a function of the change's result and input. */
export type Text<TData, TVars> = string | ((data: TData, vars: TVars) => string);

export interface ApiMutationOptions<TData, TVars> {
  mutationFn: (vars: TVars) => Promise<TData>;
  /** A notification on success: text, or a function of the result. Omit for none. */
  success?: Text<TData, TVars>;
  /**
   * For a change that starts a background job, instead of `success`: one notification that
   * says "Started" with `started` while the job runs, then, in its place, "Done" with `done`, or
   * "Failed" with `failed` and the job's reason (api/jobs.ts). `follow` says which job.
   */
  job?: {
    started: Text<TData, TVars>;
    done: Text<TData, TVars>;
    failed: (reason: string, data: TData, vars: TVars) => string;
    follow: (data: TData, vars: TVars) => JobFollower;
  };
  /**
   * Show a notification on failure. Forms that show the error inline (ErrorAlert and field
   * errors) pass false.
   */
  notifyError?: boolean;
  /** Queries to refresh after success, e.g. `[keys.client(clientId)]`. */
  invalidate?: QueryKey[] | ((data: TData, vars: TVars) => QueryKey[]);
  onSuccess?: (data: TData, vars: TVars) => void | Promise<void>;
}

/**
 * A change through the API with the app's conventions: refresh the affected queries, and tell
 * the user how it went with a notification.
 */
export function useApiMutation<TData, TVars = void>(options: ApiMutationOptions<TData, TVars>): UseMutationResult<TData, Error, TVars> {
  const queryClient = useQueryClient();
  return useMutation<TData, Error, TVars>({
    mutationFn: options.mutationFn,
    onSuccess: async (data, vars) => {
      const toRefresh = typeof options.invalidate === 'function' ? options.invalidate(data, vars) : (options.invalidate ?? []);
      await Promise.all(toRefresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      const say = (text: Text<TData, TVars>) => (typeof text === 'function' ? text(data, vars) : text);
      if (options.success) notifications.show({ color: 'teal', title: i18n.t('notify.done'), message: say(options.success) });
      const job = options.job;
      if (job) followJob(job.follow(data, vars), { started: say(job.started), done: say(job.done), failed: (reason) => job.failed(reason, data, vars) });
      await options.onSuccess?.(data, vars);
    },
    onError: (err) => {
      // A 401 has already sent the user to the sign-in page.
      if (options.notifyError === false || (isApiError(err) && err.isUnauthenticated)) return;
      notifications.show({ color: 'red', title: i18n.t('notify.failed'), message: errorMessage(err) });
    },
  });
}
