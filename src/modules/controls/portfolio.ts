/** The firm's portfolio view of maturity: for each client the caller may see, the latest completed assessment and the one in progress. */
import type { Actor, AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { byClient, ClientSetDb } from '../../server/db/client-set.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import { tally } from './analysis.js';
import { maturityChoice } from './api.js';
import { versionNodes } from './common.js';
import type { PortfolioMaturityRow } from './schema.js';
import type { CtlAnswersTable, CtlAssessmentsTable } from './tables.js';
import { factsOf } from './views.js';

/**
 * The same figures as each client's maturitySummary, read for all the clients at once: their
 * assessments, then the answers and evidence of the assessments shown, the catalogues' titles
 * (and each catalogue version's outcomes, which the server keeps once read).
 */
export async function portfolioMaturity(app: AppContext, user: UsersTable, actor: Actor): Promise<PortfolioMaturityRow[]> {
  const clients = (await listClientsFor(app, user)).filter(({ client, role }) => new ClientScope(app, clientInfo(client), actor, role).can('controls.read')).map(({ client }) => client);
  const set = new ClientSetDb(app.database.db, clients.map((c) => c.id));
  const assessments = byClient(set.clientIds, await set.selectFrom('ctl_assessments').selectAll().execute());
  const choices = new Map(clients.map((c) => [c.id, maturityChoice(assessments.get(c.id) ?? [])]));
  const shown = [...choices.values()].flatMap((c) => (c ? [c.latest, c.inProgress] : [])).filter((r): r is CtlAssessmentsTable => r !== null);
  if (shown.length === 0) return [];
  const ids = shown.map((r) => r.id);
  const catalogueIds = [...new Set([...choices.values()].flatMap((c) => (c ? [c.catalogueId] : [])))];
  const [answers, evidence, catalogues, nodes] = await Promise.all([
    set.selectFrom('ctl_answers').selectAll().where('assessment_id', 'in', ids).orderBy('position').execute(),
    set.selectFrom('ctl_evidence').select(['assessment_id', 'answer_id']).where('assessment_id', 'in', ids).execute(),
    app.database.db.selectFrom('ctl_catalogues').select(['id', 'title']).where('id', 'in', catalogueIds).where('firm_id', '=', user.firm_id).execute(),
    Promise.all([...new Set(shown.map((r) => r.version_id))].map(async (v) => [v, await versionNodes(app, v)] as const)),
  ]);
  const answersOf = new Map<string, CtlAnswersTable[]>();
  for (const a of answers) answersOf.set(a.assessment_id, [...(answersOf.get(a.assessment_id) ?? []), a]);
  const evidenceOf = new Map<string, { answer_id: string }[]>();
  for (const e of evidence) evidenceOf.set(e.assessment_id, [...(evidenceOf.get(e.assessment_id) ?? []), e]);
  const nodesOf = new Map(nodes);
  const titleOf = new Map(catalogues.map((c) => [c.id, c.title]));
  const figures = (row: CtlAssessmentsTable) => tally(factsOf(answersOf.get(row.id) ?? [], evidenceOf.get(row.id) ?? [], nodesOf.get(row.version_id)!));
  const rows: PortfolioMaturityRow[] = [];
  for (const client of clients) {
    const m = choices.get(client.id);
    if (!m) continue;
    const l = m.latest ? { row: m.latest, t: figures(m.latest) } : null;
    const p = m.inProgress ? { row: m.inProgress, t: figures(m.inProgress) } : null;
    rows.push({
      clientId: client.id,
      catalogue: titleOf.get(m.catalogueId) ?? '(catalogue)',
      scale: m.scale,
      latest: l ? { id: l.row.id, title: l.row.title, completedAt: l.row.completed_at!, current: l.t.current, target: l.t.target } : null,
      inProgress: p ? { id: p.row.id, title: p.row.title, outcomes: p.t.outcomes, answered: p.t.answered, current: p.t.current } : null,
    });
  }
  return rows;
}
