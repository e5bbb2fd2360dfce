import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, setupBrowser } from './support.js';

const browser = setupBrowser();
const webRoot = path.resolve(import.meta.dirname, '../../dist/web');

interface Fetched {
  url: string;
  /** null: answered from the browser's cache without asking the server. */
  status: number | null;
  encoding: string | undefined;
  /** Bytes on the wire (headers and body as sent, compressed). */
  wire: number;
}

/** Records what the page fetches, as Chromium's DevTools protocol sees it, while `load` runs. */
async function recordFetches(page: Page, load: () => Promise<void>): Promise<Fetched[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const byId = new Map<string, Fetched>();
  // The status on the wire: responseReceived reports a revalidated answer (304) as the cached 200.
  const wire = new Map<string, number>();
  const cached = new Set<string>();
  cdp.on('Network.requestWillBeSent', (e) => byId.set(e.requestId, { url: e.request.url, status: null, encoding: undefined, wire: 0 }));
  cdp.on('Network.responseReceivedExtraInfo', (e) => wire.set(e.requestId, e.statusCode));
  cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    const f = byId.get(e.requestId);
    if (!f) return;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) cached.add(e.requestId);
    f.status = e.response.status;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    f.encoding = headers['content-encoding'];
  });
  cdp.on('Network.loadingFinished', (e) => {
    const f = byId.get(e.requestId);
    if (f) f.wire = e.encodedDataLength;
  });
  await load();
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return [...byId.entries()]
    .filter(([, f]) => !f.url.startsWith('data:'))
    .map(([id, f]) => ({ ...f, status: cached.has(id) ? null : (wire.get(id) ?? f.status) }));
}

async function openSignIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

describe('the sign-in page', () => {
  it('loads compressed files and no chart library', async () => {
    const page = await browser.newPage();
    const fetched = await recordFetches(page, () => openSignIn(page));
    const assets = fetched.filter((f) => new URL(f.url).pathname.startsWith('/assets/'));
    expect(assets.length).toBeGreaterThan(3);
    expect(assets.filter((f) => /echarts/i.test(f.url)).map((f) => f.url)).toEqual([]);
    for (const f of assets) {
      expect(f.status, f.url).toBe(200);
      if (!/\.(js|css)$/.test(f.url)) continue;
      // The build's brotli copy (Chromium accepts br on http://127.0.0.1 as well); the build
      // leaves files under 512 bytes as they are, where compressing gains nothing.
      const file = path.join(webRoot, new URL(f.url).pathname);
      if (fs.statSync(file).size < 512) expect(f.encoding, f.url).toBeUndefined();
      else expect(f.encoding, f.url).toBe('br');
    }
  });

  it('stays under 300 KB on the wire, without the signed-in app, zod or the QR code', async () => {
    const page = await browser.newPage();
    const fetched = await recordFetches(page, () => openSignIn(page));
    const wire = fetched.reduce((sum, f) => sum + f.wire, 0);
    expect(wire).toBeGreaterThan(50 * 1024);
    expect(wire).toBeLessThan(300 * 1024);
    // What each script holds, from the build's source maps (the bundler's small runtime has none).
    const sources = fetched
      .map((f) => new URL(f.url).pathname)
      .filter((p) => p.endsWith('.js') && !/\/rolldown-runtime-[^/]+\.js$/.test(p))
      .flatMap((p) => (JSON.parse(fs.readFileSync(path.join(webRoot, `${p}.map`), 'utf8')) as { sources: string[] }).sources);
    expect(sources.some((s) => s.endsWith('web/src/pages/SignInPage.tsx'))).toBe(true);
    const unwanted = /node_modules\/(zod|qrcode\.react|echarts|mantine-datatable)\/|web\/src\/(layout\/(SignedIn|AppLayout|Navbar|GlobalSearch)|modules\/registry)\.tsx/;
    expect(sources.filter((s) => unwanted.test(s))).toEqual([]);
  });

  it('on a repeat visit asks the server for the page alone, and gets a 304', async () => {
    const first = await browser.newPage();
    await recordFetches(first, () => openSignIn(first));
    const again = await first.context().newPage();
    const fetched = await recordFetches(again, () => openSignIn(again));
    const fromServer = fetched.filter((f) => f.status !== null && !new URL(f.url).pathname.startsWith('/api/'));
    expect(fromServer.map((f) => [new URL(f.url).pathname, f.status])).toEqual([['/login', 304]]);
  });
});

describe('the signed-in frame', () => {
  it('loads the portfolio, its search and its views without zod or a chart library', async () => {
    const page = await browser.newPage();
    await openSignIn(page);
    const fetched = await recordFetches(page, async () => {
      await page.getByLabel('E-mail', { exact: true }).fill(DEMO.advisor);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Portfolio' }).waitFor();
      await page.getByRole('table').first().waitFor();
    });
    const sources = fetched
      .map((f) => new URL(f.url).pathname)
      .filter((p) => p.startsWith('/assets/') && p.endsWith('.js') && !/\/rolldown-runtime-[^/]+\.js$/.test(p))
      .flatMap((p) => (JSON.parse(fs.readFileSync(path.join(webRoot, `${p}.map`), 'utf8')) as { sources: string[] }).sources);
    // The frame is there (so the check below looks at the right files) ...
    expect(sources.some((s) => s.endsWith('web/src/layout/GlobalSearch.tsx'))).toBe(true);
    expect(sources.some((s) => s.endsWith('web/src/pages/PortfolioPage.tsx'))).toBe(true);
    // ... and zod comes only with the pages whose forms check with the API's schemas.
    expect(sources.filter((s) => /node_modules\/(zod|echarts)\//.test(s))).toEqual([]);
  });
});
