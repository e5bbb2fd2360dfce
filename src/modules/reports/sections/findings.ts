/**
 * Governance's findings in the pack's language. Governance words them in English (title and
 * detail, src/modules/governance/checks.ts); a pack in another language writes them again from
 * the finding's code, the seats in its id, and the name or date its English carries. A finding
 * whose English does not read as expected is printed as governance wrote it.
 */
import type { PackWords } from '../i18n/index.js';
import type { CheckOut, SeatOut } from '../sources.js';

type Words = { title: string; detail: string };
type SeatName = 'CIO' | 'CTO' | 'CISO';
const isSeat = (x: string | undefined): x is SeatName => x === 'CIO' || x === 'CTO' || x === 'CISO';

export function findingIn(words: PackWords, c: CheckOut, seats: SeatOut[]): Words {
  const english = { title: c.title, detail: c.detail };
  if (words.language === 'en') return english;
  const { t, date } = words;
  const after = (prefix: string): string | null => (c.title.startsWith(prefix) ? c.title.slice(prefix.length) : null);
  const day = (re: RegExp): string | null => re.exec(c.detail)?.[1] ?? null;
  switch (c.code) {
    case 'seat.vacant': {
      const seat = c.id.split(':')[1];
      return isSeat(seat) ? { title: t('findings.vacant', { seat }), detail: t(`findings.vacant${seat}`) } : english;
    }
    case 'ciso.reports-to-cio':
      return { title: t('findings.cisoUnderCio'), detail: t('findings.cisoUnderCioDetail') };
    case 'seats.conflict': {
      const [a, b] = (c.id.split(':')[1] ?? '').split('+');
      const name = seats.find((s) => s.seat === b)?.holder?.name;
      if (!isSeat(a) || !isSeat(b) || !name || (a !== 'CIO' && a !== 'CTO') || b !== 'CISO') return english;
      return { title: t('findings.conflict', { name, a, b }), detail: t(a === 'CIO' ? 'findings.conflictCio' : 'findings.conflictCto') };
    }
    case 'charter.uncovered': {
      const m = /^Uncovered: (.*) \((CIO|CTO|CISO)\)$/.exec(c.title);
      const vacant = /^It is assigned to the (.+) seat, which is vacant\.$/.exec(c.detail)?.[1];
      if (!m) return english;
      return { title: t('findings.uncovered', { title: m[1]!, seat: m[2]! }), detail: vacant ? t('findings.assignedVacant', { seat: vacant }) : t('findings.noSeatCovers') };
    }
    case 'decision.overdue': {
      const open = after('Decision overdue: ');
      const revisit = after('Decision due for revisiting: ');
      const by = day(/^It was to be (?:decided by|revisited on) (\d{4}-\d{2}-\d{2})\.$/);
      if (open === null && revisit === null) return english;
      return open !== null ? { title: t('findings.overdue', { title: open }), detail: by ? t('findings.overdueDetail', { date: date(by) }) : c.detail } : { title: t('findings.revisit', { title: revisit! }), detail: by ? t('findings.revisitDetail', { date: date(by) }) : c.detail };
    }
    case 'acceptance.expired': {
      const title = after('Risk acceptance expired: ');
      const on = day(/^It expired on (\d{4}-\d{2}-\d{2}) /);
      return title !== null && on ? { title: t('findings.expired', { title }), detail: t('findings.expiredDetail', { date: date(on) }) } : english;
    }
    case 'acceptance.reapproval': {
      const title = after('Accepted risk changed, re-approval needed: ');
      if (title === null) return english;
      // The detail is the reason recorded when the risk rose; the default one has its German.
      return { title: t('findings.reapproval', { title }), detail: c.detail === 'The risk rose materially since it was accepted.' ? t('findings.reapprovalDetail') : c.detail };
    }
  }
}
