import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, openClient, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

describe('insurance in the risk register', () => {
  it('an advisor adds a cyber policy and sees the loss the company keeps, the premium against the recovery, the appetite verdict change, and the board pack with both', async () => {
    // A client above its appetite: two loss events a year of 100,000 each, at most a 30 % chance
    // a year of losing more than 150,000 tolerated (two events or more: 59 %).
    const sam = await apiAs(DEMO.advisor);
    const name = unique('Swift Couriers');
    const { id } = await sam.post<{ id: string }>('/api/clients', { name, sector: 'Logistics', employees: 50, annualRevenue: 9_000_000 });
    await sam.put(`/api/clients/${id}/risks/settings`, { years: 20_000 });
    await sam.post(`/api/clients/${id}/risks`, { title: 'Parcel system outage', inputs: { lossEventFrequency: { type: 'constant', value: 2 }, primaryLoss: { type: 'constant', value: 100_000 } } });
    await sam.put(`/api/clients/${id}/risks/appetite`, { points: [{ loss: 150_000, probability: 0.3 }], statement: 'At most a 30 % chance a year of losing more than $150,000.' });

    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, name);
    await page.getByRole('navigation', { name: `${name} pages` }).getByRole('link', { name: 'Risk register' }).click();
    await page.getByRole('heading', { name: 'Risk register', level: 1 }).waitFor();
    await waitForText(page.locator('body'), 'Above appetite');

    await page.getByRole('tab', { name: 'Insurance' }).click();
    await page.getByRole('button', { name: 'Add a policy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an insurance policy' });
    await dialog.getByLabel('Insurer').fill('Coalition');
    await dialog.getByLabel(/Premium a year/).fill('18000');
    await dialog.getByLabel('Deductible per loss event').fill('25000');
    await dialog.getByLabel('Limit per loss event').fill('50000');
    await dialog.getByRole('button', { name: 'Add policy' }).click();

    // The register is recomputed with it: before insurance beside what the company keeps.
    const kept = page.getByRole('region', { name: 'Loss kept after insurance' });
    await waitForText(kept, /after its insurance it keeps \$[\d,]+ a year/);
    const row = kept.getByRole('row', { name: /Expected loss a year/ });
    const cells = (await row.getByRole('cell').allTextContents()).map((c) => Number(c.replace(/[^\d]/g, '')));
    expect(cells[2]! / cells[1]!).toBeCloseTo(0.5, 1);
    await waitForText(kept.getByRole('row', { name: /Premiums against expected recovery/ }), /\$18,000 paid/);
    await waitForText(page.getByRole('table', { name: 'Policies' }), /a premium of \$18,000 a year against an expected recovery of \$[\d,]+ a year/);

    // The verdict is now on what the company keeps: within the appetite.
    await page.getByRole('tab', { name: 'Register' }).click();
    await waitForText(page.locator('body'), 'Within appetite');
    await waitForText(page.locator('body'), 'Kept after insurance');

    // The board pack shows the loss before insurance and the loss kept.
    await page.getByRole('navigation', { name: `${name} pages` }).getByRole('link', { name: 'Board pack' }).click();
    await page.getByRole('button', { name: 'Generate draft' }).click();
    const draft = page.getByRole('table', { name: 'Board packs' }).getByRole('row').filter({ hasText: 'Draft' }).first();
    await draft.waitFor();
    await draft.getByRole('link').first().click();
    const summary = page.getByRole('region', { name: 'Summary' });
    await waitForText(summary, 'Kept after insurance');
    await waitForText(summary, /before insurance/);
    await waitForText(page.getByRole('region', { name: 'Risk against appetite' }), /Before insurance the company can expect to lose \$[\d,]+ a year/);
  });
});
