import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, openClient, setupBrowser, signIn } from './support.js';

/**
 * Tables people trust, at 1440 px: every table of every page and tab of a client's workspace
 * (and the portfolio) shows each badge whole and fits the screen without scrolling sideways.
 */

const browser = setupBrowser();

/** What is wrong with the tables on the page now: cut badges, and tables wider than their frame. */
async function tableProblems(page: Page, where: string): Promise<{ badges: string[]; overflow: string[] }> {
  // Runs in the page (the tests are type-checked without the DOM's types, hence a string).
  const found = await page.evaluate<string[]>(`(() => {
    const where = ${JSON.stringify(where)};
    const problems = [];
    for (const table of document.querySelectorAll('table')) {
      for (const badge of table.querySelectorAll('.mantine-Badge-root')) {
        const label = badge.querySelector('.mantine-Badge-label') ?? badge;
        if (label.scrollWidth > label.clientWidth + 1 || badge.scrollWidth > badge.clientWidth + 1) problems.push('badge ' + where + ': badge "' + badge.textContent + '" is cut');
      }
      const frame = table.closest('.mantine-ScrollArea-viewport, .mantine-datatable-scroll-area, .mantine-Table-scrollContainer') ?? table.parentElement;
      const columns = [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim() + ' ' + Math.round(th.getBoundingClientRect().width)).join(', ');
      if (frame.scrollWidth > frame.clientWidth + 1) problems.push(where + ': table "' + (table.getAttribute('aria-label') ?? '') + '" is ' + (frame.scrollWidth - frame.clientWidth) + 'px wider than its frame (columns: ' + columns + ')');
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(where + ': the page scrolls sideways by ' + (document.documentElement.scrollWidth - window.innerWidth) + 'px');
    return problems;
  })()`);
  return { badges: found.filter((p) => p.startsWith('badge ')).map((p) => p.slice(6)), overflow: found.filter((p) => !p.startsWith('badge ')) };
}

/** Every table of the portfolio and of every page and tab of two workspaces, as the firm admin sees them. */
async function walkTables(): Promise<{ tables: number; badges: string[]; overflow: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, DEMO.admin);
  await page.getByRole('table').getByRole('row').nth(1).waitFor();
  await settle(page);
  const out = { tables: await page.locator('table').count(), badges: [] as string[], overflow: [] as string[] };
  const add = (p: { badges: string[]; overflow: string[] }) => {
    out.badges.push(...p.badges);
    out.overflow.push(...p.overflow);
  };
  add(await tableProblems(page, 'Portfolio'));
  for (const client of [DEMO.clients.accounting, DEMO.clients.manufacturer]) {
    await openClient(page, client);
    const nav = page.getByRole('navigation', { name: `${client} pages` });
    await nav.getByRole('link').first().waitFor();
    const targets: { name: string; href: string }[] = [];
    for (const link of await nav.getByRole('link').all()) targets.push({ name: (await link.textContent()) ?? '', href: (await link.getAttribute('href')) ?? '' });
    for (const target of targets) {
      await page.goto(target.href);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settle(page);
      out.tables += await page.locator('table').count();
      add(await tableProblems(page, `${client} · ${target.name}`));
      for (const tab of (await page.getByRole('tab').allTextContents()).slice(1)) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await settle(page);
        out.tables += await page.locator('table').count();
        add(await tableProblems(page, `${client} · ${target.name} · ${tab}`));
      }
    }
  }
  return out;
}

/** Waits until the page's tables are drawn (rows or their empty text) and nothing is loading. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // A locator, not waitForFunction: the app's Content Security Policy forbids the eval that
  // waitForFunction's polling needs.
  await expect.poll(() => page.locator('.mantine-Skeleton-root, [aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
}

describe('tables at 1440 px', () => {
  let walk: Awaited<ReturnType<typeof walkTables>> | null = null;
  const walked = async () => (walk ??= await walkTables());

  it('show every badge whole, on the portfolio and every page of a workspace', async () => {
    const w = await walked();
    expect(w.tables).toBeGreaterThan(20);
    expect(w.badges).toEqual([]);
  }, 240_000);

  it('fit the screen without scrolling sideways', async () => {
    const w = await walked();
    expect(w.overflow).toEqual([]);
  }, 240_000);
});
