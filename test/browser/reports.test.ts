import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, jobNotification, openClient, setupBrowser, signIn, waitForText } from './support.js';

const browser = setupBrowser();

/** Opens the client's board pack through the navigation. */
async function openBoardPack(page: Page, client: string): Promise<void> {
  await openClient(page, client);
  await page.getByRole('navigation', { name: `${client} pages` }).getByRole('link', { name: 'Board pack' }).click();
  await page.getByRole('heading', { name: 'Board pack', level: 1 }).waitFor();
}

/** The text of a PDF file (poppler's pdftotext), spaces collapsed. */
function pdfText(file: string): string {
  const out = spawnSync('pdftotext', ['-layout', file, '-']);
  expect(out.status, out.stderr?.toString()).toBe(0);
  return out.stdout.toString('utf8').replace(/[ \t]+/g, ' ');
}

/** Generates the draft of the quarter chosen in the header and opens it once it is ready. */
async function generateAndOpen(page: Page, quarterOption?: RegExp): Promise<string> {
  const select = page.getByRole('combobox', { name: 'Quarter' });
  if (quarterOption) {
    await select.click();
    await page.getByRole('option', { name: quarterOption }).first().click();
  }
  const label = (await select.inputValue()).replace(' (this quarter)', '');
  await page.getByRole('button', { name: 'Generate draft' }).click();
  // The job runs in the background: a notification says it started, then, in its place, that the
  // draft is ready; the list shows the draft.
  expect(await jobNotification(page, `Generating the ${label} draft of the board pack`)).toBe(`DoneThe ${label} draft of the board pack is ready to read.`);
  const row = page.getByRole('table', { name: 'Board packs' }).getByRole('row').filter({ hasText: label });
  await waitForText(row, 'Draft');
  await row.getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { name: `Board pack ${label}`, level: 1 }).waitFor();
  return label;
}

describe('the board pack', () => {
  it('an advisor generates a quarter\u2019s draft, reads it with its chart, and downloads the PDF with the same figures', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openBoardPack(page, DEMO.clients.accounting);
    await generateAndOpen(page);

    const summary = page.getByRole('region', { name: 'Summary' });
    const expected = summary.getByText('Expected annual loss', { exact: true }).locator('xpath=..');
    const figure = (await expected.locator('p').nth(1).textContent())!.trim();
    expect(figure).toMatch(/^\$[\d,]+$/);
    await page.getByRole('region', { name: 'Risk against appetite' }).getByRole('img', { name: /Loss exceedance curve/ }).locator('svg, canvas').first().waitFor();
    await page.getByRole('region', { name: 'Decisions for the board' }).waitFor();
    await page.getByRole('region', { name: 'Estate lifecycle' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^harbor-finch-cpas-board-pack-20\d\dQ[1-4]-draft\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(file);
    expect(text).toContain(figure);
    expect(text).toContain('Harbor & Finch CPAs');
    expect(text).toContain('Risk against appetite');
  });

  it('blocks issuing while a seat owes a response; an advisor issues with a reason, and the pack is then frozen for everyone', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openBoardPack(page, DEMO.clients.manufacturer);
    const label = await generateAndOpen(page, /^Q\d \d{4}$/);
    // The CIO has not answered the CISO's concern about the access review.
    await waitForText(page.getByRole('alert').filter({ hasText: 'Not ready to issue' }), /still owed/);
    await page.getByRole('button', { name: 'Issue…' }).click();
    const dialog = page.getByRole('dialog', { name: `Issue the ${label} board pack` });
    await waitForText(dialog, /Responses still owed/);
    await dialog.getByLabel('Reason to issue anyway').fill('The board meets on Monday; the CIO has seen the draft.');
    await dialog.getByRole('button', { name: 'Issue anyway' }).click();
    await waitForText(page.locator('body'), 'Issued while responses were owed');
    await page.getByText('Issued', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Issue…' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Regenerate' }).count()).toBe(0);

    // The board's viewer reads the issued pack, with the reason printed in it.
    const packUrl = new URL(page.url()).pathname;
    const viewer = await browser.newPage();
    await signIn(viewer, DEMO.manufacturer.viewer, { next: packUrl });
    await viewer.getByRole('heading', { name: `Board pack ${label}`, level: 1 }).waitFor();
    await waitForText(viewer.locator('body'), 'The board meets on Monday');
  });

  it('a pack of another client is unreachable', async () => {
    const sam = await apiAs(DEMO.advisor);
    const harbor = await sam.clientId(DEMO.clients.accounting);
    const { packs } = await sam.get<{ packs: { id: string }[] }>(`/api/clients/${harbor}/board-packs`);
    expect(packs.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    await signIn(page, DEMO.saas.executive, { next: `/clients/${harbor}/board-pack/${packs[0]!.id}` });
    await page.getByRole('heading', { name: 'Client not found' }).waitFor();
    const res = await page.request.get(`/api/clients/${harbor}/board-packs/${packs[0]!.id}.pdf`);
    expect(res.status()).toBe(404);
  });

  it('shows the ransomware worst case with its PDF', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.accounting.executive);
    await openBoardPack(page, DEMO.clients.accounting);
    await page.getByRole('tab', { name: 'Ransomware worst case' }).click();
    await page.getByRole('heading', { name: 'What a ransomware attack would cost' }).waitFor();
    await waitForText(page.locator('body'), /would cost about \$[\d.]+[KM]? on average/);
    await waitForText(page.locator('body'), 'How each figure is derived');
    // Executives read; only advisors generate packs.
    expect(await page.getByRole('button', { name: 'Generate draft' }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('harbor-finch-cpas-ransomware-worst-case.pdf');
    expect(pdfText(await download.path())).toContain('What a ransomware attack would cost');
  });

  it('the portfolio report shows an advisor their clients side by side, never another\u2019s', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    const report = page.getByRole('table', { name: 'Portfolio report' });
    await report.getByRole('row').filter({ hasText: DEMO.clients.manufacturer }).waitFor();
    await report.getByRole('row').filter({ hasText: DEMO.clients.accounting }).waitFor();
    expect(await report.getByRole('row').filter({ hasText: DEMO.clients.saas }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Portfolio report' }).getByRole('link', { name: 'Download PDF' }).click()]);
    const text = pdfText(await download.path());
    expect(text).toContain(DEMO.clients.manufacturer);
    expect(text).not.toContain(DEMO.clients.saas);
  });
});
