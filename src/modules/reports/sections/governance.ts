/**
 * The board pack's accepted risks and governance (section 4): the acceptances in force and when
 * they expire, who may approve them, the seats and who holds them, and governance's findings.
 */
import type { Block, Section } from '../schema.js';
import type { CheckOut } from '../sources.js';
import type { PackWords } from '../i18n/index.js';
import { sentence } from '../text.js';
import { authorityBlocks } from './authority.js';
import { findingIn } from './findings.js';
import { acceptanceMean, heading, responsesBlock, table, unavailable, type BuildInput, type TitledSubject } from './blocks.js';

const SEVERITY_WORDS: Record<CheckOut['severity'], string> = { high: 'High', medium: 'Medium', low: 'Low' };

export function governanceSection(words: PackWords, input: BuildInput, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const { money, date } = words;
  const cur = client.currency;
  const blocks: Block[] = [];
  const leadParts: string[] = [];
  blocks.push(heading('Accepted risks and their expiry'));
  if (!sources.accepted.ok) blocks.push(unavailable(sources.accepted.reason));
  else {
    const list = sources.accepted.value;
    leadParts.push(list.length === 0 ? words.t('governance.noneAccepted') : words.t('governance.inForce', words.n(list.length)));
    blocks.push(
      table(
        [
          ['title', 'Accepted risk', 'left', 2.4],
          ['mean', 'Expected a year', 'right', 1.1],
          ['change', 'Since accepted', 'right', 0.9],
          ['by', 'Approved by', 'left', 1.3],
          ['until', 'Expires', 'left', 1.1],
        ],
        list.map((a) => {
          const m = acceptanceMean(a);
          const changes = a.risks.map((r) => r.changePercent).filter((x): x is number => x !== null);
          const ch = changes.length > 0 ? Math.max(...changes) : null;
          return {
            cells: {
              title: a.reapprovalRequired ? words.t('governance.reapproval', { title: a.title }) : a.title,
              mean: m !== null ? money(m, cur) : '-',
              change: ch !== null ? words.signedPct(ch) : '-',
              by: a.approvedBy ? `${a.approvedBy.name} (${words.value(a.approvedBy.role)})` : '-',
              until: a.daysLeft >= 0 ? words.t('governance.daysLeft', words.n(a.daysLeft, { date: date(a.expiresOn) })) : words.t('governance.expired', { date: date(a.expiresOn) }),
            },
            tone: a.reapprovalRequired || a.daysLeft < 0 ? 'bad' : a.daysLeft <= 30 ? 'warn' : 'neutral',
          };
        }),
        words.t('governance.noneAcceptedEmpty'),
      ),
    );
  }
  blocks.push(...authorityBlocks(words, sources.delegation, client.name, client.currency));
  blocks.push(heading('Governance findings'));
  if (!sources.governance.ok) blocks.push(unavailable(sources.governance.reason));
  else {
    const { checks, seats } = sources.governance.value;
    const high = checks.filter((c) => c.severity === 'high').length;
    const findings = words.t('governance.findings', words.n(checks.length));
    leadParts.push(checks.length === 0 ? words.t('governance.noFinding') : high ? words.t('governance.serious', { text: findings, n: words.count(high) }) : findings);
    blocks.push(
      table(
        [
          ['seat', 'Seat', 'left', 0.7],
          ['holder', 'Held by', 'left', 1.6],
          ['reports', 'Reports to', 'left', 1],
          ['since', 'Since', 'left', 1],
        ],
        seats.map((s) => ({
          cells: {
            seat: s.seat,
            holder: s.holder ? (s.holder.kind === 'advisor' ? words.t('governance.advisor', { name: s.holder.name }) : s.holder.name) : words.t('governance.vacant'),
            reports: s.reportsTo + (s.reportsToNote ? ` (${s.reportsToNote})` : ''),
            since: s.since ? date(s.since) : '-',
          },
          tone: s.holder ? 'neutral' : 'warn',
        })),
        words.t('governance.noSeat'),
        { caption: words.t('governance.seatsCaption') },
      ),
    );
    blocks.push(
      table(
        [
          ['severity', 'Severity', 'left', 0.7],
          ['finding', 'Finding', 'left', 2],
          ['detail', 'Why it matters', 'left', 3.2],
        ],
        checks.map((c) => {
          const { title, detail } = findingIn(words, c, seats);
          return { cells: { severity: SEVERITY_WORDS[c.severity], finding: title, detail }, tone: c.severity === 'high' ? 'bad' : c.severity === 'medium' ? 'warn' : 'neutral' };
        }),
        words.t('governance.noFindingEmpty'),
      ),
    );
  }
  blocks.push(...responsesBlock(words, subjects, input.responses));
  const lead = leadParts.length ? `${sentence(words.and(leadParts))}.` : words.t('governance.unread');
  return { key: 'governance', number: 4, title: 'Accepted risks and governance', lead, blocks, subjects };
}
