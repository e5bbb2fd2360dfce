import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, setupBrowser, signIn } from './support.js';

const browser = setupBrowser();

/** How many elements show exactly this English text: none once a page speaks German. */
const english = (where: Page | Locator, text: string) => where.getByText(text, { exact: true }).count();

describe('governance, controls and the roadmap in German', () => {
  it('an advisor reads the seats, decisions, acceptances, concerns, assessments and roadmap in German', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await page.getByRole('button', { name: 'Display and language' }).click();
    await page.getByRole('menuitem', { name: 'Deutsch' }).click();
    await page.getByRole('link', { name: 'Ihr Konto' }).waitFor();

    // The portfolio's maturity cell: the latest signed-off maturity against its target.
    await page.getByText(/^\d\.\d von 4\s*Ziel \d\.\d/).first().waitFor();

    const combobox = page.getByRole('combobox', { name: 'Mandant' });
    await combobox.click();
    await combobox.fill(DEMO.clients.accounting);
    await page.getByRole('option', { name: DEMO.clients.accounting, exact: true }).click();
    await page.waitForURL(/\/clients\/[^/]+/);
    const base = /\/clients\/[^/]+/.exec(new URL(page.url()).pathname)![0];

    // Governance: seats and checks, the charter.
    await page.goto(`${base}/governance`);
    await page.getByRole('heading', { name: 'Governance-Prüfungen', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Charta', level: 2 }).waitFor();
    await page.getByRole('table', { name: 'Verantwortlichkeiten' }).getByRole('columnheader', { name: 'Abgedeckt durch' }).waitFor();
    await page.getByRole('button', { name: 'Verantwortlichkeit hinzufügen' }).waitFor();
    await page.getByRole('tab', { name: 'Entscheidungen' }).waitFor();
    expect(await english(page, 'Governance checks')).toBe(0);
    expect(await english(page, 'Add responsibility')).toBe(0);
    expect(await english(page, 'Seats & checks')).toBe(0);

    // Decisions, and one decision with its proposal and the seats' positions.
    await page.goto(`${base}/governance/decisions`);
    const decisions = page.getByRole('table', { name: 'Entscheidungen' });
    await decisions.getByRole('columnheader', { name: 'Positionen' }).waitFor();
    await page.getByRole('button', { name: 'Neue Entscheidung' }).waitFor();
    expect(await english(page, 'New decision')).toBe(0);
    await decisions.getByRole('link', { name: 'Move client files to SharePoint Online with immutable backups' }).click();
    await page.getByRole('heading', { name: 'Vorschlag', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Positionen', level: 2 }).waitFor();
    await page.getByRole('table', { name: 'Optionen' }).getByRole('columnheader', { name: 'Wirkung auf das Risiko' }).waitFor();
    expect(await english(page, 'Proposal')).toBe(0);
    expect(await english(page, 'Effect on risk')).toBe(0);

    // Risk acceptances, concerns and settings.
    await page.goto(`${base}/governance/acceptances`);
    await page.getByRole('table', { name: 'Risikoakzeptanzen' }).getByRole('columnheader', { name: 'Genehmigt von' }).waitFor();
    await page.getByRole('button', { name: 'Akzeptanz beantragen' }).waitFor();
    expect(await english(page, 'Request acceptance')).toBe(0);
    await page.goto(`${base}/governance/concerns`);
    await page.getByRole('heading', { name: 'Keine Überraschungen', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Eine Rolle um Antwort bitten' }).waitFor();
    expect(await english(page, 'No blindsiding')).toBe(0);
    await page.goto(`${base}/governance/settings`);
    await page.getByRole('heading', { name: 'Wer Risikoakzeptanzen genehmigt', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Einstellungen speichern' }).waitFor();
    expect(await english(page, 'Who approves risk acceptances')).toBe(0);

    // Controls: the assessments, one assessment's maturity and ranked gaps, the catalogues.
    await page.goto(`${base}/controls`);
    await page.getByRole('heading', { name: 'Kontrollen & Reifegrad', level: 1 }).waitFor();
    const assessments = page.getByRole('table', { name: 'Bewertungen' });
    await assessments.getByRole('columnheader', { name: 'Mit Nachweis' }).waitFor();
    await page.getByRole('button', { name: 'Eine Bewertung beginnen' }).waitFor();
    expect(await english(page, 'Start an assessment')).toBe(0);
    await assessments.getByRole('row').filter({ hasText: 'Abgeschlossen' }).first().getByRole('link').click();
    await page.getByRole('tab', { name: 'Reifegrad' }).click();
    await page.getByRole('heading', { name: 'Nach Funktion: Ist gegen Ziel', level: 2 }).waitFor();
    await page.getByRole('table', { name: 'Reifegrad nach Funktion und Kategorie' }).getByRole('columnheader', { name: 'Unter Ziel' }).waitFor();
    await page.getByRole('link', { name: 'CSV exportieren' }).waitFor();
    expect(await english(page, 'Maturity now')).toBe(0);
    expect(await english(page, 'Export CSV')).toBe(0);
    await page.getByRole('tab', { name: 'Lücken' }).click();
    await page.getByRole('table', { name: 'Gereihte Lücken' }).getByRole('columnheader', { name: 'Auf dem Spiel / Jahr' }).waitFor();
    expect(await english(page, 'At stake / year')).toBe(0);
    await page.goto(`${base}/controls/catalogues`);
    await page.getByRole('table', { name: 'Kataloge' }).getByRole('columnheader', { name: 'Zurückgezogen' }).waitFor();
    await page.getByText('kommt mit Triad').first().waitFor();

    // The roadmap: the board, the ranking, and a new initiative from its sources.
    await page.goto(`${base}/roadmap`);
    await page.getByRole('tab', { name: 'Nach Quartal' }).waitFor();
    await page.getByRole('group', { name: 'Nach Rolle filtern' }).waitFor();
    expect(await english(page, 'Nothing planned.')).toBe(0);
    await page.getByRole('tab', { name: 'Rangfolge' }).click();
    const ranked = page.getByRole('table', { name: 'Gereihte Initiativen' });
    await ranked.getByRole('columnheader', { name: 'Kosten pro Jahr' }).waitFor();
    expect(await english(page, 'Cost a year')).toBe(0);
    await page.getByRole('button', { name: 'Neue Initiative' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neue Initiative' });
    await dialog.getByRole('heading', { name: 'Systeme am Ende der Lebensdauer oder ohne Garantie', level: 3 }).waitFor();
    await dialog.getByRole('tab', { name: 'Von Hand' }).click();
    await dialog.getByRole('button', { name: 'Vorschlagen' }).waitFor();
    expect(await english(dialog, 'Propose')).toBe(0);
  });
});
