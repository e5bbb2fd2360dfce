import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/** `26 Nov 2026, 14:05` in the viewer's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('D MMM YYYY, HH:mm') : '—';
}

/** `26 Nov 2026`. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('D MMM YYYY') : '—';
}

/** `3 days ago`, `in 2 months`. */
export function fromNow(iso: string | null | undefined): string {
  return iso ? dayjs(iso).fromNow() : '—';
}

/** `1,234`. */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat('en-US').format(n);
}

/** "Sam Okafor <sam@x>" → { name: 'Sam Okafor', email: 'sam@x' }; a system label stays a name. */
export function parseActor(label: string): { name: string; email: string | null } {
  const m = /^(.*?)\s*<([^>]+)>$/.exec(label);
  return m ? { name: m[1] || m[2]!, email: m[2]! } : { name: label, email: null };
}
