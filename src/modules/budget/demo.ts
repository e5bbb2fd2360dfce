/**
 * A demo IT budget per client: a fiscal year that started six months ago, planned by category
 * and seat (some lines paying for named contracts), the account map of the client's accounting,
 * and six months of actuals imported from an accounting export, so the forecast has actuals to
 * date, plan for the rest, renewals and replacements not in the plan, and a variance to explain.
 */
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import { systemActor } from '../../server/firm.js';
import type { DemoClient } from '../../server/module.js';
import { addDays } from '../../shared/dates.js';
import { clientInfo, getClientRow } from '../clients/clients.js';
import { updateClient } from '../clients/members.js';
import { allContracts } from '../estate/contracts.js';
import { mapAccount } from './actuals.js';
import { fiscalMonths, fiscalYearOf, monthOf } from './arithmetic.js';
import { importActuals } from './import.js';
import { createLine } from './plan.js';
import type { Category, Seat } from './vocab.js';

interface DemoLine {
  name: string;
  category: Category;
  seat?: Seat;
  annual: number;
  account: string;
  vendors: string[];
}

const SPECS: Record<DemoClient['key'], DemoLine[]> = {
  accounting: [
    { name: 'IT coordinator and managed service desk', category: 'people', annual: 96_000, account: '6100 IT staff and managed services', vendors: ['Northbridge Advisory', 'Payroll'] },
    { name: 'Network, firewall and backup', category: 'infrastructure', annual: 30_000, account: '6130 Network and hosting', vendors: ['Comcast Business', 'Datto'] },
    { name: 'Practice and productivity software', category: 'software_saas', annual: 64_000, account: '6120 Software subscriptions', vendors: ['Microsoft', 'NetDocuments', 'Intuit'] },
    { name: 'Endpoint detection and security monitoring', category: 'security', annual: 26_000, account: '6140 Security services', vendors: ['Huntress', 'KnowBe4'] },
    { name: 'Projects and consultants', category: 'services', annual: 24_000, account: '6150 IT consulting', vendors: ['Northbridge Advisory'] },
    { name: 'Laptop refresh', category: 'hardware_replacement', annual: 18_000, account: '1650 Computer equipment', vendors: ['CDW'] },
  ],
  manufacturer: [
    { name: 'IT team', category: 'people', annual: 620_000, account: '7100 IT salaries and benefits', vendors: ['Payroll'] },
    { name: 'Plant and office infrastructure', category: 'infrastructure', annual: 240_000, account: '7130 Infrastructure and telecom', vendors: ['AT&T', 'Dell Financial Services', 'Veeam'] },
    { name: 'ERP, MES, CAD and office software', category: 'software_saas', annual: 420_000, account: '7120 Software licences and subscriptions', vendors: ['Epicor', 'Tulip Interfaces', 'Siemens', 'Microsoft'] },
    { name: 'OT and IT security', category: 'security', annual: 140_000, account: '7140 Security services', vendors: ['Arctic Wolf', 'Dragos'] },
    { name: 'Integrators and consultants', category: 'services', annual: 110_000, account: '7150 IT professional services', vendors: ['Rockwell Automation', 'Northbridge Advisory'] },
    { name: 'Server and workstation replacement', category: 'hardware_replacement', annual: 90_000, account: '1750 IT equipment', vendors: ['CDW'] },
  ],
  saas: [
    { name: 'Internal IT and people operations tools', category: 'people', annual: 260_000, account: '6100 IT salaries', vendors: ['Payroll'] },
    { name: 'Product engineering contractors', category: 'product_engineering', annual: 480_000, account: '5200 Engineering contractors', vendors: ['Toptal', 'Andela'] },
    { name: 'Production hosting', category: 'infrastructure', seat: 'CTO', annual: 900_000, account: '5100 Cloud hosting', vendors: ['Amazon Web Services', 'Cloudflare'] },
    { name: 'SaaS for the business', category: 'software_saas', annual: 330_000, account: '6120 Software subscriptions', vendors: ['Salesforce', 'Zendesk', 'Google', 'GitHub'] },
    { name: 'Security programme', category: 'security', annual: 170_000, account: '6140 Security', vendors: ['Vanta', 'HackerOne', 'CrowdStrike'] },
    { name: 'Audits and advisors', category: 'services', annual: 70_000, account: '6150 Professional services', vendors: ['A-LIGN', 'Northbridge Advisory'] },
    { name: 'Laptops', category: 'hardware_replacement', annual: 36_000, account: '1650 Computer equipment', vendors: ['Apple'] },
  ],
};

