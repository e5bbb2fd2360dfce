import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, openClient, setupBrowser, signIn } from './support.js';

const browser = setupBrowser();

interface Seen {
  path: string;
  ifNoneMatch: string | undefined;
  status: number;
  etag: string | undefined;
}

/** The register's answers the page receives: the request's If-None-Match and the answer's status and ETag. */
function watchRegister(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (!/^\/api\/clients\/[^/]+\/risks(\/overview)?$/.test(url.pathname)) return;
    seen.push({ path: url.pathname + url.search, ifNoneMatch: res.request().headers()['if-none-match'], status: res.status(), etag: res.headers()['etag'] });
  });
  return seen;
}

describe('answers kept by the web app', () => {
  it('asks for the register again with its ETag, and shows the kept answer on a 304', async () => {
    const page = await browser.newPage();
    await page.clock.install();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    const seen = watchRegister(page);
    const nav = page.getByRole('navigation', { name: `${DEMO.clients.accounting} pages` });
    await nav.getByRole('link', { name: 'Risk register' }).click();
    const table = page.getByRole('table', { name: 'Risk scenarios' });
    await table.getByRole('link', { name: /Ransomware encrypts client files/ }).waitFor();
    await expect.poll(() => seen.filter((s) => s.path.includes('/risks?')).length).toBeGreaterThan(0);
    const first = seen.find((s) => s.path.includes('/risks?'))!;
    expect(first.status).toBe(200);
    expect(first.ifNoneMatch).toBeUndefined();
    expect(first.etag).toMatch(/^"[\w-]+"$/);

    // Later (the list is no longer fresh), back on the register: asked with the ETag, 304, same rows.
    await nav.getByRole('link', { name: 'Overview' }).click();
    await page.clock.fastForward('02:00');
    await nav.getByRole('link', { name: 'Risk register' }).click();
    await expect.poll(() => seen.filter((s) => s.path === first.path).length).toBeGreaterThan(1);
    const again = seen.filter((s) => s.path === first.path).at(-1)!;
    expect(again.ifNoneMatch).toBe(first.etag);
    expect(again.status).toBe(304);
    await table.getByRole('link', { name: /Ransomware encrypts client files/ }).waitFor();
  });
});
