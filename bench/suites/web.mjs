// The web app's first load: the built server (`triad serve --demo`, SQLite) and Debian's
// Chromium (playwright-core, headless, cache on). For the sign-in page, cold (a new browser
// context each time): bytes on the wire and once decoded, requests, whether a chart library came
// with it, and the largest contentful paint; the same page with the browser asking for no
// compression (`Accept-Encoding: identity`) beside it, in the same run; then a repeat visit in
// the same context: what reached the server. Then the portfolio after signing in, cold.
// Options: --rounds N (cold loads per variant, default 5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_ADMIN, DEMO_PASSWORD, machine, median, printTable, startDemoServer } from '../lib.mjs';

export const description = 'the web app\'s first load in Chromium: sign-in page bytes (compressed and not), requests, LCP; repeat visits';

const CHROMIUM = process.env.TRIAD_CHROMIUM ?? '/usr/bin/chromium';

/** Loads `path` in `page`, recording every request through the DevTools protocol. */
async function load(page, path, { identity = false, then } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  const reqs = new Map();
  cdp.on('Network.requestWillBeSent', (e) => reqs.set(e.requestId, { url: e.request.url, wire: 0, decoded: 0, status: null, cached: false }));
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.status = e.statusCode;
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId);
    if (!r) return;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) r.cached = true;
    // The status on the wire comes with the extra info (a revalidation's 304), which Chromium
    // does not always report (an API call's answer, sometimes): then the response's own.
    if (r.status === null) r.status = e.response.status;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.wire = e.encodedDataLength;
  });
  await page.goto(path);
  if (then) await then(page);
  await page.waitForLoadState('networkidle');
  const lcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? null);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(null), 2000);
      }),
  );
  await cdp.detach();
  const all = [...reqs.values()].filter((r) => !r.url.startsWith('data:'));
  const fetched = all.filter((r) => !r.cached && r.status !== null);
  return {
    requests: fetched.length,
    wire: fetched.reduce((s, r) => s + r.wire, 0),
    decoded: all.reduce((s, r) => s + r.decoded, 0),
    charts: all.some((r) => /echarts/i.test(r.url)),
    lcp,
    fromServer: fetched.map((r) => `${new URL(r.url).pathname} ${r.status}`),
  };
}

const signInForm = async (page) => page.getByRole('button', { name: 'Sign in' }).waitFor();

export async function run({ rounds = 5 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'triad-bench-web-'));
  const server = await startDemoServer(dataDir, { TRIAD_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const newContext = () => browser.newContext({ baseURL: server.base, viewport: { width: 1366, height: 900 } });
  try {
    console.log(machine());
    console.log(`Chromium headless on loopback; ${rounds} cold loads of each variant, alternating; medians\n`);
    const variants = { br: [], identity: [] };
    for (let i = 0; i < rounds; i++) {
      for (const name of ['br', 'identity']) {
        const context = await newContext();
        variants[name].push(await load(await context.newPage(), '/login', { identity: name === 'identity', then: signInForm }));
        await context.close();
      }
    }
    const kb = (x) => (x / 1024).toFixed(0);
    const rows = [['sign-in page, cold', 'requests', 'on the wire KB', 'decoded KB', 'chart library', 'LCP ms']];
    for (const [name, label] of [['br', 'as served (brotli)'], ['identity', 'Accept-Encoding: identity']]) {
      const v = variants[name];
      rows.push([label, String(median(v.map((x) => x.requests))), kb(median(v.map((x) => x.wire))), kb(median(v.map((x) => x.decoded))), v.some((x) => x.charts) ? 'loaded' : 'none', median(v.map((x) => x.lcp ?? NaN)).toFixed(0)]);
    }
    printTable(rows);
    const ratio = median(variants.br.map((x) => x.wire)) / median(variants.identity.map((x) => x.wire));
    console.log(`\nbytes on the wire, compressed / not: ${ratio.toFixed(2)}`);

    // A repeat visit in the same browser.
    const context = await newContext();
    await load(await context.newPage(), '/login', { then: signInForm });
    const again = await load(await context.newPage(), '/login', { then: signInForm });
    // Files (the page and its assets) apart from the API calls the page makes (data, never cached).
    const files = again.fromServer.filter((r) => !r.startsWith('/api/'));
    const calls = again.fromServer.filter((r) => r.startsWith('/api/'));
    console.log(`repeat visit: ${files.length} file request(s) reached the server (${files.join(', ')}), and ${calls.length} API call(s) (${calls.join(', ')}); ${kb(again.wire)} KB on the wire`);
    await context.close();

    // After signing in: the portfolio, cold (new context), everything it loads.
    const portfolio = [];
    for (let i = 0; i < rounds; i++) {
      const c = await newContext();
      const page = await c.newPage();
      portfolio.push(
        await load(page, '/login', {
          then: async (p) => {
            await p.getByLabel('E-mail').fill(DEMO_ADMIN);
            await p.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
            await p.getByRole('button', { name: 'Sign in' }).click();
            await p.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
          },
        }),
      );
      await c.close();
    }
    console.log(`sign-in then portfolio, cold: ${median(portfolio.map((x) => x.requests))} requests, ${kb(median(portfolio.map((x) => x.wire)))} KB on the wire, chart library ${portfolio.some((x) => x.charts) ? 'loaded' : 'not loaded'}`);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
