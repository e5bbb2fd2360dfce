import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import type { DemoClient } from '../../server/module.js';
import { actorOf } from '../accounts/users.js';
import { clientInfo } from '../clients/clients.js';
import { approveAcceptance, requestAcceptance } from './acceptance-approval.js';
import { addDays, addMonths } from './common.js';
import { setDelegation } from './delegation.js';
import { raiseConcern } from './concerns.js';
import { createDecision } from './decision-editing.js';
import { decide, recordPosition } from './decision-positions.js';
import { listRisks } from './risk-bridge.js';
import type { ReportsTo, Seat } from './schema.js';
import { listCharter, updateResponsibility, updateSeat } from './seats.js';

type As = (who: string) => Promise<ClientScope>;

function scopes(ctx: AppContext, client: DemoClient): As {
  return async (who) => {
    const person = client.users[who];
    if (!person) throw new Error(`demo user ${who} missing in ${client.name}`);
    const db = ctx.database.db;
    const user = await db.selectFrom('users').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    const row = await db.selectFrom('clients').selectAll().where('id', '=', client.id).executeTakeFirstOrThrow();
    const m = await db.selectFrom('memberships').select('role').where('client_id', '=', client.id).where('user_id', '=', user.id).executeTakeFirst();
    return new ClientScope(ctx, clientInfo(row), actorOf(user), user.firm_role === 'admin' ? 'advisor' : (m?.role ?? 'viewer'));
  };
}

async function seat(advisor: ClientScope, client: DemoClient, key: Seat, holder: string | null, reportsTo: ReportsTo, since: string | null): Promise<void> {
  await updateSeat(advisor, key, { holderUserId: holder ? client.users[holder]!.id : null, reportsTo, since });
}

async function cover(advisor: ClientScope, changes: Record<string, Seat | null>): Promise<void> {
  const charter = await listCharter(advisor);
  for (const [key, coveredBy] of Object.entries(changes)) {
    const r = charter.find((x) => x.key === key);
    if (r) await updateResponsibility(advisor, r.id, { coveredBy });
  }
}

/**
 * Seats, charter and decisions for each demo client. Harbor & Finch's partners delegate the
 * approval of small acceptances within appetite to their vCISO. Kestrel Precision Manufacturing shows the
 * independence problem: its CISO reports to the CIO, the seats disagree on remote vendor
 * access to the shop floor (escalated, waiting for the CEO), and a risk acceptance is about
 * to expire.
 */
