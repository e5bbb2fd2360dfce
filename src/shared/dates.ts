/**
 * Arithmetic on calendar dates written `YYYY-MM-DD` (UTC, no time of day), as every module
 * stores them. Pure: usable by the server, the CLI and the web app.
 */

/** The date `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds months, clamping to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Whole days from `from` to `to`, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True when `timeZone` is an IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time at an instant in a time zone, read as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  let f = wallClocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    wallClocks.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) + (((instant % 1000) + 1000) % 1000);
}

/**
 * The first instant of a calendar day in a time zone (`2026-12-05` in `Europe/Berlin` is
 * 2026-12-04T23:00:00.000Z), as a stored timestamp. Where the day starts in a daylight-saving
 * gap (the clocks jump from 23:59 to 01:00), it is the instant the day's first hour begins.
 */
export function dayStartIn(date: string, timeZone: string): string {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  // The zone's offsets around that day; the day starts at midnight under one of them.
  const offsets = new Set([-36, 0, 36].map((h) => wallClock(midnight + h * 3_600_000, timeZone) - (midnight + h * 3_600_000)));
  const candidates = [...offsets].map((o) => midnight - o).filter((t) => new Date(wallClock(t, timeZone)).toISOString().slice(0, 10) === date);
  if (candidates.length > 0) return new Date(Math.min(...candidates)).toISOString();
  // Midnight does not exist that day: the day begins where the clocks jumped, the first instant
  // after the previous day's last one (found by halving the hours between them).
  let lo = midnight - 14 * 3_600_000;
  let hi = midnight + 14 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (new Date(wallClock(mid, timeZone)).toISOString().slice(0, 10) < date) lo = mid;
    else hi = mid;
  }
  return new Date(hi).toISOString();
}
