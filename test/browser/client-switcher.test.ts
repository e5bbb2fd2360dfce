import { describe, expect, it } from 'vitest';
import { apiAs, chooseOption, DEMO, openClient, setupBrowser, signIn } from './support.js';

const browser = setupBrowser();

describe('the client switcher', () => {
  it('opens the chosen client from anywhere', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.manufacturer);
    await page.getByRole('heading', { name: DEMO.clients.manufacturer, level: 1 }).waitFor();
    const kestrel = await (await apiAs(DEMO.advisor)).clientId(DEMO.clients.manufacturer);
    expect(new URL(page.url()).pathname).toBe(`/clients/${kestrel}`);
  });

  it('keeps the same page when switching between clients', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: `${DEMO.clients.accounting} pages` }).waitFor();

    await chooseOption(page, page.getByRole('combobox', { name: 'Client' }), DEMO.clients.manufacturer);
    const kestrel = await (await apiAs(DEMO.advisor)).clientId(DEMO.clients.manufacturer);
    await page.waitForURL(`**/clients/${kestrel}/audit`);
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    // The page now shows the other client: its name in the header's switcher and the navigation.
    await page.getByRole('navigation', { name: `${DEMO.clients.manufacturer} pages` }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Client' }).inputValue()).toBe(DEMO.clients.manufacturer);
  });

  it('finds clients as one types, among the person\u2019s clients only', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor2);
    const switcher = page.getByRole('combobox', { name: 'Client' });
    await switcher.click();
    await page.getByRole('option', { name: DEMO.clients.saas }).waitFor();
    const options = (await page.getByRole('option').allTextContents()).sort();
    // Of the demo firm's clients, those the person works with (other test files may add clients of their own)…
    const demoClients = new Set<string>([DEMO.clients.accounting, DEMO.clients.manufacturer, DEMO.clients.saas]);
    expect(options.filter((name) => demoClients.has(name))).toEqual([DEMO.clients.manufacturer, DEMO.clients.saas].sort());
    // …and exactly the clients the API says the person may see, no more.
    const visible = await page.evaluate(async () => ((await (await fetch('/api/clients')).json()) as { clients: { name: string }[] }).clients.map((c) => c.name));
    expect(options).toEqual([...visible].sort());
    await switcher.fill('lum');
    const matching = visible.filter((name) => name.toLowerCase().includes('lum'));
    expect(matching).toContain(DEMO.clients.saas);
    await expect.poll(async () => (await page.getByRole('option').allTextContents()).sort()).toEqual(matching.sort());
    await switcher.press('ArrowDown');
    await switcher.press('Enter');
    await page.getByRole('heading', { name: DEMO.clients.saas, level: 1 }).waitFor();
  });
});
