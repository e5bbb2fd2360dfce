import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import { isApiError } from './client';

export interface ApiMutationOptions<TData, TVars> {
  mutationFn: (vars: TVars) => Promise<TData>;
  /** A notification on success: text, or a function of the result. Omit for none. */
  success?: string | ((data: TData, vars: TVars) => string);
  /**
   * For a change that starts a background job: the notification says "Started" (not "Done"),
   * and the job's JobProgress says "Done" when it finishes. Use instead of `success`.
   */
  started?: string | ((data: TData, vars: TVars) => string);
  /**
   * Show a notification on failure. Forms that show the error inline (ErrorAlert and field
   * errors) pass false.
   */
  notifyError?: boolean;
  /** Queries to refresh after success, e.g. `[keys.client(clientId)]`. */
  invalidate?: QueryKey[] | ((data: TData, vars: TVars) => QueryKey[]);
  onSuccess?: (data: TData, vars: TVars) => void | Promise<void>;
}

/** The message to show for any error. */
export function errorMessage(err: unknown): string {
  if (isApiError(err)) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
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
      if (options.success) {
        const message = typeof options.success === 'function' ? options.success(data, vars) : options.success;
        notifications.show({ color: 'teal', title: 'Done', message });
      }
      if (options.started) {
        const message = typeof options.started === 'function' ? options.started(data, vars) : options.started;
        notifications.show({ color: 'triad', title: 'Started', message });
      }
      await options.onSuccess?.(data, vars);
    },
    onError: (err) => {
      // A 401 has already sent the user to the sign-in page.
      if (options.notifyError === false || (isApiError(err) && err.isUnauthenticated)) return;
      notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(err) });
    },
  });
}
