import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, openClient, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

async function openModule(page: Page, client: string, label: string, heading: string): Promise<void> {
  await openClient(page, client);
  await page.getByRole('navigation', { name: `${client} pages` }).getByRole('link', { name: label }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

function assetCsv(prefix: string, rows: number, badLine?: number): string {
  const lines = ['Asset Tag,Name,Serial,Model,Manufacturer,Category,Supplier,Location,Purchase Date,Purchase Cost,Warranty (months),EOL Date,Status'];
  for (let i = 0; i < rows; i++) {
    const cost = badLine === i + 2 ? 'about a grand' : String(900 + i);
    lines.push(`${prefix}-${i},Laptop ${prefix} ${i},SN${i},Latitude 5440,Dell,Laptop,CDW,Portland office,2024-03-0${(i % 9) + 1},${cost},36,2028-03-01,Deployed`);
  }
  return lines.join('\n') + '\n';
}

describe('estate: CSV import', () => {
  it('checks an asset CSV with a dry run, refuses a bad one, then imports the good one', async () => {
    const tag = unique('BRW');
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openModule(page, DEMO.clients.accounting, 'Estate: services & systems', 'Estate');
    await page.getByRole('tab', { name: 'Import & export' }).click();
    const form = page.getByRole('region', { name: 'Import a file' });
    await form.waitFor();
    const fileInput = form.locator('input[type="file"]');

    // A file with a bad row: the dry run names the line and column, and there is nothing to import.
    await fileInput.setInputFiles({ name: 'bad-assets.csv', mimeType: 'text/csv', buffer: Buffer.from(assetCsv(tag, 5, 3)) });
    await form.getByRole('button', { name: 'Check the file (dry run)' }).click();
    const report = form.getByRole('region', { name: 'Import report' });
    await waitForText(report, 'Rows refused');
    const problem = await waitForText(report.getByRole('table', { name: 'Problems' }).getByRole('row'), 'about a grand');
    expect(await problem.textContent()).toMatch(/3.*Purchase Cost/);
    expect(await form.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);

    // The good file: the dry run says what would be created, then the import writes it.
    await fileInput.setInputFiles({ name: 'assets.csv', mimeType: 'text/csv', buffer: Buffer.from(assetCsv(tag, 25)) });
    await form.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await waitForText(report, 'The file is good');
    await waitForText(report, '25 rows would import: 25 to create');
    await waitForText(report.getByRole('table', { name: 'Rows' }).getByRole('row'), `${tag}-0`);
    // How the file was read, before anything is written.
    await waitForText(form.getByRole('region', { name: 'How the file was read' }), 'CSV in UTF-8 (detected), separated by commas');
    await form.getByRole('button', { name: 'Import' }).click();
    await waitForText(report, 'Imported 25 rows: 25 created');

    await page.getByRole('tab', { name: 'Systems & assets' }).click();
    await page.getByLabel('Search', { exact: true }).fill(`${tag}-1`);
    await waitForText(page.getByRole('table', { name: 'Systems and assets' }).getByRole('row'), `Laptop ${tag} 1`);

    // The table's export: CSV for Excel, with its byte-order mark, of what the table lists.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export Systems and assets' }).getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^systems-and-assets-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`Laptop ${tag} 1`);
  });
});

describe('estate: systems, a page at a time', () => {
  it('lists names in natural order, loads the next page by its cursor, and sorts by a column through the API', async () => {
    const tom = await apiAs(DEMO.accounting.contributor);
    const clientId = await tom.clientId(DEMO.clients.accounting);
    const tag = unique('Pager');
    // More than a page (50) of systems whose names sort wrongly as text; asset tags in the opposite order.
    for (let n = 1; n <= 55; n++) await tom.post(`/api/clients/${clientId}/estate/systems`, { name: `${tag} laptop ${n}`, assetTag: `${tag}-T${String(100 - n).padStart(3, '0')}` });

    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openModule(page, DEMO.clients.accounting, 'Estate: services & systems', 'Estate');
    await page.getByRole('tab', { name: 'Systems & assets' }).click();
    await page.getByLabel('Search', { exact: true }).fill(tag);
    const table = page.getByRole('table', { name: 'Systems and assets' });
    const names = async () => (await table.locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim());
    await waitForText(table.getByRole('row'), `${tag} laptop 2`);
    await page.getByText('Showing 50 of 55 systems').waitFor();
    expect((await names()).slice(0, 3)).toEqual([`${tag} laptop 1`, `${tag} laptop 2`, `${tag} laptop 3`]);
    expect((await names())[9]).toBe(`${tag} laptop 10`);

    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(async () => (await names()).length).toBe(55);
    expect((await names()).at(-1)).toBe(`${tag} laptop 55`);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // By asset tag: the API's order, from the first page again.
    await table.locator('thead th', { hasText: 'Asset tag' }).click();
    await expect.poll(async () => (await names())[0]).toBe(`${tag} laptop 55`);
    expect(await names()).toHaveLength(50);
    // And the other way round.
    await table.locator('thead th', { hasText: 'Asset tag' }).click();
    await expect.poll(async () => (await names())[0]).toBe(`${tag} laptop 1`);
  });
});

describe('data map: where restricted data lives', () => {
  it('shows the systems and vendors, fourth parties included, that hold restricted data', async () => {
    const tom = await apiAs(DEMO.accounting.contributor);
    const clientId = await tom.clientId(DEMO.clients.accounting);
    const base = `/api/clients/${clientId}/estate`;
    const vendorName = unique('Ledgerly Cloud');
    const subName = unique('Backup Vault Co');
    const systemName = unique('Audit workpapers vault');
    const vendor = await tom.post<{ id: string }>(`${base}/vendors`, { name: vendorName, supplies: 'infrastructure' });
    await tom.post(`${base}/vendors/${vendor.id}/subcontractors`, { name: subName, service: 'Off-site backups', handlesData: true });
    const system = await tom.post<{ id: string }>(`${base}/systems`, { name: systemName, type: 'saas', vendorId: vendor.id });
    await tom.post(`${base}/datasets`, { name: unique('Audit workpapers'), classification: 'restricted', categories: ['personal', 'payment'], records: 900, systemIds: [system.id] });

    // An executive, who only reads, finds them.
    const page = await browser.newPage();
    await signIn(page, DEMO.accounting.executive);
    await openModule(page, DEMO.clients.accounting, 'Data map & access', 'Data map & access');
    await page.getByRole('tab', { name: 'Where critical data lives' }).click();
    await waitForText(page.getByRole('region', { name: 'Systems holding it' }), systemName);
    const vendors = page.getByRole('region', { name: 'Vendors holding it' });
    await waitForText(vendors, vendorName);
    const sub = await waitForText(vendors.locator('div').filter({ has: page.getByRole('link', { name: subName }) }), 'fourth party');
    expect(await sub.textContent()).toContain(`for ${vendorName}`);
    // The demo's own restricted data shows too: the tax software and its vendor.
    await waitForText(page.getByRole('region', { name: 'Systems holding it' }), 'UltraTax CS');
    await waitForText(vendors, 'Thomson Reuters');
  });
});

describe('access review', () => {
  it('the owner certifies their grants, an advisor decides the rest, and the review completes', async () => {
    // Lumen's demo review is half done: Marcus and Olivia still have grants to decide.
    const marcus = await browser.newPage();
    await signIn(marcus, DEMO.saas.contributor);
    await openModule(marcus, DEMO.clients.saas, 'Data map & access', 'Data map & access');
    await marcus.getByRole('tab', { name: 'Access reviews' }).click();
    await marcus.getByRole('link', { name: 'Quarterly access review' }).click();
    await marcus.getByRole('heading', { name: 'Quarterly access review', level: 1 }).waitFor();
    await marcus.getByLabel('Only the grants I am to decide').check();
    const mine = marcus.getByRole('table', { name: 'Grants to review' });
    await mine.getByRole('button', { name: /^Certify / }).first().waitFor();
    const count = await mine.getByRole('button', { name: /^Certify / }).count();
    expect(count).toBeGreaterThan(0);
    for (let i = count; i > 0; i--) {
      await mine.getByRole('button', { name: /^Certify / }).first().click();
      await expect.poll(() => mine.getByRole('button', { name: /^Certify / }).count()).toBe(i - 1);
    }
    await marcus.getByText('Nothing left for you to decide').waitFor();

    // Priya, the advisor, decides what is left: the grant with no owner is revoked, the others certified.
    const priya = await browser.newPage();
    await signIn(priya, DEMO.advisor2);
    await openModule(priya, DEMO.clients.saas, 'Data map & access', 'Data map & access');
    await priya.getByRole('tab', { name: 'Access reviews' }).click();
    await priya.getByRole('link', { name: 'Quarterly access review' }).click();
    await priya.getByRole('heading', { name: 'Quarterly access review', level: 1 }).waitFor();
    const items = priya.getByRole('table', { name: 'Grants to review' });
    await items.getByRole('button', { name: /^Revoke Offshore QA vendor/ }).click();
    await waitForText(items.getByRole('row').filter({ hasText: 'Offshore QA vendor' }), 'Revoked');
    for (;;) {
      const left = await items.getByRole('button', { name: /^Certify / }).count();
      if (left === 0) break;
      await items.getByRole('button', { name: /^Certify / }).first().click();
      await expect.poll(() => items.getByRole('button', { name: /^Certify / }).count()).toBe(left - 1);
    }
    await priya.getByText('Closed', { exact: true }).waitFor();
    expect(await priya.getByRole('progressbar', { name: 'Quarterly access review progress' }).getAttribute('aria-valuenow')).toBe('100');

    // The revoked grant is gone from the active grants.
    await priya.getByRole('link', { name: 'Access reviews' }).click();
    await priya.getByRole('tab', { name: 'Access grants' }).click();
    await priya.getByRole('table', { name: 'Access grants' }).getByRole('row').nth(1).waitFor();
    expect(await priya.getByRole('table', { name: 'Access grants' }).getByText('Offshore QA vendor').count()).toBe(0);
  });
});
