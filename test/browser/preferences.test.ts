import { describe, expect, it } from 'vitest';
import { chooseOption, DEMO, DEMO_PASSWORD, setupBrowser } from './support.js';

const browser = setupBrowser();

describe('language and colour scheme', () => {
  it('switches the sign-in page and the app to German, and keeps the choice', async () => {
    const page = await browser.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Display and language' }).click();
    await page.getByRole('menuitem', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    // Empty fields are refused in German, beside them.
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByText('Geben Sie Ihre E-Mail-Adresse ein').waitFor();

    await page.getByLabel('E-Mail', { exact: true }).fill(DEMO.advisor);
    await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('link', { name: 'Portfolio' }).waitFor();
    await page.getByRole('link', { name: 'Ihr Konto' }).waitFor();
    await chooseOption(page, page.getByRole('combobox', { name: 'Mandant' }), DEMO.clients.accounting);
    await page.waitForURL(/\/clients\/[^/]+/);
    const clientPath = /\/clients\/[^/]+/.exec(new URL(page.url()).pathname)![0];
    const nav = page.getByRole('navigation', { name: `Seiten von ${DEMO.clients.accounting}` });
    await nav.getByRole('link', { name: 'Übersicht' }).waitFor();
    await nav.getByRole('link', { name: 'Risikoregister' }).waitFor();
    await nav.getByRole('link', { name: 'Vorstandsbericht' }).waitFor();
    await nav.getByText('Mandantenverwaltung').waitFor();

    // A module's page brings its own words, in German too; switching back to English while it
    // is open gives its English words without a reload.
    await nav.getByRole('link', { name: 'Geschäftskontext' }).click();
    await page.getByRole('heading', { name: 'Geschäftskontext', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Prioritäten' }).waitFor();
    await page.getByRole('button', { name: 'Darstellung und Sprache' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Business context', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Priorities' }).waitFor();
    await page.getByRole('button', { name: 'Display and language' }).click();
    await page.getByRole('menuitem', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { name: 'Prioritäten' }).waitFor();

    // The account page speaks German too.
    await page.getByRole('link', { name: 'Ihr Konto' }).click();
    await page.getByRole('heading', { name: 'Ihr Konto', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Passwort ändern' }).waitFor();
    await page.getByLabel('Neues Passwort', { exact: true }).waitFor();

    // The audit trail words its actions in German, and dates carry German month names.
    await page.goto(`${clientPath}/audit`);
    await page.getByRole('heading', { name: 'Prüfpfad', level: 1 }).waitFor();
    await page.locator('table').getByText(/ (hinzugefügt|angelegt|geändert|berechnet|genehmigt|erfasst)$/).first().waitFor();
    const body = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(body).toMatch(/\d{1,2}\. ?(Jan\.|Feb\.|März|Apr\.|Mai|Juni|Juli|Aug\.|Sept\.|Okt\.|Nov\.|Dez\.) \d{4}|\d{1,2} (Jan\.|Feb\.|März|Apr\.|Mai|Juni|Juli|Aug\.|Sept\.|Okt\.|Nov\.|Dez\.) \d{4}/);
    expect(body).not.toMatch(/\b(Added|Changed|Created) (a|an|the) /);

    // The choice is kept in this browser: a reload stays German.
    await page.reload();
    await page.getByRole('link', { name: 'Ihr Konto' }).waitFor();

    // And back to English.
    await page.getByRole('button', { name: 'Darstellung und Sprache' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Your account' }).waitFor();
  });

  it('follows the system colour scheme until one is chosen', async () => {
    const page = await browser.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    const scheme = () => page.locator('html').getAttribute('data-mantine-color-scheme');
    expect(await scheme()).toBe('dark');
    await page.getByRole('button', { name: 'Display and language' }).click();
    await page.getByRole('menuitem', { name: 'Light' }).click();
    await expect.poll(scheme).toBe('light');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(await scheme()).toBe('light');
  });
});
