import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO, openClient, setupBrowser, signIn } from './support.js';

/**
 * What the server writes (a governance check, a validation message) and what the web app checks
 * up front reach a German reader in German: the web app asks the API in its own language.
 */
const browser = setupBrowser();

/** The text that describes a field (its description and error, by aria-describedby). */
async function describing(page: Page, field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
}

describe('the server\u2019s words in German', () => {
  it('shows a German governance check, and German validation messages beside their fields, from the server and up front', async () => {
    const page = await browser.newPage();
    const languages: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'fetch' && new URL(r.url()).pathname.startsWith('/api/clients/')) languages.push(r.headers()['accept-language'] ?? '');
    });
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    const base = /\/clients\/[^/]+/.exec(new URL(page.url()).pathname)![0];

    // In English, the check is English.
    await page.goto(`${base}/governance`);
    await page.getByText('The CTO seat is vacant', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Display and language' }).click();
    await page.getByRole('menuitem', { name: 'Deutsch' }).click();
    await page.getByRole('link', { name: 'Ihr Konto' }).waitFor();
    // Asked for again in German once the language changed.
    await page.getByText('Der Sitz des CTO ist unbesetzt', { exact: true }).waitFor();
    await page.getByText(/^Niemand verantwortet die Technologie des Produkts\./).waitFor();
    expect(await page.getByText('The CTO seat is vacant', { exact: true }).count()).toBe(0);
    expect(languages).toContain('en');
    expect(languages.at(-1)).toBe('de');

    // The server refuses a title too long; its German message stands beside the field.
    await page.goto(`${base}/governance/decisions/new`);
    await page.getByRole('heading', { name: 'Neue Entscheidung', level: 1 }).waitFor();
    const title = page.getByRole('textbox', { name: 'Titel' });
    await title.fill('T'.repeat(201));
    await page.getByRole('textbox', { name: 'Vorschlag' }).fill('Mehrstufige Anmeldung für alle Konten.');
    await page.getByRole('checkbox', { name: 'CISO' }).check();
    await page.getByRole('button', { name: 'Entscheidung eröffnen' }).click();
    await page.getByText('Titel darf höchstens 200 Zeichen lang sein').first().waitFor();
    expect(await describing(page, title)).toContain('Titel darf höchstens 200 Zeichen lang sein');
    expect(await page.getByText(/must be at most/).count()).toBe(0);

    // The web app's own check before sending: the same plain German, every problem at once.
    await page.goto(`${base}/estate/systems`);
    await page.locator('main button:has(svg.tabler-icon-plus)').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Höchstens 200 Zeichen').first().waitFor();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/estate/systems')) posts.push(r.url());
    });
    const inputs = dialog.getByRole('textbox');
    const name = inputs.nth(0);
    await name.fill('N'.repeat(201));
    await inputs.nth(1).fill('T'.repeat(101));
    await dialog.locator('button[type="submit"]').click();
    await dialog.getByText('Name darf höchstens 200 Zeichen lang sein').waitFor();
    await dialog.getByText('Inventarnummer darf höchstens 100 Zeichen lang sein').waitFor();
    expect(await describing(page, name)).toContain('Name darf höchstens 200 Zeichen lang sein');
    expect(await dialog.getByText(/must be at most|At most \d+ characters/).count()).toBe(0);
    expect(posts).toEqual([]);
    await page.keyboard.press('Escape');

    // A file sent as it is (an upload) goes in the reader's language too.
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/estate/import/')) uploads.push(r.headers()['accept-language'] ?? '');
    });
    await page.goto(`${base}/estate/import`);
    const form = page.getByRole('region', { name: 'Datei importieren' });
    await form.locator('input[type="file"]').setInputFiles({ name: 'assets.csv', mimeType: 'text/csv', buffer: Buffer.from('Asset Tag,Name\nDE-1,Drucker\n') });
    await form.getByRole('button', { name: 'Datei prüfen (Probelauf)' }).click();
    await form.getByRole('region', { name: 'Importbericht' }).waitFor();
    expect(uploads).toEqual(['de']);
  });
});
