import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, setupBrowser, signIn, unique } from './support.js';

/** The global search (Ctrl-K): finds records across the person's clients, and nothing of others. */

const browser = setupBrowser();

async function addVendor(email: string, clientName: string, name: string): Promise<{ clientId: string; vendorId: string }> {
  const api = await apiAs(email);
  const clientId = await api.clientId(clientName);
  const vendor = await api.post<{ id: string }>(`/api/clients/${clientId}/estate/vendors`, { name });
  return { clientId, vendorId: vendor.id };
}

describe('global search', () => {
  it('an advisor presses Ctrl-K, types part of a vendor\'s name, sees it with its client, and Enter opens its page', async () => {
    const token = unique('Pelican');
    const name = `${token} Freight Logistics`;
    const { clientId, vendorId } = await addVendor(DEMO.advisor, DEMO.clients.manufacturer, name);

    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    // The header's button names the keys once they work.
    await page.getByRole('button', { name: 'Search (Ctrl K)' }).waitFor();
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog');
    const input = dialog.getByRole('textbox', { name: 'Search' });
    await input.waitFor();
    await input.pressSequentially(`${token.slice(2)} freight`);
    // Under Vendors, with its client's name.
    const result = dialog.getByRole('group', { name: 'Vendors' }).locator('[data-action]', { hasText: name });
    await result.waitFor();
    expect(await result.textContent()).toContain(DEMO.clients.manufacturer);
    await input.press('Enter');
    await page.waitForURL((url) => url.pathname === `/clients/${clientId}/vendors/${vendorId}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('the header\'s button opens it too, and the arrow keys choose among the results', async () => {
    const token = unique('Heron');
    const first = await addVendor(DEMO.advisor, DEMO.clients.accounting, `${token} Archive`);
    const second = await addVendor(DEMO.advisor, DEMO.clients.accounting, `${token} Backup`);
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await page.getByRole('button', { name: /^Search/ }).click();
    const input = page.getByRole('dialog').getByRole('textbox', { name: 'Search' });
    await input.pressSequentially(token);
    await page.getByRole('dialog').locator('[data-action]', { hasText: `${token} Backup` }).waitFor();
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.waitForURL((url) => url.pathname === `/clients/${second.clientId}/vendors/${second.vendorId}`);
    expect(first.vendorId).not.toBe(second.vendorId);
  });

  it('a system opens in its drawer on the Systems tab', async () => {
    const api = await apiAs(DEMO.advisor);
    const clientId = await api.clientId(DEMO.clients.accounting);
    const name = unique('Kiln controller');
    const system = await api.post<{ id: string }>(`/api/clients/${clientId}/estate/systems`, { name });
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await page.getByRole('button', { name: 'Search (Ctrl K)' }).click();
    const input = page.getByRole('dialog').getByRole('textbox', { name: 'Search' });
    await input.pressSequentially(name);
    await page.getByRole('group', { name: 'Systems' }).locator('[data-action]', { hasText: name }).waitFor();
    await input.press('Enter');
    await page.waitForURL((url) => url.pathname === `/clients/${clientId}/estate/systems` && url.searchParams.get('system') === system.id);
    await page.getByRole('dialog', { name }).waitFor();
    // Closing the drawer takes the system out of the address.
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.pathname === `/clients/${clientId}/estate/systems` && !url.searchParams.has('system'));
  });

  it('a client executive finds their own client\'s records and nothing of another client', async () => {
    const token = unique('Osprey');
    await addVendor(DEMO.advisor, DEMO.clients.accounting, `${token} Advisory`);
    await addVendor(DEMO.advisor, DEMO.clients.manufacturer, `${token} Metals`);

    const page = await browser.newPage();
    await signIn(page, DEMO.accounting.executive);
    await page.getByRole('button', { name: 'Search (Ctrl K)' }).waitFor();
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog');
    const input = dialog.getByRole('textbox', { name: 'Search' });
    await input.pressSequentially(token);
    await dialog.locator('[data-action]', { hasText: `${token} Advisory` }).waitFor();
    expect(await dialog.locator('[data-action]').allTextContents()).toEqual([expect.stringContaining(DEMO.clients.accounting)]);

    await input.fill('');
    await input.pressSequentially(`${token} Metals`);
    await dialog.getByText('Nothing found in the clients you can see').waitFor();
    expect(await dialog.locator('[data-action]').count()).toBe(0);
    // Nor the other client itself.
    await input.fill('');
    await input.pressSequentially('Kestrel');
    await dialog.getByText('Nothing found in the clients you can see').waitFor();
  });
});
