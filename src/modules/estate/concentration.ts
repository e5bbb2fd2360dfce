import type { AppContext, ClientScope } from '../../server/context.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { forbidden } from '../../server/errors.js';
import { listClientsFor } from '../clients/clients.js';
import { chunk } from './common.js';
import { loadGraph, reachOf, tierOf, type Reach } from './graph.js';
import { companyKey } from './vocab.js';
import type { ConcentrationEntry, FirmConcentrationOut } from './vendors-schema.js';

/**
 * For one client: the vendors and fourth parties that the most business services and data sets
 * depend on, most depended-on first. A fourth party that several vendors use shows up once, with
 * everything that reaches it through any of them.
 */
export async function clientConcentration(scope: ClientScope, options: { fourthPartiesOnly?: boolean; limit?: number } = {}): Promise<ConcentrationEntry[]> {
  const g = await loadGraph(scope.db);
  const memo = new Map<string, Reach>();
  const out: ConcentrationEntry[] = [];
  for (const v of g.vendors.values()) {
    const parents = g.parents.get(v.id) ?? [];
    if (options.fourthPartiesOnly && parents.length === 0) continue;
    const reach = reachOf(g, v.id, memo);
    const services = [...reach.services.keys()].map((id) => g.services.get(id)).filter((s) => s !== undefined);
    const datasets = [...reach.datasets.keys()].map((id) => g.datasets.get(id)).filter((d) => d !== undefined);
    out.push({
      vendorId: v.id,
      name: v.name,
      direct: v.direct === 1,
      fourthParty: parents.length > 0,
      tier: tierOf(g, v.id, reach).tier,
      services: services.length,
      criticalServices: services.filter((s) => s.criticality === 'critical').length,
      datasets: datasets.length,
      restrictedDatasets: datasets.filter((d) => d.classification === 'restricted').length,
      records: datasets.reduce((n, d) => n + d.records, 0),
      worksFor: parents.map((p) => g.vendors.get(p.vendorId)?.name ?? '').sort(),
    });
  }
  out.sort((a, b) => b.services + b.datasets - (a.services + a.datasets) || b.criticalServices - a.criticalServices || a.tier - b.tier || a.name.localeCompare(b.name));
  return options.limit ? out.slice(0, options.limit) : out;
}

/**
 * Across the firm: the vendors and fourth parties shared by the most clients (companies are
 * matched by name, without legal suffixes and punctuation). For advisors and firm admins only.
 * Only vendors that a client the user may see depends on are listed, under the name those
 * clients use; every client counts, but a client is named only to a user who may see it, the
 * others are counted beside as "other clients".
 */
export async function firmConcentration(app: AppContext, user: UsersTable, options: { minClients?: number; limit?: number } = {}): Promise<FirmConcentrationOut> {
  if (user.firm_role !== 'admin' && user.firm_role !== 'advisor') throw forbidden('The firm-wide view is for advisors and firm admins.');
  const minClients = options.minClients ?? 2;
  const limit = options.limit ?? 50;
  const db = app.database.db;
  const clients = await db.selectFrom('clients').select(['id', 'name']).where('firm_id', '=', user.firm_id).where('archived_at', 'is', null).execute();
  const visible = new Set((await listClientsFor(app, user)).map((c) => c.client.id));
  const clientName = new Map(clients.map((c) => [c.id, c.name]));
  type Acc = { names: Map<string, number>; clients: Map<string, { direct: boolean; fourthParty: boolean }> };
  const byCompany = new Map<string, Acc>();
  // A firm-wide read across clients, by design: the result names only clients the user may see.
  for (const part of chunk(clients.map((c) => c.id), 200)) {
    const [vendors, subs] = await Promise.all([
      db.selectFrom('estate_vendors').select(['client_id', 'id', 'name', 'direct']).where('client_id', 'in', part).execute(),
      db.selectFrom('estate_vendor_links').select(['client_id', 'sub_vendor_id']).where('client_id', 'in', part).distinct().execute(),
    ]);
    const isSub = new Set(subs.map((s) => `${s.client_id}/${s.sub_vendor_id}`));
    for (const v of vendors) {
      const key = companyKey(v.name);
      if (!key) continue;
      let acc = byCompany.get(key);
      if (!acc) byCompany.set(key, (acc = { names: new Map(), clients: new Map() }));
      // Named as the clients the user may see spell it.
      if (visible.has(v.client_id)) acc.names.set(v.name, (acc.names.get(v.name) ?? 0) + 1);
      const c = acc.clients.get(v.client_id) ?? { direct: false, fourthParty: false };
      c.direct ||= v.direct === 1;
      c.fourthParty ||= isSub.has(`${v.client_id}/${v.id}`);
      acc.clients.set(v.client_id, c);
    }
  }
  const entries = [...byCompany.values()]
    // A vendor that only clients the user may not see depend on is not theirs to know of.
    .filter((acc) => acc.clients.size >= minClients && acc.names.size > 0)
    .map((acc) => {
      const name = [...acc.names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
      const all = [...acc.clients];
      const shown = all.filter(([id]) => visible.has(id));
      return {
        name,
        clients: all.length,
        asVendor: all.filter(([, c]) => c.direct).length,
        asFourthParty: all.filter(([, c]) => c.fourthParty).length,
        visibleClients: shown.map(([id, c]) => ({ id, name: clientName.get(id) ?? '', direct: c.direct, fourthParty: c.fourthParty })).sort((a, b) => a.name.localeCompare(b.name)),
        otherClients: all.length - shown.length,
      };
    })
    .sort((a, b) => b.clients - a.clients || b.asFourthParty - a.asFourthParty || a.name.localeCompare(b.name))
    .slice(0, limit);
  return { clientsInFirm: clients.length, entries };
}
