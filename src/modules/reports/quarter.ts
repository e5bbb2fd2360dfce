/** Calendar quarters as the board pack names them: `2026Q4` (key) and `Q4 2026` (label). */

export interface Quarter {
  key: string;
  label: string;
  year: number;
  q: 1 | 2 | 3 | 4;
  /** First and last day, `YYYY-MM-DD`. */
  start: string;
  end: string;
}

const QUARTER_RE = /^(\d{4})Q([1-4])$/;

/** True for a quarter key such as `2026Q4` (years 2000–2099). */
export function isQuarterKey(value: string): boolean {
  const m = QUARTER_RE.exec(value);
  return m !== null && Number(m[1]) >= 2000 && Number(m[1]) <= 2099;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function quarterOf(year: number, q: number): Quarter {
  const qq = (((q - 1) % 4) + 4) % 4;
  const y = year + Math.floor((q - 1) / 4);
  const startMonth = qq * 3 + 1;
  const endMonth = startMonth + 2;
  return {
    key: `${y}Q${qq + 1}`,
    label: `Q${qq + 1} ${y}`,
    year: y,
    q: (qq + 1) as Quarter['q'],
    start: `${y}-${pad(startMonth)}-01`,
    end: `${y}-${pad(endMonth)}-${pad(lastDay(y, endMonth))}`,
  };
}

/** Parses `2026Q4`; throws on anything else (validate with isQuarterKey first). */
export function parseQuarter(key: string): Quarter {
  const m = QUARTER_RE.exec(key);
  if (!m) throw new Error(`not a quarter: ${key}`);
  return quarterOf(Number(m[1]), Number(m[2]));
}

/** The quarter a date (`YYYY-MM-DD` or a Date) falls in. */
export function quarterContaining(date: string | Date): Quarter {
  const d = typeof date === 'string' ? date : date.toISOString().slice(0, 10);
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  return quarterOf(year, Math.floor((month - 1) / 3) + 1);
}

export function nextQuarter(q: Quarter): Quarter {
  return quarterOf(q.year, q.q + 1);
}

export { daysBetween } from '../../shared/dates.js';
