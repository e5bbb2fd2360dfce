import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advanceClock, apiAs, DEMO, openClient, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

/** The entry numbers the trail's table shows, top to bottom (its second column). */
const seqsOf = async (table: Locator): Promise<number[]> => (await table.locator('tbody tr > td:nth-child(2)').allTextContents()).map((t) => Number(t.trim()));

/** "5 December 2026": how the calendar names a day (its buttons' labels). */
const dayLabel = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "5 Dec 2026": how the trail shows a day. */
const shortDay = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace('Sept', 'Sep');

describe('the audit trail\'s filters and saved views', () => {
  it('filters by person and days, exports what it shows, saves the filters as a view and applies it after a reload', async () => {
    // Arrange: a change by the contributor today, on the server's calendar (other tests may have moved its clock).
    const tom = await apiAs(DEMO.accounting.contributor);
    const harbor = await tom.clientId(DEMO.clients.accounting);
    const tomMe = (await tom.get<{ user: { id: string; name: string } }>('/api/me')).user;
    const tomName = tomMe.name;
    const systemName = unique('Audit scanner');
    const system = await tom.post<{ id: string }>(`/api/clients/${harbor}/estate/systems`, { name: systemName });
    const made = (await tom.get<{ entries: { seq: number }[] }>(`/api/clients/${harbor}/audit?entityType=system&entityId=${system.id}`)).entries[0]!.seq;
    const today = (await advanceClock(0)).slice(0, 10);

    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Audit entries' });
    await table.getByRole('row').nth(1).waitFor();

    // A person's option shows their e-mail address under their name.
    const person = page.getByRole('combobox', { name: 'Person' });
    await person.click();
    await person.fill(tomName);
    await page.getByRole('option', { name: new RegExp(`^${tomName}`) }).click();
    await page.getByLabel('Days').click();
    // The calendar opens on this month; the server's day may be months on.
    const months = (Number(today.slice(0, 4)) - new Date().getUTCFullYear()) * 12 + Number(today.slice(5, 7)) - (new Date().getUTCMonth() + 1);
    for (let i = 0; i < months; i++) await page.getByRole('button', { name: 'Next month' }).click();
    const day = page.getByRole('button', { name: dayLabel(today), exact: true });
    await day.click();
    const filtered = page.waitForResponse((r) => r.url().includes('/audit?') && r.url().includes(`to=${today}`) && r.ok());
    await day.click();
    await filtered;
    await page.waitForURL((url) => url.searchParams.get('from') === today && url.searchParams.get('to') === today && url.searchParams.has('actor'));
    await page.keyboard.press('Escape');

    // Only the contributor's entries of today: the new system's among them.
    const rows = table.getByRole('row');
    await expect.poll(() => seqsOf(table)).toContain(made);
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    for (let i = 1; i < count; i++) {
      const text = (await rows.nth(i).textContent()) ?? '';
      expect(text).toContain(tomName);
      expect(text).toContain(shortDay(today));
    }
    const shownSeqs = await seqsOf(table);
    // What the filters keep, by the API (the page shows the latest 50 of them).
    const kept = (await tom.get<{ entries: { seq: number }[] }>(`/api/clients/${harbor}/audit?actor=${tomMe.id}&from=${today}&to=${today}&timeZone=UTC&limit=500`)).entries.map((e) => e.seq);
    expect(shownSeqs).toEqual(kept.slice(0, 50));
    await expect.poll(() => page.getByRole('status').filter({ hasText: /entr(y|ies)$/ }).textContent()).toBe(kept.length > 50 ? `Latest 50 of ${kept.length} entries` : `${kept.length} ${kept.length === 1 ? 'entry' : 'entries'}`);

    // Export: the same entries, oldest first.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const csv = parse<Record<string, string>>(fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''), { columns: true });
    expect(csv.map((r) => Number(r.Seq))).toEqual([...kept].reverse());
    expect(csv.every((r) => r.Actor!.startsWith(tomName) && r.At!.startsWith(today))).toBe(true);

    // Save the filters as a view.
    const viewName = unique('Tom today');
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('button', { name: 'Save the current filters…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save the current filters as a view' });
    await dialog.getByLabel('Name').fill(viewName);
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await page.getByText(`The view “${viewName}” was saved.`).waitFor();
    await page.getByRole('button', { name: `View: ${viewName}` }).waitFor();

    // Clear the filters, reload: the whole trail; apply the view: the filtered entries again.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.reload();
    await table.getByRole('row').nth(1).waitFor();
    await page.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('button', { name: `Apply the view ${viewName}` }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === today && url.searchParams.has('actor'));
    await page.getByRole('button', { name: `View: ${viewName}` }).waitFor();
    await expect.poll(() => seqsOf(table)).toEqual(shownSeqs);
    expect(await page.getByRole('combobox', { name: 'Person' }).inputValue()).toBe(tomName);
  });

  it('shows one record\'s history from its page', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    await page.getByRole('link', { name: 'Risk register' }).first().click();
    const first = page.getByRole('table', { name: 'Risk scenarios' }).getByRole('row').nth(1);
    const title = (await first.getByRole('link').first().textContent())!;
    await first.getByRole('link').first().click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    await page.getByText(`Risk scenario: ${title}`).waitFor();
    const rows = page.getByRole('table', { name: 'Audit entries' }).getByRole('row');
    await rows.nth(1).waitFor();
    for (const text of (await rows.allTextContents()).slice(1)) expect(text).toMatch(/risk\./);
  });
});

describe('column choice', () => {
  it('hides columns of the systems table, and keeps the choice after a reload', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    await page.getByRole('link', { name: /^Estate/ }).first().click();
    await page.getByRole('tab', { name: 'Systems & assets' }).click();
    const table = page.getByRole('table', { name: 'Systems and assets' });
    const header = table.getByRole('row').first();
    await waitForText(header, 'Asset tag');

    await page.getByRole('button', { name: 'Columns' }).click();
    const menu = page.getByRole('dialog', { name: 'Columns' });
    await menu.getByRole('checkbox', { name: 'Asset tag' }).uncheck();
    await menu.getByRole('checkbox', { name: 'Vendor' }).uncheck();
    await page.keyboard.press('Escape');
    await expect.poll(() => header.textContent()).not.toContain('Asset tag');
    expect(await header.textContent()).not.toContain('Vendor');
    expect(await header.textContent()).toContain('End of life');

    await page.reload();
    await table.getByRole('row').nth(1).waitFor();
    await expect.poll(() => table.getByRole('row').first().textContent()).toContain('End of life');
    const after = (await table.getByRole('row').first().textContent()) ?? '';
    expect(after).not.toContain('Asset tag');
    expect(after).not.toContain('Vendor');

    // And back.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('dialog', { name: 'Columns' }).getByRole('button', { name: 'Show every column' }).click();
    await expect.poll(() => table.getByRole('row').first().textContent()).toContain('Asset tag');
  });
});