export async function governanceDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  const as = scopes(ctx, client);
  const today = toDateString(ctx.clock.now());
  const ago = (months: number) => addMonths(today, -months);
  if (client.key === 'accounting') {
    const sam = await as('advisor');
    await seat(sam, client, 'CIO', 'contributor', 'CEO', ago(44));
    await seat(sam, client, 'CTO', null, 'CEO', null);
    await seat(sam, client, 'CISO', 'advisor', 'CEO', ago(22));
    // A CPA firm builds no product: its few product concerns (the client portal) sit with the CIO.
    await cover(sam, { architecture: 'CIO', 'product-vendors': 'CIO', 'external-customers': 'CIO', engineering: null });
    const d = await createDecision(sam, {
      title: 'Move client files to SharePoint Online with immutable backups',
      context: 'Twenty years of client tax files sit on a file server in the office. A ransomware attack before the April deadline would stop the firm.',
      proposal: 'Migrate the file shares to SharePoint Online before the busy season, with a third-party immutable backup of the tenant.',
      options: [
        { title: 'SharePoint Online with immutable backup', cost: 14_000, riskEffect: 'Removes the office file server from the ransomware path; backups cannot be encrypted.', proposed: true },
        { title: 'Keep the file server, add offline backups', cost: 6_500, riskEffect: 'Faster recovery, but the server stays exposed.' },
      ],
      seats: ['CIO', 'CISO'],
      revisitOn: addMonths(today, 6),
    });
    await recordPosition(await as('contributor'), d.id, 'CIO', { stance: 'supports', rationale: 'Retires an aging server and gives staff remote access without the VPN.' });
    await recordPosition(sam, d.id, 'CISO', { stance: 'supports', rationale: 'Immutable backups close our worst case; conditional access must be on from day one.' });
    await decide(sam, d.id, { outcome: 'Migrate to SharePoint Online with immutable backups before January; conditional access enforced at cut-over.', chosenOptionId: d.options[0]!.id });
    // The partners let their vCISO approve small acceptances while the firm is within its appetite.
    await setDelegation(await as('executive'), { delegateUserId: client.users.advisor!.id, limit: 25_000, since: addDays(today, -20), note: 'Partners\u2019 meeting minutes' });
    return;
  }
  if (client.key === 'manufacturer') {
    const priya = await as('advisor2');
    const sam = await as('advisor');
    await seat(priya, client, 'CIO', 'advisor2', 'CEO', ago(18));
    await seat(priya, client, 'CTO', 'contributor', 'CEO', ago(40));
    // The independence problem this demo client shows.
    await seat(priya, client, 'CISO', 'advisor', 'CIO', ago(9));
    const risks = await listRisks(priya);
    const plantAttack = risks.find((r) => /control network/i.test(r.title)) ?? risks.find((r) => /ransom/i.test(r.title)) ?? risks[0];
    const d = await createDecision(priya, {
      title: 'Standing remote access to the shop floor for the CNC vendor',
      context: 'The machine-tool vendor wants always-on access to the CNC controllers through its cloud gateway, to cut repair times. The controllers sit on the plant network with no separation from the office network.',
      proposal: 'Give the vendor an always-on site-to-site connection into the plant network.',
      options: [
        {
          title: 'Always-on vendor connection',
          cost: 0,
          riskEffect: 'Repairs start within the hour; the vendor\u2019s network becomes a path into the plant.',
          proposed: true,
          ...(plantAttack ? { links: [{ kind: 'risk' as const, id: plantAttack.id }] } : {}),
        },
        { title: 'On-demand access through a recorded jump host with MFA', cost: 18_000, riskEffect: 'Access only when a ticket is open, every session recorded; repairs start within four hours.' },
        { title: 'No remote access; on-site visits', cost: 60_000, riskEffect: 'No new path in; downtime of one to two days per repair.' },
      ],
      seats: ['CIO', 'CTO', 'CISO'],
      decideBy: addDays(today, 21),
    });
    await recordPosition(priya, d.id, 'CIO', { stance: 'supports', rationale: 'Every hour a 5-axis machine is down costs about $4,000; the vendor fixes most faults remotely.' });
    await recordPosition(await as('contributor'), d.id, 'CTO', { stance: 'supports', rationale: 'Production needs the repair times; the vendor already has this at two other plants.' });
    await recordPosition(sam, d.id, 'CISO', {
      stance: 'opposes',
      rationale: 'An always-on tunnel from a third party into a flat plant network is the classic ransomware path. On-demand access through a jump host gives most of the speed for a fraction of the risk.',
      preferredOptionId: d.options[1]!.id,
    });
    await raiseConcern(sam, {
      subjectType: 'finding',
      subjectId: 'access-review-2026-q3',
      subjectTitle: 'Access review: former employees still active in the ERP',
      seat: 'CIO',
      summary: 'Fourteen people who left in the last year still have ERP accounts, three with purchasing rights. Joiner-mover-leaver is the CIO\u2019s process.',
    });
    // An acceptance about to expire: the reminders and the expiry are the scheduled task's.
    const licence = risks.find((r) => /licence server/i.test(r.title) && r.status === 'open') ?? risks.find((r) => r.status === 'open' && r.id !== plantAttack?.id);
    if (licence) {
      const request = await requestAcceptance(await as('contributor'), {
        riskIds: [licence.id],
        justification: 'A second licence server would cost more each year than the outages it prevents; an outage stops design work for a day at most, and the vendor restores licences within hours.',
        expiresOn: addDays(today, 19),
      });
      await approveAcceptance(await as('executive'), request.id, { note: 'Accepted until the CAD platform moves to cloud licensing; bring it back if that slips.' });
    }
    return;
  }
  // Lumen Analytics: the vCIO also holds the CISO seat, a conflict the checks show.
  const priya = await as('advisor2');
  await seat(priya, client, 'CIO', 'advisor2', 'CEO', ago(14));
  await seat(priya, client, 'CTO', 'contributor', 'CEO', ago(30));
  await seat(priya, client, 'CISO', 'advisor2', 'CEO', ago(14));
  const d = await createDecision(priya, {
    title: 'Single sign-on for every production admin console',
    context: 'Engineers reach the cloud consoles, the database admin tool and the CI system with separate accounts; two of them have no MFA.',
    proposal: 'Put all production admin consoles behind the company identity provider with hardware-key MFA by the end of the quarter.',
    options: [
      { title: 'Identity provider with hardware keys', cost: 9_000, riskEffect: 'Removes password reuse and phishing of admin accounts.', proposed: true },
      { title: 'App-based MFA on each console', cost: 0, riskEffect: 'Closes the missing MFA; accounts stay separate.' },
    ],
    seats: ['CTO', 'CISO'],
    decideBy: addDays(today, 30),
  });
  await recordPosition(await as('contributor'), d.id, 'CTO', { stance: 'supports', rationale: 'One login also saves onboarding time for new engineers.' });
}
