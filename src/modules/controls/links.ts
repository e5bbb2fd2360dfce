/**
 * Links from an outcome to the risk register: the scenarios its gap leaves exposed, and the
 * treatments that implement it. Only records of the same client can be named; each link keeps
 * its label, so a completed assessment still says what it was linked to if the record goes.
 */
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { invalid, type ErrorDetail } from '../../server/errors.js';
import { loadAnswer, loadAssessment, requireInProgress } from './common.js';
import { riskIndex, type RiskIndex } from './risk.js';
import type { LinksInput, RiskLinkOut, RiskTargetsOut } from './schema.js';
import type { CtlRiskLinksTable } from './tables.js';

export function presentLink(l: Pick<CtlRiskLinksTable, 'kind' | 'target_id' | 'label'>, index: RiskIndex): RiskLinkOut {
  if (l.kind === 'scenario') {
    const s = index.scenarios.get(l.target_id);
    return { kind: 'scenario', id: l.target_id, label: l.label, exists: !!s, scenarioId: s ? s.id : null, mean: s?.mean ?? null };
  }
  const t = index.treatments.get(l.target_id);
  const s = t ? index.scenarios.get(t.scenarioId) : undefined;
  return { kind: 'treatment', id: l.target_id, label: l.label, exists: !!t, scenarioId: t?.scenarioId ?? null, mean: s?.mean ?? null };
}

/** Replaces an outcome's links (advisors). Every id must name a scenario or treatment of this client. */
export async function setLinks(scope: ClientScope, assessmentId: string, controlId: string, input: LinksInput): Promise<RiskLinkOut[]> {
  scope.require('controls.manage');
  const row = await loadAssessment(scope.db, assessmentId);
  const answer = await loadAnswer(scope.db, assessmentId, controlId);
  requireInProgress(row);
  const index = await riskIndex(scope);
  const problems: ErrorDetail[] = [];
  const wanted: { kind: 'scenario' | 'treatment'; id: string; label: string }[] = [];
  [...new Set(input.scenarioIds)].forEach((id) => {
    const s = index.scenarios.get(id);
    if (!s) problems.push({ path: `body.scenarioIds[${input.scenarioIds.indexOf(id)}]`, message: `no risk scenario of ${scope.client.name} has the id "${id}"` });
    else wanted.push({ kind: 'scenario', id, label: `${s.ref} ${s.title}` });
  });
  [...new Set(input.treatmentIds)].forEach((id) => {
    const t = index.treatments.get(id);
    if (!t) problems.push({ path: `body.treatmentIds[${input.treatmentIds.indexOf(id)}]`, message: `no treatment of ${scope.client.name} has the id "${id}"` });
    else wanted.push({ kind: 'treatment', id, label: `${t.ref} ${t.name}` });
  });
  if (problems.length > 0) throw invalid(`The links name records that are not in this client's risk register: ${problems[0]!.path}.`, problems);
  const before = await scope.db.selectFrom('ctl_risk_links').selectAll().where('answer_id', '=', answer.id).orderBy('created_at').execute();
  const key = (l: { kind: string; id?: string; target_id?: string }): string => `${l.kind}:${l.id ?? l.target_id}`;
  const same = before.length === wanted.length && before.every((b) => wanted.some((x) => key(x) === key(b)));
  if (!same) {
    await scope.write(async (w) => {
      const now = toTimestamp(w.now());
      const kept = new Set(wanted.map(key));
      const gone = before.filter((b) => !kept.has(key(b)));
      const had = new Set(before.map(key));
      for (const g of gone) await w.db.deleteFrom('ctl_risk_links').where('id', '=', g.id).execute();
      const added = wanted.filter((x) => !had.has(key(x)));
      if (added.length > 0) await w.db.insertInto('ctl_risk_links', added.map((x) => ({ id: newId(), answer_id: answer.id, kind: x.kind, target_id: x.id, label: x.label, created_at: now }))).execute();
      await w.audit({
        action: 'assessment.links',
        entityType: 'assessment',
        entityId: assessmentId,
        before: { controlId, links: before.map((b) => ({ kind: b.kind, id: b.target_id, label: b.label })) },
        after: { controlId, links: wanted },
      });
    });
  }
  const now = await scope.db.selectFrom('ctl_risk_links').selectAll().where('answer_id', '=', answer.id).orderBy('created_at').execute();
  return now.map((l) => presentLink(l, index));
}

/** The scenarios (with their treatments) an outcome can be linked to. */
export async function riskTargets(scope: ClientScope): Promise<RiskTargetsOut> {
  scope.require('controls.read');
  const index = await riskIndex(scope);
  const treatments = [...index.treatments.values()];
  return {
    currency: index.currency,
    scenarios: [...index.scenarios.values()].map((s) => ({
      id: s.id,
      ref: s.ref,
      title: s.title,
      status: s.status,
      mean: s.mean,
      treatments: treatments.filter((t) => t.scenarioId === s.id).map((t) => ({ id: t.id, ref: t.ref, name: t.name, status: t.status })),
    })),
  };
}
