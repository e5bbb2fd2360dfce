import type { ClientScope } from '../../server/context.js';
import { words, type Say } from '../../server/i18n/index.js';
import { isOverdue } from './decisions.js';
import { riskSnapshots } from './risk-bridge.js';
import type { CheckOut, Seat } from './schema.js';
import { cisoReportsToCio, presentResponsibility, responsibilityRows, seatStates, type SeatState } from './seats.js';
import { ensureGovernance, today } from './common.js';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/** Seats one person should not hold together (why: the governance words `check.conflict.<seats>`). */
const CONFLICTS: { seats: [Seat, Seat]; severity: 'high' | 'medium' }[] = [
  { seats: ['CIO', 'CISO'], severity: 'high' },
  { seats: ['CTO', 'CISO'], severity: 'medium' },
];

/** How severe a vacant seat is (what it leaves unanswered: the governance words `check.vacant.<seat>`). */
const VACANCY: Record<Seat, 'high' | 'medium' | 'low'> = { CISO: 'high', CIO: 'medium', CTO: 'low' };

function seatChecks(states: SeatState[], say: Say<'governance'>): CheckOut[] {
  const out: CheckOut[] = [];
  for (const s of states) {
    if (!s.holder) {
      out.push({ id: `seat.vacant:${s.seat}`, code: 'seat.vacant', severity: VACANCY[s.seat], title: say('check.vacant.title', { seat: s.seat }), detail: say(`check.vacant.${s.seat}`), subject: { type: 'seat', id: s.seat }, path: 'governance' });
    }
  }
  if (cisoReportsToCio(states)) {
    out.push({
      id: 'ciso.reports-to-cio',
      code: 'ciso.reports-to-cio',
      severity: 'high',
      title: say('check.cisoReportsToCio.title'),
      detail: say('check.cisoReportsToCio.detail'),
      subject: { type: 'seat', id: 'CISO' },
      path: 'governance',
    });
  }
  for (const c of CONFLICTS) {
    const [a, b] = c.seats.map((seat) => states.find((s) => s.seat === seat)!.holder);
    if (a && b && a.userId === b.userId) {
      out.push({
        id: `seats.conflict:${c.seats.join('+')}`,
        code: 'seats.conflict',
        severity: c.severity,
        title: say('check.conflict.title', { name: a.name, first: c.seats[0], second: c.seats[1] }),
        detail: say(`check.conflict.${c.seats[0]}+${c.seats[1]}` as 'check.conflict.CIO+CISO' | 'check.conflict.CTO+CISO'),
        subject: { type: 'seat', id: c.seats[1] },
        path: 'governance',
      });
    }
  }
  return out;
}

/**
 * The client's governance checks, computed from its current records (nothing stored): vacant
 * seats, uncovered responsibilities, the CISO reporting to the CIO, one person holding seats
 * whose interests conflict, overdue decisions, expired acceptances whose risk is open again,
 * and acceptances needing re-approval. Most severe first.
 */
export async function governanceChecks(scope: ClientScope): Promise<CheckOut[]> {
  await ensureGovernance(scope);
  const states = await seatStates(scope);
  const t = today(scope);
  const say = words(scope.language, 'governance');
  const out = seatChecks(states, say);

  for (const r of await responsibilityRows(scope)) {
    const p = presentResponsibility(r, states);
    if (p.coverage === 'covered') continue;
    out.push({
      id: `charter.uncovered:${r.id}`,
      code: 'charter.uncovered',
      severity: r.seat === 'CISO' ? 'medium' : 'low',
      title: say('check.uncovered.title', { title: r.title, seat: r.seat }),
      detail: p.coverage === 'uncovered' ? say('check.uncovered.none') : say('check.uncovered.vacant', { seat: r.covered_by ?? '' }),
      subject: { type: 'responsibility', id: r.id },
      path: 'governance',
    });
  }

  const decisions = await scope.db.selectFrom('gov_decisions').selectAll().where('status', 'in', ['open', 'decided']).execute();
  for (const d of decisions) {
    if (!isOverdue(d, t)) continue;
    out.push({
      id: `decision.overdue:${d.id}`,
      code: 'decision.overdue',
      severity: d.status === 'open' ? 'medium' : 'low',
      title: say(d.status === 'open' ? 'check.overdue.title' : 'check.revisit.title', { title: d.title }),
      detail: d.status === 'open' ? say('check.overdue.detail', { date: d.decide_by ?? '' }) : say('check.revisit.detail', { date: d.revisit_on ?? '' }),
      subject: { type: 'decision', id: d.id },
      path: `governance/decisions/${d.id}`,
    });
  }

  const acceptances = await scope.db
    .selectFrom('gov_acceptances')
    .selectAll()
    .where((eb) => eb.or([eb('status', '=', 'expired'), eb.and([eb('status', '=', 'approved'), eb.or([eb('expires_on', '<=', t), eb('reapproval_required_at', 'is not', null)])])]))
    .orderBy('expires_on', 'desc')
    .execute();
  if (acceptances.length > 0) {
    const links = await scope.db.selectFrom('gov_acceptance_risks').select(['acceptance_id', 'risk_id']).where('acceptance_id', 'in', acceptances.map((a) => a.id)).execute();
    const active = await scope.db
      .selectFrom('gov_acceptance_risks')
      .innerJoin('gov_acceptances', (j) => j.onRef('gov_acceptances.client_id', '=', 'gov_acceptance_risks.client_id').onRef('gov_acceptances.id', '=', 'gov_acceptance_risks.acceptance_id'))
      .select('gov_acceptance_risks.risk_id')
      .where('gov_acceptances.status', 'in', ['requested', 'approved'])
      .where('gov_acceptances.expires_on', '>', t)
      .execute();
    const coveredNow = new Set(active.map((a) => a.risk_id));
    const snaps = await riskSnapshots(scope, [...new Set(links.map((l) => l.risk_id))]);
    const reported = new Set<string>();
    for (const a of acceptances) {
      const riskIds = links.filter((l) => l.acceptance_id === a.id).map((l) => l.risk_id);
      if (a.status === 'approved' && a.reapproval_required_at && a.expires_on > t) {
        out.push({
          id: `acceptance.reapproval:${a.id}`,
          code: 'acceptance.reapproval',
          severity: 'high',
          title: say('check.reapproval.title', { title: a.title }),
          // The reason was stored, in English, when the change was seen.
          detail: a.reapproval_reason ?? say('check.reapproval.detail'),
          subject: { type: 'acceptance', id: a.id },
          path: `governance/acceptances/${a.id}`,
        });
        continue;
      }
      // An expired acceptance matters while its risk is open again with nobody deciding anew;
      // only the latest one per risk is reported.
      const open = riskIds.filter((id) => !reported.has(id) && !coveredNow.has(id) && (a.status === 'approved' || snaps.get(id)?.status === 'open'));
      riskIds.forEach((id) => reported.add(id));
      if (open.length === 0) continue;
      out.push({
        id: `acceptance.expired:${a.id}`,
        code: 'acceptance.expired',
        severity: 'high',
        title: say('check.expired.title', { title: a.title }),
        detail: say('check.expired.detail', { date: a.expires_on }),
        subject: { type: 'acceptance', id: a.id },
        path: `governance/acceptances/${a.id}`,
      });
    }
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
