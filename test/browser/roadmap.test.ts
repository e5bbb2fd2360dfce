import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, openClient, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

interface Roadmap {
  quarters: { key: string; label: string }[];
  initiatives: { id: string; ref: string; title: string; targetQuarter: string; targetQuarterLabel: string; ownerSeat: string; rank: number | null; riskReduction: { mean: number } | null }[];
}

function pdfText(file: string): string {
  const out = spawnSync('pdftotext', ['-layout', file, '-']);
  expect(out.status, out.stderr?.toString()).toBe(0);
  return out.stdout.toString('utf8').replace(/[ \t]+/g, ' ');
}

describe('the roadmap, the IT budget and the QBR', () => {
  it('an advisor adopts a security option as an initiative, finds it ranked, moves it a quarter, imports actuals and makes the QBR', async () => {
    // The scene: a security option set of our own on one of the client's scenarios.
    const sam = await apiAs(DEMO.advisor);
    const clientId = await sam.clientId(DEMO.clients.accounting);
    const base = `/api/clients/${clientId}`;
    const register = await sam.get<{ scenarios: { id: string; ref: string; proposed: boolean; status: string }[] }>(`${base}/risks`);
    const scenario = register.scenarios.find((s) => !s.proposed && s.status !== 'closed')!;
    const title = unique('Mail resilience');
    const effect = (min: number, max: number) => ({ primaryLoss: { type: 'uniform', min, max } });
    await sam.post(`${base}/risks/options`, {
      title,
      description: null,
      scenarioIds: [scenario.id],
      options: [
        { name: 'Backups', description: null, measures: [{ name: 'Immutable backups', annualCost: 6000, oneTimeCost: 3000, effects: [{ scenarioId: scenario.id, effect: effect(0.3, 0.5) }] }] },
        { name: 'Do little', description: null, measures: [{ name: 'Policy only', annualCost: 500, oneTimeCost: 0, effects: [{ scenarioId: scenario.id, effect: effect(0.9, 1) }] }] },
      ],
    });
    const before = await sam.get<{ total: number }>(`${base}/budget/actuals?limit=1`);

    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    const nav = page.getByRole('navigation', { name: `${DEMO.clients.accounting} pages` });

    // 1. Adopt the option as an initiative, from the register's security options.
    await nav.getByRole('link', { name: 'Risk register' }).click();
    await page.getByRole('tab', { name: 'Security options' }).click();
    await page.getByRole('button', { name: 'Adopt Backups as an initiative' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Adopt and plan' }).click();
    await waitForText(page.locator('body'), /is on the roadmap for/);
    const roadmap = await sam.get<Roadmap>(`${base}/roadmap`);
    const mine = roadmap.initiatives.find((i) => i.title === `${title}: Backups`)!;
    expect(mine.riskReduction!.mean).toBeGreaterThan(0);

    // 2. It is ranked by risk reduced per dollar among the client's other initiatives.
    await nav.getByRole('link', { name: 'Roadmap' }).click();
    await page.getByRole('heading', { name: 'Roadmap', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Ranking' }).click();
    const table = page.getByRole('table', { name: 'Ranked initiatives' });
    const row = table.getByRole('row').filter({ hasText: `${mine.ref} ${title}: Backups` });
    await row.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(3);
    const headers = await table.locator('thead').getByRole('columnheader').allTextContents();
    const cells = await row.getByRole('cell').allTextContents();
    expect(Number(cells[headers.indexOf('Rank')])).toBe(mine.rank);
    expect(cells[headers.indexOf('Initiative')]).toContain(`${mine.targetQuarterLabel} · ${mine.ownerSeat}`);
    expect(cells[headers.indexOf('Risk reduced a year')]).toMatch(/^\$[\d,]+1-in-20-year loss cut: \$[\d,]+$/);
    expect(cells[headers.indexOf('Risk reduced per $1')]).toMatch(/^\d+\.\d\d$/);

    // 3. Move it to the next quarter on the board, from the keyboard.
    await page.getByRole('tab', { name: 'By quarter' }).click();
    const q = roadmap.quarters.findIndex((x) => x.key === mine.targetQuarter);
    const from = roadmap.quarters[q]!;
    const to = roadmap.quarters[q + 1]!;
    await page.getByRole('region', { name: `Initiatives in ${from.label}` }).getByRole('button', { name: `Move ${mine.ref} ${title}: Backups` }).waitFor();
    const handle = page.getByRole('button', { name: `Move ${mine.ref} ${title}: Backups` });
    await handle.focus();
    // What a screen reader hears says when each key has been taken.
    const said = (text: string) => page.getByText(text, { exact: false }).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await said(`${mine.id} was moved over droppable area ${from.key}`);
    await page.keyboard.press('ArrowRight');
    await said(`${mine.id} was moved over droppable area ${to.key}`);
    await page.keyboard.press('Space');
    await page.getByRole('region', { name: `Initiatives in ${to.label}` }).getByRole('button', { name: `Move ${mine.ref} ${title}: Backups` }).waitFor();
    await expect.poll(async () => (await sam.get<Roadmap>(`${base}/roadmap`)).initiatives.find((i) => i.id === mine.id)!.targetQuarter).toBe(to.key);

    // Framework gaps are a source too: network monitoring is on the roadmap already (the demo's).
    await page.getByRole('button', { name: 'New initiative' }).click();
    const gap = page.getByRole('table', { name: 'Framework gaps' }).getByRole('row').filter({ hasText: 'DE.CM-01' });
    await gap.getByRole('link', { name: /^I\d+ · Q\d \d{4} · Proposed$/ }).click();
    await waitForText(page.getByRole('dialog', { name: /^I\d+ Raise DE\.CM-01 to tier 3/ }), /Closes the framework gap DE\.CM-01/);
    await page.keyboard.press('Escape');

    // 4. Import a month of actuals: a file with one bad line is refused whole, then the good file.
    await nav.getByRole('link', { name: 'IT budget' }).click();
    await page.getByRole('heading', { name: 'IT budget', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Actuals' }).click();
    const month = new Date().toISOString().slice(0, 7);
    const good = ['Date,Account,Vendor,Memo,Amount', `${month}-01,6120 Software subscriptions,Microsoft,Licences,"1,440.00"`, `${month}-02,6130 Network and hosting,Comcast Business,Internet,249.99`, `${month}-03,6150 IT consulting,Northbridge Advisory,Projects,(120.00)`].join('\n');
    const bad = good.replace('249.99', 'about 250');
    const input = page.locator('input[type="file"]');
    await input.setInputFiles({ name: 'actuals-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await waitForText(page.getByRole('alert'), /1 line was refused; nothing was imported/);
    await waitForText(page.getByRole('alert'), /line 3, column Amount/);
    expect((await sam.get<{ total: number }>(`${base}/budget/actuals?limit=1`)).total).toBe(before.total);
    await input.setInputFiles({ name: 'actuals.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await waitForText(page.locator('body'), /3 lines imported, 0 already there/);
    expect((await sam.get<{ total: number }>(`${base}/budget/actuals?limit=1`)).total).toBe(before.total + 3);

    // 5. The forecast includes a contract renewal that is not in the plan.
    await page.getByRole('tab', { name: 'Forecast' }).click();
    await waitForText(page.getByRole('region', { name: 'Why the forecast differs from the plan' }), /Contract renewal not in the plan: /);

    // 6. The QBR as a PDF, with the roadmap in it.
    await nav.getByRole('link', { name: 'Quarterly business review' }).click();
    await page.getByRole('heading', { name: 'Quarterly business review', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Roadmap, next four quarters' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download QBR PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^harbor-finch-cpas-qbr-20\d\dQ[1-4]\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(file);
    expect(text).toContain(`Quarterly business review`);
    expect(text).toContain(DEMO.clients.accounting);
    expect(text).toContain('IT budget against actual');
    expect(text).toContain('Security maturity');
    // Its row in the roadmap's table (a long title wraps in its cell).
    expect(text).toContain(`${mine.ref} ${title}:`);
  });

  it('a viewer reads the roadmap and cannot change it', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.accounting.viewer);
    await openClient(page, DEMO.clients.accounting);
    await page.getByRole('navigation', { name: `${DEMO.clients.accounting} pages` }).getByRole('link', { name: 'Roadmap' }).click();
    await page.getByRole('heading', { name: 'Roadmap', level: 1 }).waitFor();
    await page.getByRole('region', { name: /^Initiatives in / }).first().waitFor();
    expect(await page.getByRole('button', { name: 'New initiative' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Move I\d+/ }).count()).toBe(0);
  });
});
