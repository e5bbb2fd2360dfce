import type { ClientScope } from '../../server/context.js';
import { isOverdue } from './decisions.js';
import { riskSnapshots } from './risk-bridge.js';
import type { CheckOut, Seat } from './schema.js';
import { cisoReportsToCio, presentResponsibility, responsibilityRows, seatStates, type SeatState } from './seats.js';
import { ensureGovernance, today } from './common.js';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/** Seats one person should not hold together, and why. */
const CONFLICTS: { seats: [Seat, Seat]; severity: 'high' | 'medium'; why: string }[] = [
  {
    seats: ['CIO', 'CISO'],
    severity: 'high',
    why: 'The CIO wants systems and information available to whoever needs them; the CISO wants access only for those who need it. One person holding both cannot disagree with themselves, so the conflict never reaches the executives.',
  },
  {
    seats: ['CTO', 'CISO'],
    severity: 'medium',
    why: 'The CTO is measured on shipping the product; the CISO on keeping its risk within appetite. One person holding both judges their own product\u2019s risk.',
  },
];

const VACANCY: Record<Seat, { severity: 'high' | 'medium' | 'low'; detail: string }> = {
  CISO: { severity: 'high', detail: 'Nobody answers for information-security risk, its appetite or its reporting to the board.' },
  CIO: { severity: 'medium', detail: 'Nobody answers for internal IT: infrastructure, operations, internal users, vendors and the IT budget.' },
  CTO: { severity: 'low', detail: 'Nobody answers for the product\u2019s technology. If the company builds no product of its own, mark the CTO\u2019s responsibilities as covered elsewhere or uncovered.' },
};

function seatChecks(states: SeatState[]): CheckOut[] {
  const out: CheckOut[] = [];
  for (const s of states) {
    if (!s.holder) {
      out.push({ id: `seat.vacant:${s.seat}`, code: 'seat.vacant', severity: VACANCY[s.seat].severity, title: `The ${s.seat} seat is vacant`, detail: VACANCY[s.seat].detail, subject: { type: 'seat', id: s.seat }, path: 'governance' });
    }
  }
  if (cisoReportsToCio(states)) {
    out.push({
      id: 'ciso.reports-to-cio',
      code: 'ciso.reports-to-cio',
      severity: 'high',
      title: 'The CISO reports to the CIO',
      detail: 'Independence risk: disagreements between security and IT tend to stay inside IT. While this holds, every CISO dissent on a decision escalates to the executives automatically.',
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
        title: `${a.name} holds both the ${c.seats[0]} and the ${c.seats[1]} seats`,
        detail: c.why,
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
  const out = seatChecks(states);

  for (const r of await responsibilityRows(scope)) {
    const p = presentResponsibility(r, states);
    if (p.coverage === 'covered') continue;
    out.push({
      id: `charter.uncovered:${r.id}`,
      code: 'charter.uncovered',
      severity: r.seat === 'CISO' ? 'medium' : 'low',
      title: `Uncovered: ${r.title} (${r.seat})`,
      detail: p.coverage === 'uncovered' ? 'No seat covers this responsibility.' : `It is assigned to the ${r.covered_by} seat, which is vacant.`,
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
      title: d.status === 'open' ? `Decision overdue: ${d.title}` : `Decision due for revisiting: ${d.title}`,
      detail: d.status === 'open' ? `It was to be decided by ${d.decide_by}.` : `It was to be revisited on ${d.revisit_on}.`,
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
          title: `Accepted risk changed, re-approval needed: ${a.title}`,
          detail: a.reapproval_reason ?? 'The risk rose materially since it was accepted.',
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
        title: `Risk acceptance expired: ${a.title}`,
        detail: `It expired on ${a.expires_on} and its risk is open again: treat it, accept it anew, or close it.`,
        subject: { type: 'acceptance', id: a.id },
        path: `governance/acceptances/${a.id}`,
      });
    }
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
