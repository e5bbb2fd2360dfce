import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, DEMO, setupBrowser, signIn } from './support.js';

const browser = setupBrowser();

/** A table's column header by its words (the header cell also holds the sort and filter controls). */
const column = (table: Locator, name: string) => table.locator('thead th', { hasText: name });

/** Opens a page of the client from its navigation, in German, and waits for its heading. */
async function open(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: `Seiten von ${DEMO.clients.accounting}` }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** None of these English words is on the page any more. */
async function noEnglish(page: Page, words: string[]): Promise<void> {
  for (const w of words) expect(await page.getByText(w, { exact: true }).count(), `"${w}" is still in English`).toBe(0);
}

describe('the estate, budget, notifications, the client home, firm administration and the account in German', () => {
  it('shows their headings, columns and buttons in German', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.admin);
    await page.getByRole('button', { name: 'Display and language' }).click();
    await page.getByRole('menuitem', { name: 'Deutsch' }).click();
    await page.getByRole('link', { name: 'Ihr Konto' }).waitFor();

    // The client's home.
    await chooseOption(page, page.getByRole('combobox', { name: 'Mandant' }), DEMO.clients.accounting);
    await page.waitForURL(/\/clients\/[^/]+$/);
    await page.getByRole('heading', { name: 'Profil', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Personen', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Arbeitsbereich', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Profil bearbeiten' }).waitFor();
    await page.getByRole('link', { name: 'Mandanten exportieren' }).waitFor();
    await page.getByRole('link', { name: 'Streng vertrauliche Daten' }).waitFor();
    await page.getByText('Mandantenbereich', { exact: true }).waitFor();
    await noEnglish(page, ['Profile', 'People', 'Workspace', 'Edit profile', 'Recent changes', 'Client workspace']);

    // The estate: services, then systems.
    await open(page, 'IT-Bestand: Dienste & Systeme', 'IT-Bestand');
    const services = page.getByRole('table', { name: 'Geschäftsdienste' });
    await column(services, 'Ausfall je Stunde').waitFor();
    await page.getByRole('button', { name: 'Dienst hinzufügen' }).waitFor();
    await page.getByRole('tab', { name: 'Systeme & Geräte' }).click();
    const systems = page.getByRole('table', { name: 'Systeme und Geräte' });
    await column(systems, 'Inventarnummer').waitFor();
    await systems.getByText('In Betrieb').first().waitFor();
    await page.getByRole('button', { name: 'System hinzufügen' }).waitFor();
    expect(await column(systems, 'Asset tag').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add system' }).count()).toBe(0);
    await noEnglish(page, ['In use', 'Replacement']);

    // Vendors and the data map.
    await open(page, 'Lieferanten', 'Lieferanten');
    const vendors = page.getByRole('table', { name: 'Lieferanten' });
    await column(vendors, 'Jahreskosten').waitFor();
    await page.getByRole('button', { name: 'Lieferanten hinzufügen' }).waitFor();
    await noEnglish(page, ['Annual cost', 'Add vendor', 'Renewals']);
    await open(page, 'Datenlandkarte & Zugriffe', 'Datenlandkarte & Zugriffe');
    await column(page.getByRole('table', { name: 'Datenbestände' }), 'Einstufung').waitFor();
    await page.getByRole('button', { name: 'Datenbestand hinzufügen' }).waitFor();
    await noEnglish(page, ['Classification', 'Add data set']);

    // The IT budget.
    await open(page, 'IT-Budget', 'IT-Budget');
    await page.getByRole('heading', { name: 'Warum die Prognose vom Plan abweicht' }).waitFor();
    await page.getByRole('tab', { name: 'Ist-Werte' }).click();
    await column(page.getByRole('table', { name: 'Ist-Zeilen' }), 'Kategorie').waitFor();
    await page.getByRole('button', { name: 'Erfassen', exact: true }).waitFor();
    await noEnglish(page, ['Category', 'Record', 'Enter an amount']);

    // Notifications, and the bell in the header.
    await open(page, 'Benachrichtigungen', 'Benachrichtigungen');
    await page.getByRole('tab', { name: 'Ihre Benachrichtigungen' }).waitFor();
    await column(page.getByRole('table').first(), 'Benachrichtigung').waitFor();
    await page.getByRole('button', { name: 'Alle als gelesen markieren' }).waitFor();
    await page.getByRole('button', { name: /^Benachrichtigungen/ }).first().waitFor();
    await noEnglish(page, ['Mark all read', 'Your notifications']);

    // The client's members.
    await open(page, 'Mitglieder', 'Mitglieder');
    await column(page.getByRole('table', { name: 'Mitglieder' }), 'Mitglied seit').waitFor();
    await page.getByRole('button', { name: 'Mitglied hinzufügen' }).waitFor();
    await noEnglish(page, ['Member since', 'Add member']);

    // Firm administration.
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Benutzer der Firma', level: 1 }).waitFor();
    await column(page.getByRole('table', { name: 'Benutzer' }), 'Rolle in der Firma').waitFor();
    await page.getByRole('button', { name: 'Benutzer hinzufügen' }).waitFor();
    await noEnglish(page, ['Firm role', 'Add user']);
    await page.goto('/admin/security');
    await page.getByRole('heading', { name: 'Anmeldung und Sicherheit', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Single Sign-on speichern' }).waitFor();
    await page.goto('/admin/webhooks');
    await page.getByRole('heading', { name: 'Webhook hinzufügen' }).waitFor();

    // The account page's own sections.
    await page.goto('/account');
    await page.getByRole('heading', { name: 'Persönliche API-Tokens' }).waitFor();
    await page.getByRole('heading', { name: 'Kalender-Abos' }).waitFor();
    await page.getByRole('button', { name: 'Token erstellen' }).waitFor();
    await noEnglish(page, ['Personal API tokens', 'Create token', 'Calendar feeds']);
  });
});
