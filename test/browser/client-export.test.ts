import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, openClient, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

describe('whole-client export and import', () => {
  it('a firm admin downloads a client as one file, and imports it back as a copy', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.admin);
    await openClient(page, DEMO.clients.saas);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export client' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lumen-analytics-\d{4}-\d{2}-\d{2}\.triad\.json$/);
    const file = await download.path();
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; version: number; client: { name: string }; audit: { entries: { action: string }[] } };
    expect(parsed).toMatchObject({ format: 'triad.client-export', version: 1, client: { name: 'Lumen Analytics' } });
    expect(parsed.audit.entries.at(-1)!.action).toBe('client.export');

    await page.goto('/');
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Import client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a client' });
    const name = unique('Lumen copy');
    await dialog.getByLabel('Name in this firm').fill(name);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByRole('button', { name: 'Export file' }).click()]);
    await chooser.setFiles(file);
    await dialog.getByRole('button', { name: 'Check file' }).click();
    const check = await waitForText(dialog.getByTestId('import-check'), `Ready to import ${name}`);
    expect(await check.textContent()).toContain('the trail verifies');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await page.getByText(`${name} was imported.`).waitFor();
    await page.waitForURL(/\/clients\/[^/]+$/);
    await page.getByRole('heading', { name, level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await waitForText(page.getByRole('row').nth(1), 'Imported the client from an export file');
  });

  it('shows the export button to firm admins only', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor2);
    await openClient(page, DEMO.clients.saas);
    await page.getByRole('region', { name: 'Profile' }).waitFor();
    expect(await page.getByRole('link', { name: 'Export client' }).count()).toBe(0);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Import client' }).count()).toBe(0);
  });
});
