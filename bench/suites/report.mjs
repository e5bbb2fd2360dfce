// The board pack of a large client: 1,000 risk scenarios, 500 vendors (100 of them fourth
// parties) with 400 contracts, 10,000 systems, 30 services and 20 data sets, on SQLite. Seeds a
// fresh database through the same import paths people use (estate CSV import, risk model file),
// computes the register, then times `triad report board` as a whole process (PDF and HTML), and
// the same work in process, step by step.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { machine, measure, median, printTable, repoRoot } from '../lib.mjs';

export const description = 'the quarterly board pack of a client with 1,000 risks, 500 vendors and 10,000 systems (goal < 3 s)';

const dist = (p) => import(pathToFileURL(join(repoRoot, 'dist/src', p)).href);

const RISKS = 1000;
const VENDORS = 500;
const FOURTH = 100;
const CONTRACTS = 400;
const SYSTEMS = 10_000;
const SERVICES = 30;
const DATASETS = 20;

function csv(rows) {
  const cell = (v) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const day = (base, offset) => new Date(Date.parse(`${base}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

function estateFiles(today) {
  const vendor = (i) => `Vendor ${pad(i, 3)}`;
  const vendors = [['Name', 'Relationship', 'Supplies', 'Offering', 'Subcontractor Of']];
  for (let i = 0; i < VENDORS; i++) {
    const fourth = i >= VENDORS - FOURTH;
    vendors.push([vendor(i), fourth ? 'fourth party' : 'direct', i % 3 === 0 ? 'product' : 'infrastructure', `Service line ${i % 17}`, fourth ? [vendor(i % 50), vendor((i * 7) % 200)].join('; ') : '']);
  }
  const contracts = [['Vendor', 'Reference', 'Annual Cost', 'Start Date', 'Renewal Date', 'Term (months)', 'Notice (days)', 'Auto Renew']];
  for (let i = 0; i < CONTRACTS; i++) contracts.push([vendor(i), `Contract ${i}`, 1_000 + ((i * 7919) % 90_000), day(today, -400 - (i % 300)), day(today, (i * 3) % 540), 12, [30, 60, 90][i % 3], i % 2 === 0 ? 'yes' : 'no']);
  const systems = [['Asset Tag', 'Name', 'Type', 'Scope', 'Status', 'Vendor', 'Purchase Date', 'Warranty End', 'End of Life', 'Replacement Cost']];
  for (let i = 0; i < SYSTEMS; i++) {
    systems.push([`A-${pad(i, 6)}`, `System ${pad(i, 5)}`, ['hardware', 'software', 'saas', 'cloud'][i % 4], i % 5 === 0 ? 'product' : 'internal', i % 40 === 0 ? 'retired' : 'active', vendor(i % (VENDORS - FOURTH)), day(today, -1500 + (i % 1400)), day(today, -200 + (i % 900)), day(today, -120 + ((i * 37) % 1300)), 300 + ((i * 131) % 9_000)]);
  }
  const services = [['Name', 'Business Unit', 'Downtime Cost per Hour', 'RTO (hours)', 'RPO (hours)', 'Criticality', 'Systems']];
  for (let i = 0; i < SERVICES; i++) services.push([`Service ${i}`, `Unit ${i % 5}`, 500 + i * 250, 4 + (i % 24), 1 + (i % 8), ['critical', 'high', 'medium', 'low'][i % 4], Array.from({ length: 6 }, (_, k) => `A-${pad((i * 97 + k * 13) % SYSTEMS, 6)}`).join('; ')]);
  const datasets = [['Name', 'Classification', 'Categories', 'Records', 'Systems', 'Vendors']];
  for (let i = 0; i < DATASETS; i++) datasets.push([`Data set ${i}`, ['restricted', 'confidential', 'internal'][i % 3], ['personal', 'payment', 'health', 'intellectual property'][i % 4], 1_000 * (i + 1), `A-${pad(i * 11, 6)}`, [vendor(i), vendor(VENDORS - FOURTH + i)].join('; ')]);
  return { vendors: csv(vendors), contracts: csv(contracts), systems: csv(systems), services: csv(services), datasets: csv(datasets) };
}

function riskModel(currency) {
  const risks = [];
  for (let i = 0; i < RISKS; i++) {
    const low = 5_000 + ((i * 7919) % 200_000);
    risks.push({
      id: `B${i + 1}`,
      name: `Scenario ${i + 1}: ${['ransomware', 'data breach', 'cloud outage', 'vendor breach', 'e-mail fraud', 'insider misuse'][i % 6]} ${Math.floor(i / 6) + 1}`,
      lossEventFrequency: { type: 'pert', min: 0.01, mode: 0.05 + (i % 10) / 100, max: 0.5 },
      primaryLoss: { type: 'lognormal', low, high: low * (5 + (i % 20)) },
      ...(i % 3 === 0 ? { treatments: [{ id: `T${i + 1}`, name: `Control ${i + 1}`, annualCost: 1_000 + (i % 50) * 100, effect: { primaryLoss: { type: 'uniform', min: 0.4, max: 0.8 } } }] } : {}),
    });
  }
  return { currency, years: 10_000, seed: 7, appetite: [{ loss: 5_000_000, probability: 0.5 }, { loss: 20_000_000, probability: 0.05 }], risks };
}

async function seed(dataDir) {
  process.env.TRIAD_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const { loadConfig } = await dist('server/config.js');
  const { createAppContext, closeAppContext } = await dist('server/bootstrap.js');
  const { seedDemo } = await dist('server/demo.js');
  const { ClientScope } = await dist('server/context.js');
  const { clientInfo, createClient } = await dist('modules/clients/clients.js');
  const { actorOf } = await dist('modules/accounts/users.js');
  const { importCsv } = await dist('modules/estate/csv/import.js');
  const { importModel } = await dist('modules/risks/transfer.js');
  const { recomputeClient } = await dist('modules/risks/recompute.js');
  const pino = (await import('pino')).default;
  const ctx = await createAppContext(loadConfig({}, { dataDir, logLevel: 'silent', jobs: false }), { logger: pino({ level: 'silent' }) });
  try {
    await seedDemo(ctx);
    const admin = await ctx.database.db.selectFrom('users').selectAll().where('firm_role', '=', 'admin').executeTakeFirstOrThrow();
    const actor = actorOf(admin);
    const client = await createClient(ctx, actor, { name: 'Bench Logistics Group', sector: 'Logistics', employees: 2_500, annualRevenue: 400_000_000, currency: 'USD' });
    const scope = new ClientScope(ctx, clientInfo(client), actor, 'advisor');
    const today = new Date().toISOString().slice(0, 10);
    const files = estateFiles(today);
    for (const kind of ['vendors', 'contracts', 'systems', 'services', 'datasets']) {
      const report = await importCsv(scope, [files[kind]], { kind, fileName: `${kind}.csv` });
      if (report.status !== 'imported') throw new Error(`${kind} import: ${report.status} ${JSON.stringify(report.problems?.slice(0, 3))}`);
    }
    const imported = await importModel(scope, riskModel('USD'), false, 'bench.json');
    if (imported.created.length !== RISKS) throw new Error(`risk import created ${imported.created.length} scenarios`);
    const t0 = performance.now();
    await recomputeClient(ctx, client.id);
    const recomputeMs = performance.now() - t0;
    const counts = {
      risks: (await scope.db.selectFrom('risk_scenarios').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
      vendors: (await scope.db.selectFrom('estate_vendors').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
      systems: (await scope.db.selectFrom('estate_systems').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    };
    return { clientId: client.id, recomputeMs, counts };
  } finally {
    await closeAppContext(ctx);
  }
}

/** The same work as the CLI, in this process: read and build, PDF, HTML. */
async function inProcess(dataDir, clientId, rounds) {
  const { loadConfig } = await dist('server/config.js');
  const { createAppContext, closeAppContext } = await dist('server/bootstrap.js');
  const { ClientScope } = await dist('server/context.js');
  const { clientInfo } = await dist('modules/clients/clients.js');
  const { systemActor } = await dist('server/firm.js');
  const { makeBoardPack } = await dist('modules/reports/packs.js');
  const { renderBoardPackPdf } = await dist('modules/reports/render/board-pdf.js');
  const { renderBoardPackHtml } = await dist('modules/reports/render/board-html.js');
  const pino = (await import('pino')).default;
  const ctx = await createAppContext(loadConfig({}, { dataDir, logLevel: 'silent', jobs: false }), { logger: pino({ level: 'silent' }) });
  const rows = [];
  try {
    const client = await ctx.database.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirstOrThrow();
    const scope = new ClientScope(ctx, clientInfo(client), systemActor(client.firm_id, 'bench'), 'advisor');
    for (let r = 0; r <= rounds; r++) {
      const t0 = performance.now();
      const content = await makeBoardPack(scope, '2026Q4');
      const t1 = performance.now();
      const pdf = await renderBoardPackPdf(content);
      const t2 = performance.now();
      const html = await renderBoardPackHtml(content);
      const t3 = performance.now();
      rows.push({ cold: r === 0, build: t1 - t0, pdf: t2 - t1, html: t3 - t2, pdfBytes: pdf.length, htmlBytes: html.length, risks: content.snapshot.risks.length });
    }
  } finally {
    await closeAppContext(ctx);
  }
  return rows;
}

export async function run({ rounds = 5 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'triad-bench-report-'));
  try {
    console.log(`${machine()}\nseeding ${RISKS.toLocaleString('en-US')} risks, ${VENDORS} vendors (${FOURTH} fourth parties), ${CONTRACTS} contracts, ${SYSTEMS.toLocaleString('en-US')} systems…`);
    const { clientId, recomputeMs, counts } = await seed(dataDir);
    console.log(`seeded: ${JSON.stringify(counts)}; register computed in ${(recomputeMs / 1000).toFixed(1)} s (not part of the pack time)\n`);

    const out = join(dataDir, 'pack');
    // The CLI processes inherit this environment: the seeded database, no PostgreSQL.
    process.env.TRIAD_DATA_DIR = dataDir;
    process.env.TRIAD_LOG_LEVEL = 'silent';
    delete process.env.DATABASE_URL;
    const cli = (format) => [process.execPath, [join(repoRoot, 'bin/triad.js'), 'report', 'board', '--client', clientId, '--quarter', '2026Q4', '--out', `${out}.${format}`, '--format', format]];
    const formats = ['pdf', 'html'];
    const times = { pdf: [], html: [] };
    const rss = { pdf: [], html: [] };
    for (let round = 0; round <= rounds; round++) {
      for (const f of round % 2 ? [...formats].reverse() : formats) {
        const [command, args] = cli(f);
        const r = await measure(command, args);
        if (round === 0) continue;
        times[f].push(r.ms);
        rss[f].push(r.rssKb);
      }
    }
    console.log(`triad report board as a whole process (Node start, database, build, render, write), ${rounds} rounds after one warm-up:\n`);
    printTable([
      ['', 'median s', 'min s', 'max s', 'peak MB', 'file KB'],
      ...formats.map((f) => [
        `triad report board --format ${f}`,
        (median(times[f]) / 1000).toFixed(2),
        (Math.min(...times[f]) / 1000).toFixed(2),
        (Math.max(...times[f]) / 1000).toFixed(2),
        Number.isNaN(rss[f][0]) ? 'n/a' : (Math.max(...rss[f]) / 1024).toFixed(0),
        (statSync(`${out}.${f}`).size / 1024).toFixed(0),
      ]),
    ]);

    const steps = await inProcess(dataDir, clientId, rounds);
    const warm = steps.filter((s) => !s.cold);
    const cold = steps.find((s) => s.cold);
    console.log(`\nin process (the server's job does this work), ${rounds} warm rounds; the first (cold) round loads ECharts and the PDF fonts:\n`);
    printTable([
      ['step', 'cold ms', 'warm median ms'],
      ['read the modules and build the content', cold.build.toFixed(0), median(warm.map((s) => s.build)).toFixed(0)],
      ['render the PDF', cold.pdf.toFixed(0), median(warm.map((s) => s.pdf)).toFixed(0)],
      ['render the HTML', cold.html.toFixed(0), median(warm.map((s) => s.html)).toFixed(0)],
      ['total', (cold.build + cold.pdf + cold.html).toFixed(0), median(warm.map((s) => s.build + s.pdf + s.html)).toFixed(0)],
    ]);
    const worst = Math.max(median(times.pdf), median(times.html)) / 1000;
    console.log(`\nboard pack of ${warm[0].risks.toLocaleString('en-US')} risks: ${worst.toFixed(2)} s as a whole process (goal < 3 s) — ${worst < 3 ? 'met' : 'NOT met'}`);
  } finally {
    // TRIAD_BENCH_KEEP=1 keeps the database and the files to look at.
    if (process.env.TRIAD_BENCH_KEEP === '1') console.log(`\nkept ${dataDir} (pack.pdf, pack.html)`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}
