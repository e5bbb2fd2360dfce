import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, jobNotification, openClient, runDueJobs, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

/** Opens the client's risk register through the navigation. */
async function openRegister(page: Page, client: string): Promise<void> {
  await openClient(page, client);
  await page.getByRole('navigation', { name: `${client} pages` }).getByRole('link', { name: 'Risk register' }).click();
  await page.getByRole('heading', { name: 'Risk register', level: 1 }).waitFor();
}

/** A result column on the scenario page ("Inherent (no treatments)", …). */
function resultColumn(page: Page, title: string) {
  return page.getByRole('group', { name: title });
}

describe('the risk register', () => {
  it('an advisor creates a scenario from a template, adjusts its ranges, treats it, reads the curve against the appetite and compares two security options', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openRegister(page, DEMO.clients.accounting);
    // The demo register is there, with its money and its appetite status.
    await page.getByRole('table', { name: 'Risk scenarios' }).getByRole('link', { name: /Ransomware encrypts client files/ }).waitFor();
    await waitForText(page.locator('body'), /Above appetite|Within appetite/);

    // From the ransomware template, with a longer worst outage and a wider loss range.
    const title = unique('Ransomware on the scanning server');
    await page.getByRole('button', { name: 'New scenario' }).click();
    await page.getByRole('button', { name: 'Start from the Ransomware template' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Outage, long end (hours)').fill('600');
    await page.getByLabel('Loss per event: High (95th percentile)').fill('2500000');
    await waitForText(page.getByRole('status', { name: 'Preview' }), /a year on average/);
    await page.getByRole('button', { name: 'Create scenario' }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    // One notification: the scenario is added and being computed, then the results are in.
    expect(await jobNotification(page, `${title} added; its result is being computed.`)).toBe('DoneThe risk results are up to date.');
    // The server simulates it in the background; the stored result appears without a reload.
    const inherent = resultColumn(page, 'Inherent (no treatments)');
    await waitForText(inherent, /a year/);
    const inputs = page.getByRole('table', { name: 'FAIR inputs' });
    await waitForText(inputs, /\$2\.5M \(90 % range\)/);

    // A planned treatment: the share of attacks that succeed falls to 30–50 % of today.
    await page.getByRole('button', { name: 'Add treatment' }).click();
    const modal = page.getByRole('dialog', { name: 'Add a treatment' });
    await modal.getByLabel('Name').fill('Managed detection and response');
    await modal.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Planned' }).click();
    await modal.getByLabel('Annual cost').fill('18000');
    await modal.getByRole('combobox', { name: 'Factor' }).click();
    await page.getByRole('option', { name: 'Share that succeeds (vulnerability)' }).click();
    await modal.getByLabel('Falls to at least (%)').fill('30');
    await modal.getByLabel('and at most (%)').fill('50');
    await modal.getByRole('button', { name: 'Add treatment' }).click();
    await page.getByRole('table', { name: 'Treatments' }).getByText('Managed detection and response').waitFor();
    // Inherent and residual side by side once the refresh has landed.
    const residual = resultColumn(page, 'Residual (planned and in place)');
    await waitForText(residual, /a year/);
    const amount = async (column: typeof residual): Promise<number> => {
      const text = (await column.textContent()) ?? "";
      const m = /\$([\d,]+)\s*a year/.exec(text);
      if (!m) throw new Error(`no yearly amount in: ${text}`);
      return Number(m[1]!.replace(/,/g, ""));
    };
    expect(await amount(residual)).toBeLessThan(await amount(inherent));
    await waitForText(page.locator('body'), /return on security investment/);

    // The client's loss exceedance curve with the appetite drawn over it.
    await page.getByRole('link', { name: 'Risk register' }).first().click();
    await page.getByRole('tab', { name: 'Loss exceedance' }).click();
    await page.getByRole('img', { name: 'Loss exceedance curve with the risk appetite' }).waitFor();
    const check = page.getByRole('table', { name: 'Appetite check' });
    await waitForText(check, /Above|Within/);
    expect(await check.getByRole('row').count()).toBe(4);

    // Two security options for the new scenario, compared side by side.
    await page.getByRole('tab', { name: 'Security options' }).click();
    await page.getByRole('button', { name: 'New security options' }).click();
    const dialog = page.getByRole('dialog', { name: 'New security options' });
    const project = unique('Scanning server project');
    await dialog.getByLabel('Project or question').fill(project);
    await dialog.getByLabel('Scenarios').click();
    await page.getByRole('option', { name: new RegExp(title) }).click();
    await dialog.getByLabel('Project or question').click();
    for (const [i, [name, annual, low, high]] of ([
      ['Offline backups', '6000', '40', '60'],
      ['24/7 monitoring', '24000', '20', '40'],
    ] as const).entries()) {
      await dialog.getByLabel(`Option ${i + 1} name`).fill(`${name} option`);
      await dialog.getByLabel(`Option ${i + 1} measure 1`, { exact: true }).fill(name);
      await dialog.getByLabel(`Option ${i + 1} measure 1 annual cost`).fill(annual);
      await dialog.getByRole('button', { name: 'Add an effect' }).nth(i).click();
      await dialog.getByLabel('Falls to at least (%)').nth(i).fill(low);
      await dialog.getByLabel('and at most (%)').nth(i).fill(high);
    }
    await dialog.getByRole('button', { name: 'Save and compare' }).click();
    const comparison = page.getByRole('table', { name: `Comparison of ${project}` });
    await comparison.waitFor();
    await waitForText(comparison.getByRole('row').filter({ hasText: 'Return on security investment' }), /%/);
    const header = await comparison.locator('thead').getByRole('columnheader').allTextContents();
    expect(header).toEqual(['', 'As is', 'Offline backups option', '24/7 monitoring option']);
    const expected = comparison.getByRole('row').filter({ hasText: 'Expected annual loss' });
    const cells = (await expected.getByRole('cell').allTextContents()).map((t) => Number(t.replace(/[$,]/g, '')));
    expect(cells).toHaveLength(3);
    expect(cells[1]).toBeLessThan(cells[0]!);
    expect(cells[2]).toBeLessThan(cells[0]!);
  });

  it('a contributor proposes a scenario, shown as a proposal until an advisor approves it; a viewer only reads', async () => {
    const title = unique('Shared logins on the front desk PC');
    const page = await browser.newPage();
    await signIn(page, DEMO.accounting.contributor);
    await openRegister(page, DEMO.clients.accounting);
    await page.getByRole('button', { name: 'Propose a scenario' }).click();
    await page.getByRole('button', { name: 'Start from a blank scenario' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Propose scenario' }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.getByText('Proposed', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Add treatment' }).count()).toBe(0);

    const advisor = await browser.newPage();
    await signIn(advisor, DEMO.advisor, { next: new URL(page.url()).pathname });
    await advisor.getByRole('heading', { name: title, level: 1 }).waitFor();
    await advisor.getByRole('button', { name: 'Approve into the register' }).click();
    await waitForText(advisor.locator('body'), /of the client's expected annual loss|of the client’s expected annual loss/);
    // The advisor takes it on: status Treating (Accepted is not on offer here).
    await advisor.getByRole('button', { name: 'Edit details' }).click();
    const details = advisor.getByRole('dialog', { name: /^Edit R\d+$/ });
    await details.getByRole('combobox', { name: 'Status' }).click();
    expect(await advisor.getByRole('option', { name: 'Accepted' }).count()).toBe(0);
    await advisor.getByRole('option', { name: 'Treating' }).click();
    await details.getByRole('button', { name: 'Save' }).click();
    await advisor.getByText('Treating', { exact: true }).first().waitFor();

    const viewer = await browser.newPage();
    await signIn(viewer, DEMO.accounting.viewer);
    await openRegister(viewer, DEMO.clients.accounting);
    await viewer.getByRole('table', { name: 'Risk scenarios' }).getByRole('link', { name: title }).waitFor();
    expect(await viewer.getByRole('button', { name: /New scenario|Propose a scenario/ }).count()).toBe(0);
    const api = await apiAs(DEMO.accounting.viewer);
    const id = await api.clientId(DEMO.clients.accounting);
    await expect(api.post(`/api/clients/${id}/risks`, { title: 'Nope', inputs: { lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 1 } } })).rejects.toThrow(/403/);
  });

  it('a register of 130 scenarios comes a hundred at a time, sorted and searched by the server', async () => {
    const sam = await apiAs(DEMO.advisor);
    const name = unique('Wide Register Ltd');
    const { id } = await sam.post<{ id: string }>('/api/clients', { name, sector: 'Logistics', employees: 500, annualRevenue: 90_000_000 });
    const risks = Array.from({ length: 130 }, (_, i) => ({
      id: `R${i + 1}`,
      name: `Wide scenario ${String(i + 1).padStart(3, '0')}`,
      lossEventFrequency: { type: 'constant', value: 0.1 + (i % 10) / 10 },
      primaryLoss: { type: 'constant', value: 1_000 * (i + 1) },
    }));
    await sam.post(`/api/clients/${id}/risks/import`, { model: { risks } });
    await runDueJobs();
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openRegister(page, name);
    const table = page.getByRole('table', { name: 'Risk scenarios' });
    // Largest mean first: R130 is ten times a year of $130,000 at most, and it leads.
    await table.getByRole('link', { name: 'Wide scenario 130' }).waitFor();
    await waitForText(page.locator('body'), /100 of 130 scenarios/);
    expect(await table.locator('tbody tr').count()).toBe(100);
    await page.getByRole('button', { name: 'Load more' }).click();
    // The header always reads "130 of 130 scenarios" (all of them match); the line under the table says how many are shown.
    await table.locator('tbody tr').nth(129).waitFor();
    await page.getByText('130 scenarios', { exact: true }).first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(130);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // Sorted by title: the first click keeps the direction (descending), the second turns it; the list starts again from its first page.
    const byTitle = table.getByRole('button', { name: /^Scenario/ });
    await byTitle.click();
    await waitForText(table.locator('tbody tr').nth(1), /Wide scenario 129/);
    await byTitle.click();
    await waitForText(table.locator('tbody tr').first(), /Wide scenario 001/);
    await waitForText(table.locator('tbody tr').nth(1), /Wide scenario 002/);
    expect(await table.locator('tbody tr').count()).toBe(100);
    // A search the server answers: one scenario.
    await page.getByLabel('Search scenarios').fill('scenario 042');
    await waitForText(page.locator('body'), /1 of 130 scenarios/);
    expect(await table.locator('tbody tr').count()).toBe(1);
    await table.getByRole('link', { name: 'Wide scenario 042' }).waitFor();
  });

  it('the portfolio shows each client\u2019s expected annual loss, 1-in-10-year loss and appetite status, and the client home its risk card', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.admin);
    for (const client of [DEMO.clients.accounting, DEMO.clients.manufacturer, DEMO.clients.saas]) {
      const row = page.getByRole('table', { name: 'Clients' }).getByRole('row').filter({ hasText: client });
      await waitForText(row, /Above appetite|Within appetite/);
      expect(await row.textContent()).toMatch(/\$[\d.]+[KM]/);
    }
    // The home's card and chart read the register's overview, never the register itself.
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await openClient(page, DEMO.clients.saas);
    const card = page.locator('.mantine-Card-root').filter({ hasText: 'Expected annual loss' });
    await waitForText(card, /1-in-10-year loss/);
    expect(await card.getByRole('link').count()).toBeGreaterThanOrEqual(3);
    await page.waitForLoadState('networkidle');
    const risks = asked.filter((p) => /^\/api\/clients\/[^/]+\/risks(\/|$)/.test(p));
    expect(risks.length).toBeGreaterThan(0);
    expect(risks.filter((p) => !p.endsWith('/risks/overview'))).toEqual([]);
  });
});
