/** The signed-in person's notifications (across clients) and a client's e-mail outbox. */
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { usePagedList } from '../../api/paged';
import type { NotificationList, OutboxList } from '@schema/notifications';

export const notificationKeys = {
  /** The person's own: not under a client, so every client's change can refresh the bell. */
  all: () => ['notifications'] as const,
  list: (clientId?: string) => ['notifications', 'list', clientId ?? null] as const,
  outbox: (clientId: string) => [...keys.client(clientId), 'notifications', 'outbox'] as const,
};

/** How often the bell looks for new notifications. */
const POLL_MS = 30_000;

const notificationRows = (p: NotificationList) => p.notifications;
const emailRows = (p: OutboxList) => p.emails;

/** The person's notifications (of one client, or all), newest first, `limit` a page; `fetchNextPage` for older ones. */
export function useNotifications(options: { clientId?: string; limit?: number } = {}) {
  const limit = options.limit ?? 30;
  return usePagedList({
    queryKey: [...notificationKeys.list(options.clientId), limit],
    fetchPage: (cursor, signal) => api.get<NotificationList>('/api/notifications', { signal, query: { limit, clientId: options.clientId, cursor } }),
    rows: notificationRows,
    refetchInterval: POLL_MS,
  });
}

/** The client's e-mails, newest first, a page at a time. */
export function useOutbox(clientId: string, enabled: boolean) {
  return usePagedList({
    queryKey: notificationKeys.outbox(clientId),
    fetchPage: (cursor, signal) => api.get<OutboxList>(clientPath(clientId, '/notifications/outbox'), { signal, query: { limit: 50, cursor } }),
    rows: emailRows,
    enabled,
  });
}

export const markRead = (id: string) => api.post<{ marked: number }>(`/api/notifications/${encodeURIComponent(id)}/read`, {});
export const markAllRead = (clientId?: string) => api.post<{ marked: number }>('/api/notifications/read-all', clientId ? { clientId } : {});
