import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, openClient, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

describe('the audit trail', () => {
  it('shows a profile change made in the app, with its before and after', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.manufacturer);
    const employees = String(300 + Math.floor(Math.random() * 600) + 1);

    await page.getByRole('button', { name: 'Edit profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit client profile' });
    await dialog.getByLabel('Employees', { exact: true }).fill(employees);
    await dialog.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('The client profile was saved.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // The profile card shows the new figure at once.
    await waitForText(page.getByRole('region', { name: 'Profile' }), Number(employees).toLocaleString('en-US'));

    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    // Newest first: the change is the first entry, by the person who made it.
    const first = page.getByRole('row').nth(1);
    await waitForText(first, 'Changed the client profile');
    expect(await first.textContent()).toContain('Sam Okafor');

    await first.getByRole('button', { name: /^Show details of entry/ }).click();
    const changed = page.getByRole('table', { name: /^Changes in entry/ }).getByRole('row').filter({ hasText: 'employees' });
    await changed.waitFor();
    const cells = await changed.getByRole('cell').allTextContents();
    expect(cells[0]).toContain('changed');
    expect(cells.slice(1)).toEqual([expect.stringMatching(/\d/), Number(employees).toLocaleString('en-US')]);
  });

  it('shows a member added in the app, and the new account made for them', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByRole('button', { name: 'Add member' }).click();

    const email = `${unique('auditor')}@harborfinch.example`;
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mail', { exact: true }).fill(email);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Viewer' }).click();
    await dialog.getByLabel('This person is new to Triad (create their account)').check();
    await dialog.getByLabel('Full name', { exact: true }).fill('Ada Auditor');
    await dialog.getByLabel('First password', { exact: true }).fill('a-first-password-1');
    await dialog.getByRole('button', { name: 'Add member' }).click();
    await page.getByText(`Ada Auditor was added to ${DEMO.clients.accounting}.`).waitFor();
    await page.getByRole('row').filter({ hasText: email }).waitFor();

    await page.getByRole('link', { name: 'Audit trail' }).click();
    const rows = page.getByRole('row');
    await waitForText(rows.nth(1), 'Added a member');
    await waitForText(rows.nth(2), 'Created a user account');
    await rows.nth(1).getByRole('button', { name: /^Show details/ }).click();
    const details = page.getByRole('table', { name: /^Changes in entry/ });
    await waitForText(details, email);
    expect(await details.textContent()).toContain('viewer');
  });

  it('verifies the hash chain and says how many entries it checked', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor2);
    await openClient(page, DEMO.clients.saas);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const result = page.getByRole('status').filter({ hasText: 'The chain is intact' });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/All \d+ entries verify/);
  });

  it('pages back through a long trail with "Load older entries"', async () => {
    // Arrange through the API: enough changes for more than one page (50 entries a page).
    const api = await apiAs(DEMO.advisor2);
    const lumen = await api.clientId(DEMO.clients.saas);
    for (let i = 0; i < 52; i++) await api.patch(`/api/clients/${lumen}`, { employees: 120 + (i % 2) + 1 });
    const { entries } = await api.get<{ entries: { seq: number }[] }>(`/api/clients/${lumen}/audit?limit=1`);
    const newest = entries[0]!.seq;

    const page = await browser.newPage();
    await signIn(page, DEMO.advisor2);
    await page.goto(`/clients/${lumen}/audit`);
    const table = page.getByRole('table').first();
    await waitForText(table.getByRole('row').nth(1), String(newest));
    expect(await table.getByRole('row').count()).toBe(51); // header + 50
    // Page back until the first entry (the demo data may hold more than two pages).
    const loadOlder = page.getByRole('button', { name: 'Load older entries' });
    while ((await loadOlder.count()) > 0) {
      const shown = await table.getByRole('row').count();
      await loadOlder.click();
      await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(shown);
    }
    expect(await table.getByRole('row').count()).toBe(newest + 1);
    // The oldest entry is the client's creation.
    expect(await table.getByRole('row').last().textContent()).toContain('Created the client');
  });
});
