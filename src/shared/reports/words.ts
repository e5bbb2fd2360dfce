/**
 * Wording of the reports that the PDF, the HTML page and the web app share, so the board reads
 * the same words wherever it opens the pack.
 */

export type Tone = 'neutral' | 'good' | 'bad' | 'warn';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `26 Nov 2026` from `2026-11-26` or a timestamp (the calendar date as written, no time zone). */
export function reportDate(value: string | null | undefined): string {
  if (!value) return '-';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return value;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export function stanceWord(stance: 'supports' | 'opposes' | 'abstains' | null): string {
  return stance === 'supports' ? 'Supports' : stance === 'opposes' ? 'Opposes' : stance === 'abstains' ? 'Abstains' : 'No position yet';
}

export function stanceTone(stance: 'supports' | 'opposes' | 'abstains' | null): Tone {
  return stance === 'supports' ? 'good' : stance === 'opposes' ? 'bad' : stance === 'abstains' ? 'neutral' : 'warn';
}

export interface ResponseLike {
  seat: string;
  holder: string | null;
  raisedBy: string | null;
  about: string;
  state: 'owed' | 'responded' | 'declined' | 'lapsed' | 'no-holder';
  response: string | null;
  respondedAt: string | null;
  respondBy: string;
}

/** Who raised a concern with which seat, about what. */
export function concernHead(r: ResponseLike): string {
  return `${r.raisedBy ? `${r.raisedBy} raised` : 'Raised'} with the ${r.seat}${r.holder ? ` (${r.holder})` : ''}, about "${r.about}":`;
}

/** The seat's answer to a concern, as printed beside it. */
export function responseLine(r: ResponseLike): { text: string; tone: Tone } {
  const who = `the ${r.seat}${r.holder ? ` (${r.holder})` : ''}`;
  const Who = who.charAt(0).toUpperCase() + who.slice(1);
  switch (r.state) {
    case 'responded':
      return { text: `Response of ${who}${r.respondedAt ? `, ${reportDate(r.respondedAt)}` : ''}: "${r.response ?? ''}"`, tone: 'good' };
    case 'declined':
      return { text: `${Who} saw it and chose not to comment${r.respondedAt ? ` (${reportDate(r.respondedAt)})` : ''}.`, tone: 'neutral' };
    case 'lapsed':
      return { text: `${Who} was asked to respond by ${reportDate(r.respondBy)} and did not.`, tone: 'warn' };
    case 'no-holder':
      return { text: `The ${r.seat} seat was vacant, so nobody could respond for it.`, tone: 'neutral' };
    case 'owed':
      return { text: `Awaiting the response of ${who}, due by ${reportDate(r.respondBy)}.`, tone: 'warn' };
  }
}
