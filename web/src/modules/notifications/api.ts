/** The signed-in person's notifications (across clients) and a client's e-mail outbox. */
import { useQuery } from '@tanstack/react-query';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import type { NotificationList, OutboxList } from '@schema/notifications';

export const notificationKeys = {
  /** The person's own: not under a client, so every client's change can refresh the bell. */
  all: () => ['notifications'] as const,
  list: (clientId?: string) => ['notifications', 'list', clientId ?? null] as const,
  outbox: (clientId: string) => [...keys.client(clientId), 'notifications', 'outbox'] as const,
};

/** How often the bell looks for new notifications. */
const POLL_MS = 30_000;

export function useNotifications(options: { clientId?: string; limit?: number } = {}) {
  return useQuery({
    queryKey: [...notificationKeys.list(options.clientId), options.limit ?? 30],
    queryFn: ({ signal }) => api.get<NotificationList>('/api/notifications', { signal, query: { limit: options.limit ?? 30, clientId: options.clientId } }),
    refetchInterval: POLL_MS,
  });
}

export function useOutbox(clientId: string, enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.outbox(clientId),
    queryFn: ({ signal }) => api.get<OutboxList>(clientPath(clientId, '/notifications/outbox'), { signal }),
    enabled,
  });
}

export const markRead = (id: string) => api.post<{ marked: number }>(`/api/notifications/${encodeURIComponent(id)}/read`, {});
export const markAllRead = (clientId?: string) => api.post<{ marked: number }>('/api/notifications/read-all', clientId ? { clientId } : {});
