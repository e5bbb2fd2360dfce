/**
 * Everything governance takes from the risk register, in one place.
 */
import type { Language } from '../../server/i18n/index.js';
import type { ClientScope, Writer } from '../../server/context.js';
import type { ErrorDetail } from '../../server/errors.js';
import { checkAgainstAppetite, getRiskSnapshots, setRiskStatus, type RiskStatus } from '../risks/api.js';

/**
 * Checks the links of decision options (risk scenarios and treatments of the register) name
 * records of this client; returns a problem per unknown link, with its input path.
 */
export async function validateRiskLinks(scope: ClientScope, linksPerOption: { kind: 'risk' | 'treatment'; id: string }[][]): Promise<ErrorDetail[]> {
  const riskIds = [...new Set(linksPerOption.flat().filter((l) => l.kind === 'risk').map((l) => l.id))];
  const treatmentIds = [...new Set(linksPerOption.flat().filter((l) => l.kind === 'treatment').map((l) => l.id))];
  const risks = new Set(
    riskIds.length ? (await scope.db.selectFrom('risk_scenarios').select('id').where('id', 'in', riskIds).execute()).map((r) => r.id) : [],
  );
  const treatments = new Set(
    treatmentIds.length ? (await scope.db.selectFrom('risk_treatments').select('id').where('id', 'in', treatmentIds).execute()).map((r) => r.id) : [],
  );
  return linksPerOption.flatMap((links, i) =>
    links.flatMap((l, j) =>
      (l.kind === 'risk' ? risks : treatments).has(l.id) ? [] : [{ path: `options.${i}.links.${j}.id`, message: `no such ${l.kind === 'risk' ? 'risk scenario' : 'treatment'} in this client` }],
    ),
  );
}

export type { RiskStatus };

/** A risk scenario as the register reports it: what an acceptance freezes. */
export interface RiskSnapshot {
  id: string;
  ref: string;
  title: string;
  /** A contributor's proposal not yet approved by an advisor. */
  proposed: boolean;
  status: RiskStatus;
  /** The register's whole snapshot (inputs, stored result, inputs hash…), kept as it stood. */
  raw: unknown;
  /** Mean annual loss (ALE) of the stored current result (with planned and in-place treatments), or null before the first simulation. */
  mean: number | null;
  p90: number | null;
}

export type AppetiteCheck = Pick<Awaited<ReturnType<typeof checkAgainstAppetite>>, 'appetiteDefined' | 'aboveAppetite' | 'settled' | 'explanation' | 'size'>;

/** The register's snapshots of these scenarios (those that exist), by id. */
export async function riskSnapshots(scope: ClientScope, riskIds: readonly string[]): Promise<Map<string, RiskSnapshot>> {
  const out = new Map<string, RiskSnapshot>();
  if (riskIds.length === 0) return out;
  for (const s of await getRiskSnapshots(scope, [...riskIds])) {
    out.set(s.id, { id: s.id, ref: s.ref, title: s.title, status: s.status, proposed: s.proposed, raw: s, mean: s.result?.current.mean ?? null, p90: s.result?.current.p90 ?? null });
  }
  return out;
}

/**
 * Whether the client's whole portfolio, with these scenarios accepted as they stand, is above its
 * risk appetite (and whether the simulated years settle it), with the scenarios' expected annual
 * loss together: what an acceptance's authority is weighed on. Its explanation is in English
 * unless told (what is stored with an acceptance stays in English).
 */
export async function appetiteOf(scope: ClientScope, riskIds: readonly string[], language: Language = 'en'): Promise<AppetiteCheck> {
  const c = await checkAgainstAppetite(scope, [...riskIds], language);
  return { appetiteDefined: c.appetiteDefined, aboveAppetite: c.aboveAppetite, settled: c.settled, explanation: c.explanation, size: c.size };
}

/** Sets a scenario's status in the caller's transaction (the register audits it). */
export async function setStatus(w: Writer, riskId: string, status: RiskStatus, reason: string): Promise<void> {
  await setRiskStatus(w, riskId, status, reason, w.now());
}

/** The client's risk scenarios in the register's order (ref), for the demo and pickers. */
export async function listRisks(scope: ClientScope): Promise<{ id: string; ref: string; title: string; status: RiskStatus }[]> {
  return scope.db.selectFrom('risk_scenarios').select(['id', 'ref', 'title', 'status']).where('proposed', '=', 0).orderBy('ref_number').execute();
}
