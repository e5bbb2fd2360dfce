import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { installChangeLedger, type ChangeLedger } from '../support/change-ledger.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { crossClientReferences } from '../support/fuzz.js';

/**
 * Every reference a request can make names a record (or a person) of the same client: for each
 * field that takes another record's id, another client's id is refused with 400 naming that
 * field, and nothing is stored. The fuzzed route tests check the same property at random; this
 * is the list, field by field. On SQLite and PostgreSQL.
 */
let t: TestApp;
let demo: DemoWorld;
let ledger: ChangeLedger;

type Table =
  | 'estate_systems'
  | 'estate_contracts'
  | 'estate_services'
  | 'estate_datasets'
  | 'estate_vendors'
  | 'budget_lines'
  | 'business_priorities'
  | 'business_units'
  | 'risk_scenarios'
  | 'risk_treatments'
  | 'roadmap_initiatives'
  | 'ctl_assessments';

const own: Partial<Record<Table, string>> = {};
const foreign: Partial<Record<Table, string>> = {};
const people = { executive: '', contributor: '' };
let outcome = '';
let node = '';

async function firstId(table: Table, clientId: string): Promise<string> {
  let q = t.ctx.database.db.selectFrom(table).select('id').where('client_id', '=', clientId);
  // An assessment still open to changes (a completed one is frozen).
  if (table === 'ctl_assessments') q = q.where((eb) => eb.ref('status'), '=', 'in_progress');
  const row = await q.orderBy('id').limit(1).executeTakeFirst();
  if (!row) throw new Error(`the demo has no ${table} for client ${clientId}`);
  return row.id;
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  const tables: Table[] = ['estate_systems', 'estate_contracts', 'estate_services', 'estate_datasets', 'estate_vendors', 'budget_lines', 'business_priorities', 'business_units', 'risk_scenarios', 'risk_treatments', 'roadmap_initiatives', 'ctl_assessments'];
  for (const table of tables) {
    own[table] = await firstId(table, demo.clients.accounting);
    // The demo assesses the accounting firm's controls alone; no case needs another's assessment.
    if (table !== 'ctl_assessments') foreign[table] = await firstId(table, demo.clients.manufacturer);
  }
  const userId = async (email: string): Promise<string> => (await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  // Members of the other client only.
  people.executive = await userId(DEMO.manufacturer.executive);
  people.contributor = await userId(DEMO.manufacturer.contributor);
  const answer = await t.ctx.database.db.selectFrom('ctl_answers').select(['control_id', 'top_id']).where('client_id', '=', demo.clients.accounting).where('assessment_id', '=', own.ctl_assessments!).orderBy('control_id').limit(1).executeTakeFirstOrThrow();
  outcome = answer.control_id;
  node = answer.top_id;
  ledger = await installChangeLedger(t.ctx.database);
}, 120_000);
afterAll(async () => {
  await t.close();
});

interface Case {
  what: string;
  method: 'POST' | 'PATCH' | 'PUT';
  path: () => string;
  body: () => Record<string, unknown>;
  field: RegExp;
}

const inFuture = (days: number): string => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

