import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, openClient, setupBrowser, signIn } from './support.js';

const browser = setupBrowser();

/** The client names in the portfolio table, once it has loaded. */
async function portfolioClients(page: Page): Promise<string[]> {
  const table = page.getByRole('table');
  await table.getByRole('link').first().waitFor();
  return (await table.getByRole('link').allTextContents()).sort();
}

describe('the portfolio', () => {
  it('lists exactly the clients each person works with', async () => {
    const cases: [string, string[]][] = [
      [DEMO.admin, [DEMO.clients.accounting, DEMO.clients.manufacturer, DEMO.clients.saas]],
      [DEMO.advisor, [DEMO.clients.accounting, DEMO.clients.manufacturer]],
      [DEMO.advisor2, [DEMO.clients.manufacturer, DEMO.clients.saas]],
    ];
    const demoClients = new Set<string>([DEMO.clients.accounting, DEMO.clients.manufacturer, DEMO.clients.saas]);
    for (const [email, expected] of cases) {
      const page = await browser.newPage();
      await signIn(page, email);
      const shown = await portfolioClients(page);
      // Of the demo firm's clients, exactly those the person works with (other test files may add clients of their own).
      expect(shown.filter((name) => demoClients.has(name)), email).toEqual([...expected].sort());
      // And the table holds exactly the clients the API says the person may see, no more.
      const visible = await page.evaluate(async () => ((await (await fetch('/api/clients')).json()) as { clients: { name: string }[] }).clients.map((c) => c.name));
      expect(shown, email).toEqual([...visible].sort());
    }
    // A client user of one company lands on it, and the portfolio's address leads there too.
    const page = await browser.newPage();
    await signIn(page, DEMO.saas.executive);
    await page.getByRole('heading', { name: DEMO.clients.saas, level: 1 }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { name: DEMO.clients.saas, level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Add client' }).count()).toBe(0);
  });

  it('shows the person\u2019s role, sector and revenue of each client', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor2);
    // The clients table comes first; the portfolio report below it has a row for the client too.
    const row = page.getByRole('row').filter({ hasText: DEMO.clients.manufacturer }).first();
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Industrial manufacturing');
    expect(text).toContain('you: Advisor');
    expect(text).toContain('$86M');
  });

  it('opens a client user\u2019s company and shows only the actions the role allows', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.accounting.viewer);
    await page.getByRole('heading', { name: DEMO.clients.accounting, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    // A viewer reads: no editing of the profile, no managing members.
    expect(await page.getByRole('button', { name: 'Edit profile' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Margaret Finch' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
  });

  it('shows the modules to come in the navigation and the client home', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    const nav = page.getByRole('navigation', { name: `${DEMO.clients.accounting} pages` });
    for (const label of ['Risk register', 'Governance: seats & decisions', 'Estate: services & systems', 'Vendors', 'Data map & access', 'Board pack']) {
      await nav.getByRole('link', { name: label }).waitFor();
    }
    await nav.getByRole('link', { name: 'Data map & access' }).click();
    await page.getByRole('heading', { name: 'Data map & access', level: 1 }).waitFor();
  });
});
