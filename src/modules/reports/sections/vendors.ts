/**
 * The board pack's vendors (section 5): the critical vendors, the contracts renewing in the
 * window (and the notice deadlines), and the fourth parties many services depend on.
 */
import type { Block, Section } from '../schema.js';
import type { PackWords } from '../i18n/index.js';
import { sentence } from '../text.js';
import { vendorReasonIn } from './vendor-reason.js';
import { heading, more, responsesBlock, table, TABLE_LIMIT, unavailable, type BuildInput, type TitledSubject } from './blocks.js';

export function vendorsSection(words: PackWords, input: BuildInput, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const { money, date } = words;
  const cur = client.currency;
  const window = words.t('words.window', { from: date(sources.window.from), to: date(sources.window.to) });
  const blocks: Block[] = [];
  const leadParts: string[] = [];
  blocks.push(heading('Critical vendors'));
  if (!sources.criticalVendors.ok) blocks.push(unavailable(sources.criticalVendors.reason));
  else {
    const list = sources.criticalVendors.value;
    leadParts.push(words.t('vendors.critical', words.n(list.length)));
    const shown = list.slice(0, TABLE_LIMIT);
    blocks.push(
      table(
        [
          ['name', 'Vendor', 'left', 1.5],
          ['why', 'Why it is critical', 'left', 2.6],
          ['cost', 'A year', 'right', 0.9],
          ['renewal', 'Next renewal', 'left', 1],
          ['assessed', 'Assessment due', 'left', 1],
        ],
        shown.map((v) => {
          const overdue = v.assessmentDue !== null && v.assessmentDue <= sources.today;
          return {
            cells: {
              name: v.fourthParty ? words.t('vendors.fourthParty', { name: v.name }) : v.name,
              why: v.reasons[0] ? vendorReasonIn(words, v.reasons[0]) : '',
              cost: v.annualCost > 0 ? money(v.annualCost, cur) : '-',
              renewal: v.nextRenewal ? date(v.nextRenewal) : '-',
              assessed: !v.lastAssessedOn ? words.t('vendors.neverAssessed') : overdue ? words.t('vendors.overdue', { date: date(v.assessmentDue ?? '') }) : v.assessmentDue ? date(v.assessmentDue) : '-',
            },
            tone: overdue ? 'warn' : 'neutral',
          };
        }),
        words.t('vendors.noCritical'),
        { note: more(words, shown.length, list.length, 'criticalVendor') },
      ),
    );
  }
  blocks.push(heading(words.t('vendors.renewalsHeading', { window })));
  if (!sources.renewals.ok) blocks.push(unavailable(sources.renewals.reason));
  else {
    const list = sources.renewals.value;
    const notices = list.filter((e) => e.events.includes('notice') && e.autoRenew);
    const renewing = words.t('vendors.renewing', words.n(list.length, { date: date(sources.window.to) }));
    leadParts.push(notices.length ? words.t('vendors.autoRenew', words.n(notices.length, { text: renewing })) : renewing);
    const shown = list.slice(0, TABLE_LIMIT);
    blocks.push(
      table(
        [
          ['vendor', 'Vendor', 'left', 1.5],
          ['contract', 'Contract', 'left', 1.4],
          ['cost', 'A year', 'right', 0.9],
          ['notice', 'Last day to cancel', 'left', 1.1],
          ['renewal', 'Renews', 'left', 1],
        ],
        shown.map((e) => ({
          cells: {
            vendor: e.vendorName,
            contract: e.reference,
            cost: money(e.annualCost, cur),
            notice: !e.autoRenew ? words.t('vendors.noAutoRenew') : e.noticeDeadline < sources.today ? words.t('vendors.passed', { date: date(e.noticeDeadline) }) : date(e.noticeDeadline),
            renewal: date(e.renewalDate),
          },
          tone: e.autoRenew && e.events.includes('notice') && e.noticeDeadline >= sources.today ? 'warn' : 'neutral',
        })),
        words.t('vendors.noRenewals', { window }),
        { note: more(words, shown.length, list.length, 'contract') },
      ),
    );
  }
  blocks.push(heading('Fourth parties many services depend on'));
  if (!sources.fourthParties.ok) blocks.push(unavailable(sources.fourthParties.reason));
  else {
    const list = sources.fourthParties.value.filter((e) => e.services + e.datasets > 0);
    blocks.push(
      table(
        [
          ['name', 'Fourth party', 'left', 1.4],
          ['for', 'Subcontractor of', 'left', 2],
          ['services', 'Services', 'right', 0.8],
          ['datasets', 'Data sets', 'right', 0.8],
          ['records', 'Records', 'right', 1],
        ],
        list.map((e) => ({
          cells: {
            name: e.name,
            for: e.worksFor.join(', '),
            services: e.criticalServices ? words.t('vendors.criticalServices', { n: words.count(e.services), critical: words.count(e.criticalServices) }) : words.count(e.services),
            datasets: words.count(e.datasets),
            records: words.count(e.records),
          },
          tone: e.criticalServices > 0 ? 'warn' : 'neutral',
        })),
        words.t('vendors.noFourth'),
        { caption: words.t('vendors.fourthCaption') },
      ),
    );
  }
  blocks.push(...responsesBlock(words, subjects, input.responses));
  const lead = leadParts.length ? `${sentence(words.and(leadParts))}.` : words.t('vendors.unread');
  return { key: 'vendors', number: 5, title: 'Vendors', lead, blocks, subjects };
}
