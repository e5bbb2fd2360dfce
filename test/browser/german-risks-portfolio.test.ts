/**
 * The register, the portfolio, the board pack pages and the frame's own pages in German: an
 * advisor who reads German finds German headings, column titles and buttons, and none of the
 * English words they replace.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, DEMO, DEMO_PASSWORD, setupBrowser } from './support.js';

const browser = setupBrowser();

async function signInInGerman(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Display and language' }).click();
  await page.getByRole('menuitem', { name: 'Deutsch' }).click();
  await page.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
  await page.getByLabel('E-Mail', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

/** How many elements of a role bear exactly this name (0 when the English word is gone). */
const count = (page: Page, role: 'button' | 'columnheader' | 'heading' | 'tab' | 'link', name: string) => page.getByRole(role, { name, exact: true }).count();

describe('the register, the portfolio and the board pack in German', () => {
  it('shows an advisor the portfolio, the risk register, a scenario and the board pack in German', async () => {
    const page = await browser.newPage();
    await signInInGerman(page, DEMO.advisor);

    // The portfolio: its table, its figures, its buttons and the portfolio report.
    await page.getByRole('columnheader', { name: 'Mandant', exact: true }).first().waitFor();
    await page.getByRole('columnheader', { name: 'Handlungsbedarf', exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Jahresverlust', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Mandanten hinzufügen' }).waitFor();
    await page.getByText('Gesamtumsatz').waitFor();
    await page.getByRole('heading', { name: 'Portfoliobericht' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: DEMO.clients.accounting }).first();
    expect(await row.textContent()).toContain('Sie: Berater');
    expect(await count(page, 'button', 'Add client')).toBe(0);
    expect(await count(page, 'columnheader', 'Needs action')).toBe(0);
    expect(await count(page, 'heading', 'Portfolio report')).toBe(0);

    // The risk register: heading, tabs, columns, buttons.
    await chooseOption(page, page.getByRole('combobox', { name: 'Mandant' }), DEMO.clients.accounting);
    await page.waitForURL(/\/clients\/[^/]+/);
    await page.getByRole('navigation', { name: `Seiten von ${DEMO.clients.accounting}` }).getByRole('link', { name: 'Risikoregister' }).click();
    await page.getByRole('heading', { name: 'Risikoregister', level: 1 }).waitFor();
    // The register's columns sort: their headers are found by their text.
    const header = (title: string) => page.locator('thead th', { hasText: new RegExp(`^\\s*${title}\\s*$`) });
    await header('Szenario').waitFor();
    await header('Mittel pro Jahr').waitFor();
    await page.getByRole('button', { name: 'Neues Szenario' }).waitFor();
    await page.getByRole('link', { name: 'Modelldatei exportieren' }).waitFor();
    await page.getByRole('tab', { name: 'Verlustüberschreitung' }).waitFor();
    await page.getByText('Erwarteter Jahresverlust', { exact: true }).waitFor();
    expect(await count(page, 'heading', 'Risk register')).toBe(0);
    expect(await header('Scenario').count()).toBe(0);
    expect(await count(page, 'button', 'New scenario')).toBe(0);
    expect(await count(page, 'tab', 'Loss exceedance')).toBe(0);

    // The top risks tab.
    await page.getByRole('tab', { name: 'Top-Risiken' }).click();
    await page.getByRole('heading', { name: 'Top-Risiken', level: 2 }).waitFor();
    await header('Einstufung').waitFor();
    expect(await count(page, 'heading', 'Top risks')).toBe(0);

    // A scenario: its inputs and treatments.
    await page.getByRole('table', { name: 'Top-Risiken' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'FAIR-Eingaben' }).waitFor();
    await page.getByRole('heading', { name: 'Maßnahmen' }).waitFor();
    await page.getByRole('button', { name: 'Bereiche anpassen' }).waitFor();
    await page.getByRole('button', { name: 'Angaben bearbeiten' }).waitFor();
    expect(await count(page, 'heading', 'FAIR inputs')).toBe(0);
    expect(await count(page, 'button', 'Edit details')).toBe(0);

    // The board pack: its list and the worst case.
    await page.getByRole('link', { name: 'Vorstandsbericht' }).first().click();
    await page.getByRole('heading', { name: 'Vorstandsbericht', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Entwurf erstellen' }).waitFor();
    await page.getByRole('tab', { name: 'Quartalsberichte' }).waitFor();
    expect(await count(page, 'button', 'Generate draft')).toBe(0);
    expect(await count(page, 'heading', 'Board pack')).toBe(0);
    await page.getByRole('tab', { name: 'Ransomware im schlimmsten Fall' }).click();
    await page.getByRole('heading', { name: 'Was ein Ransomware-Angriff kosten würde' }).waitFor();
    await page.getByRole('button', { name: 'Speichern' }).waitFor();
    expect(await count(page, 'heading', 'What a ransomware attack would cost')).toBe(0);

    // An address in the workspace the app does not know.
    await page.goto(page.url().replace(/\/board-pack.*$/, '/nowhere'));
    await page.getByRole('heading', { name: 'Seite nicht gefunden', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Zurück zum Portfolio' }).waitFor();
    expect(await count(page, 'heading', 'Page not found')).toBe(0);
  });
});