const cases: Case[] = [
  { what: 'a system\'s vendor', method: 'PATCH', path: () => `/estate/systems/${own.estate_systems}`, body: () => ({ vendorId: foreign.estate_vendors }), field: /vendorId$/ },
  { what: 'a contract\'s vendor', method: 'PATCH', path: () => `/estate/contracts/${own.estate_contracts}`, body: () => ({ vendorId: foreign.estate_vendors }), field: /vendorId$/ },
  { what: 'a service\'s systems', method: 'PATCH', path: () => `/estate/services/${own.estate_services}`, body: () => ({ systemIds: [foreign.estate_systems] }), field: /systemIds(\.0|\[0\])?$/ },
  { what: 'a data set\'s systems', method: 'PATCH', path: () => `/estate/datasets/${own.estate_datasets}`, body: () => ({ systemIds: [foreign.estate_systems] }), field: /systemIds(\.0|\[0\])?$/ },
  { what: 'a data set\'s vendors', method: 'PATCH', path: () => `/estate/datasets/${own.estate_datasets}`, body: () => ({ vendorIds: [foreign.estate_vendors] }), field: /vendorIds(\.0|\[0\])?$/ },
  {
    what: 'an access grant\'s system',
    method: 'POST',
    path: () => '/estate/grants',
    body: () => ({ targetType: 'system', targetId: foreign.estate_systems, grantee: 'Outside contractor', granteeType: 'person', level: 'read' }),
    field: /targetId$/,
  },
  { what: 'a vendor\'s subcontractor', method: 'POST', path: () => `/estate/vendors/${own.estate_vendors}/subcontractors`, body: () => ({ subVendorId: foreign.estate_vendors }), field: /subVendorId$/ },
  { what: 'a budget line\'s contract', method: 'PATCH', path: () => `/budget/lines/${own.budget_lines}`, body: () => ({ contractId: foreign.estate_contracts }), field: /contractId$/ },
  { what: 'a budget line\'s system', method: 'PATCH', path: () => `/budget/lines/${own.budget_lines}`, body: () => ({ systemId: foreign.estate_systems }), field: /systemId$/ },
  { what: 'a budget line\'s initiative', method: 'PATCH', path: () => `/budget/lines/${own.budget_lines}`, body: () => ({ initiativeId: foreign.roadmap_initiatives }), field: /initiativeId$/ },
  { what: 'a priority\'s owner', method: 'PATCH', path: () => `/business/priorities/${own.business_priorities}`, body: () => ({ ownerUserId: people.executive }), field: /ownerUserId$/ },
  { what: 'a priority\'s unit', method: 'PATCH', path: () => `/business/priorities/${own.business_priorities}`, body: () => ({ unitId: foreign.business_units }), field: /unitId$/ },
  { what: 'a service\'s business unit', method: 'PUT', path: () => `/business/services/${own.estate_services}`, body: () => ({ unitId: foreign.business_units, priorityIds: [] }), field: /unitId$/ },
  { what: 'a service\'s priorities', method: 'PUT', path: () => `/business/services/${own.estate_services}`, body: () => ({ unitId: null, priorityIds: [foreign.business_priorities] }), field: /priorityIds(\.0|\[0\])?$/ },
  { what: 'an initiative\'s priorities', method: 'PATCH', path: () => `/roadmap/initiatives/${own.roadmap_initiatives}`, body: () => ({ priorityIds: [foreign.business_priorities] }), field: /priorityIds(\.0|\[0\])?$/ },
  { what: 'an initiative\'s treatments', method: 'PATCH', path: () => `/roadmap/initiatives/${own.roadmap_initiatives}`, body: () => ({ treatmentIds: [foreign.risk_treatments] }), field: /treatmentIds(\.0|\[0\])?$/ },
  { what: 'an initiative from a system', method: 'POST', path: () => '/roadmap/initiatives/from-source', body: () => ({ type: 'system', systemId: foreign.estate_systems }), field: /systemId$/ },
  { what: 'an initiative from a contract', method: 'POST', path: () => '/roadmap/initiatives/from-source', body: () => ({ type: 'contract', contractId: foreign.estate_contracts }), field: /contractId$/ },
  { what: 'an initiative from treatments', method: 'POST', path: () => '/roadmap/initiatives/from-source', body: () => ({ type: 'treatments', treatmentIds: [foreign.risk_treatments] }), field: /treatmentIds(\.0|\[0\])?$/ },
  { what: 'the roadmap\'s order', method: 'PUT', path: () => '/roadmap/order', body: () => ({ initiativeIds: [foreign.roadmap_initiatives] }), field: /initiativeIds(\.0|\[0\])?$/ },
  { what: 'an outcome\'s risk scenarios', method: 'PUT', path: () => `/controls/assessments/${own.ctl_assessments}/outcomes/${outcome}/links`, body: () => ({ scenarioIds: [foreign.risk_scenarios] }), field: /scenarioIds(\.0|\[0\])?$/ },
  { what: 'an outcome\'s treatments', method: 'PUT', path: () => `/controls/assessments/${own.ctl_assessments}/outcomes/${outcome}/links`, body: () => ({ treatmentIds: [foreign.risk_treatments] }), field: /treatmentIds(\.0|\[0\])?$/ },
  { what: 'a request to a contributor', method: 'POST', path: () => `/controls/assessments/${own.ctl_assessments}/requests`, body: () => ({ nodeId: node, assigneeUserId: people.contributor }), field: /assigneeUserId$/ },
  { what: 'a seat\'s holder', method: 'PUT', path: () => '/governance/seats/CIO', body: () => ({ holderUserId: people.executive, reportsTo: 'CEO' }), field: /holderUserId$/ },
  { what: 'a risk acceptance\'s scenarios', method: 'POST', path: () => '/governance/acceptances', body: () => ({ riskIds: [foreign.risk_scenarios], justification: 'Accepted for the quarter.', expiresOn: inFuture(60) }), field: /riskIds(\.0|\[0\])?$/ },
  { what: 'a risk\'s link to a vendor', method: 'PATCH', path: () => `/risks/${own.risk_scenarios}`, body: () => ({ links: [{ kind: 'vendor', targetId: foreign.estate_vendors, label: 'Their vendor' }] }), field: /links\.0\.targetId$/ },
  {
    what: 'a concern about a system',
    method: 'POST',
    path: () => '/governance/concerns',
    body: () => ({ subjectType: 'system', subjectId: foreign.estate_systems, subjectTitle: 'Their system', seat: 'CTO', summary: 'About a system of another client' }),
    field: /subjectId$/,
  },
];

describe('another client\'s id in a reference', () => {
  it.each(cases)('is refused with the field named: $what', async (c) => {
    const advisor = await demo.as(DEMO.advisor);
    const before = await ledger.mark();
    const res = await advisor.request<{ error?: { code: string; details: { path: string; message: string }[] } }>(c.method, `/api/clients/${demo.clients.accounting}${c.path()}`, c.body());
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error?.details.map((d) => d.path), JSON.stringify(res.body)).toEqual(expect.arrayContaining([expect.stringMatching(c.field) as unknown]));
    expect(await ledger.changedSince(before)).toEqual({});
  });

  it('left no record of one client naming another\'s', async () => {
    expect(await crossClientReferences(t.ctx.database)).toEqual([]);
  });
});
