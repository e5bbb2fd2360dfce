import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, openClient, setupBrowser, signIn } from './support.js';

/**
 * Tables people trust, at 1440 px: every table of every page and tab of a client's workspace
 * (and the portfolio) shows each badge whole and fits the screen without scrolling sideways.
 */

const browser = setupBrowser();

/** What is wrong with the tables on the page now: cut badges, and tables wider than their frame. */
async function tableProblems(page: Page, where: string): Promise<string[]> {
  return page.evaluate((where) => {
    const problems: string[] = [];
    for (const table of Array.from(document.querySelectorAll('table'))) {
      for (const badge of Array.from(table.querySelectorAll<HTMLElement>('.mantine-Badge-root'))) {
        const label = badge.querySelector<HTMLElement>('.mantine-Badge-label') ?? badge;
        if (label.scrollWidth > label.clientWidth + 1 || badge.scrollWidth > badge.clientWidth + 1) problems.push(`${where}: badge "${badge.textContent ?? ''}" is cut`);
      }
      const frame = table.closest<HTMLElement>('.mantine-ScrollArea-viewport, .mantine-datatable-scroll-area, .mantine-Table-scrollContainer') ?? table.parentElement!;
      if (frame.scrollWidth > frame.clientWidth + 1) problems.push(`${where}: table "${table.getAttribute('aria-label') ?? ''}" is ${frame.scrollWidth - frame.clientWidth}px wider than its frame`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`${where}: the page scrolls sideways by ${document.documentElement.scrollWidth - window.innerWidth}px`);
    return problems;
  }, where);
}

/** Waits until the page's tables are drawn (rows or their empty text) and nothing is loading. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Skeleton-root, [aria-busy="true"]').length === 0, undefined, { timeout: 15_000 }).catch(() => undefined);
}

describe('tables at 1440 px', () => {
  it('show every badge whole and fit the screen, on the portfolio and every page of a workspace', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, DEMO.admin);
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    await settle(page);
    const problems = await tableProblems(page, 'Portfolio');

    let tables = 0;
    for (const client of [DEMO.clients.accounting, DEMO.clients.manufacturer]) {
      await openClient(page, client);
      const nav = page.getByRole('navigation', { name: `${client} pages` });
      await nav.getByRole('link').first().waitFor();
      const links = await nav.getByRole('link').all();
      const targets: { name: string; href: string }[] = [];
      for (const link of links) targets.push({ name: (await link.textContent()) ?? '', href: (await link.getAttribute('href')) ?? '' });
      for (const target of targets) {
        await page.goto(target.href);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await settle(page);
        tables += await page.locator('table').count();
        problems.push(...(await tableProblems(page, `${client} · ${target.name}`)));
        const tabNames = (await page.getByRole('tab').allTextContents()).slice(1);
        for (const tab of tabNames) {
          await page.getByRole('tab', { name: tab, exact: true }).click();
          await settle(page);
          tables += await page.locator('table').count();
          problems.push(...(await tableProblems(page, `${client} · ${target.name} · ${tab}`)));
        }
      }
    }
    expect(tables).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  }, 240_000);
});