/** Spending against plan, month by month (a deterministic wobble, software running a little hot). */
const FACTORS: Record<Category, number[]> = {
  people: [1, 1, 1.02, 1, 1, 1.03],
  infrastructure: [0.96, 1.04, 0.98, 1.01, 0.97, 1.06],
  software_saas: [1.03, 1.05, 1.02, 1.08, 1.04, 1.07],
  security: [0.9, 1.1, 0.95, 1, 1.12, 0.98],
  product_engineering: [1.05, 0.92, 1.1, 1.15, 0.97, 1.08],
  services: [0.6, 1.4, 0.8, 1.3, 0.5, 1.2],
  hardware_replacement: [0, 2.1, 0.4, 0, 1.8, 0.6],
};

export async function seedBudgetDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  const row = await getClientRow(ctx, client.id);
  const scope = new ClientScope(ctx, clientInfo(row), systemActor(row.firm_id, 'demo seed'), 'advisor');
  const today = toDateString(ctx.clock.now());
  // A fiscal year that started six months ago: six whole months of actuals so far.
  const startMonth = ((Number(today.slice(5, 7)) - 1 - 6 + 12) % 12) + 1;
  await updateClient(scope, { fiscalYearStartMonth: startMonth });
  const fy = fiscalYearOf(today, startMonth);
  const months = fiscalMonths(fy, startMonth);
  const spec = SPECS[client.key];

  for (const l of spec) await mapAccount(scope, { account: l.account, category: l.category, ...(l.seat ? { seat: l.seat } : {}) });

  // The plan: one line per purpose; the larger contracts renewing later in the year have lines
  // of their own, the ones renewing soonest were left out of the plan (the forecast finds them).
  const soon = addDays(today, 60);
  const yearEnd = addDays(`${months[11]}-28`, 3);
  const covered = (await allContracts(scope)).filter((x) => x.nextRenewal && x.nextRenewal > soon && x.nextRenewal <= yearEnd && x.annualCost > 0).slice(0, 3);
  const inContracts = covered.reduce((sum, c) => sum + c.annualCost, 0);
  for (const l of spec) {
    // The named contracts' lines are part of the software budget, not on top of it.
    const annual = l.category === 'software_saas' ? Math.max(0, l.annual - inContracts) : l.annual;
    await createLine(scope, { fiscalYear: fy, name: l.name, category: l.category, ...(l.seat ? { seat: l.seat } : {}), annual });
  }
  for (const c of covered) {
    await createLine(scope, { fiscalYear: fy, name: `${c.vendorName}: ${c.reference}`, category: 'software_saas', annual: c.annualCost, contractId: c.id, notes: 'Renewal, as contracted.' });
  }

  // Six months of actuals, as the accounting system exports them.
  const lines: string[][] = [['Date', 'Account', 'Vendor', 'Memo', 'Amount']];
  months.slice(0, 6).forEach((month, k) => {
    if (month >= monthOf(today)) return;
    for (const l of spec) {
      const total = (l.annual / 12) * FACTORS[l.category][k]!;
      if (total === 0) continue;
      const parts = l.vendors.length;
      l.vendors.forEach((vendor, v) => {
        const amount = Math.round((total / parts) * 100) / 100;
        const day = String(3 + ((v * 7 + k * 3) % 24)).padStart(2, '0');
        lines.push([`${month}-${day}`, l.account, vendor, `${l.name}, ${month}`, amount.toFixed(2)]);
      });
    }
  });
  const report = await importActuals(scope, [stringify(lines)], { fileName: 'demo-actuals.csv' });
  if (report.status !== 'imported') throw new Error(`demo actuals for ${client.name}: ${JSON.stringify(report.problems.slice(0, 5))}`);
}
