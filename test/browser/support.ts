/**
 * Helpers for the browser tests: real Chromium (Debian's) driving the built Triad that
 * test/support/browser-global.ts starts with the demo firm. A test file looks like this:
 *
 *   import { describe, expect, it } from 'vitest';
 *   import { DEMO, openClient, setupBrowser, signIn } from './support.js';
 *
 *   const browser = setupBrowser();
 *
 *   describe('vendors', () => {
 *     it('lists the vendors of a client', async () => {
 *       const page = await browser.newPage();            // fresh cookies: signed out
 *       await signIn(page, DEMO.advisor);                // lands on the portfolio
 *       await openClient(page, DEMO.clients.accounting); // through the header's switcher
 *       await page.getByRole('link', { name: 'Vendors' }).click();
 *       await page.getByRole('heading', { name: 'Vendors', level: 1 }).waitFor();
 *       expect(await page.getByRole('row').count()).toBeGreaterThan(1);
 *     });
 *   });
 *
 * Rules that keep these tests fast and steady:
 * - Find things as a user does: by role and accessible name, by label (`getByLabel('E-mail')`).
 * - Never sleep. Wait for what the user waits for: `locator.waitFor()`, `page.waitForURL()`,
 *   `waitForText(locator, 'text')`, or `expect.poll(() => …)`.
 * - All test files share one server and database: make your own records (unique names, see
 *   `unique()`), and do not rename or delete the demo firm's clients and people.
 * - A failing test leaves a screenshot of each of its pages in test-results/, and fails too when
 *   the page threw an uncaught error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

/** The demo firm (src/server/demo.ts): every account's password and who is who. */
export const DEMO_PASSWORD = 'triad-demo-2026';
export const DEMO = {
  /** Dana Whitfield, firm admin: every client. */
  admin: 'admin@northbridge.example',
  /** Sam Okafor, advisor of Harbor & Finch and Kestrel. */
  advisor: 'sam@northbridge.example',
  /** Priya Raman, advisor of Kestrel and Lumen. */
  advisor2: 'priya@northbridge.example',
  accounting: { executive: 'margaret@harborfinch.example', contributor: 'tom@harborfinch.example', viewer: 'lee@harborfinch.example' },
  manufacturer: { executive: 'robert@kestrel.example', contributor: 'anita@kestrel.example', viewer: 'board@kestrel.example' },
  saas: { executive: 'olivia@lumen.example', contributor: 'marcus@lumen.example', viewer: 'investor@lumen.example' },
  clients: { accounting: 'Harbor & Finch CPAs', manufacturer: 'Kestrel Precision Manufacturing', saas: 'Lumen Analytics' },
} as const;

const CHROMIUM = process.env.TRIAD_CHROMIUM ?? '/usr/bin/chromium';
const RESULTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results');

/** Errors pages may report that are not the app's fault. */
const BENIGN_PAGE_ERRORS = [/ResizeObserver loop/];

export interface BrowserSession {
  /** The test server, e.g. http://127.0.0.1:41234. */
  readonly baseUrl: string;
  /** A page in a new browser context (its own cookies, so signed out); closed after the test. */
  newPage(): Promise<Page>;
  /** The Chromium instance of this test file. */
  browser(): Browser;
}

/**
 * Launches Chromium once for the test file (a fresh temporary profile), gives each test fresh
 * pages, screenshots them when the test fails, and closes everything after. Call it once at the
 * top of a test file.
 */
export function setupBrowser(): BrowserSession {
  const baseUrl = inject('baseUrl');
  let browser: Browser | null = null;
  let contexts: { context: BrowserContext; errors: string[] }[] = [];

  beforeAll(async () => {
    // launch() (not launchPersistentContext) starts from a new, empty user-data dir each time.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterEach(async (ctx) => {
    const failed = ctx.task.result?.state === 'fail';
    const open = contexts;
    contexts = [];
    const pageErrors = open.flatMap((c) => c.errors);
    if (failed) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const name = `${path.basename(ctx.task.file.name, '.test.ts')}--${ctx.task.name}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 150);
      let n = 0;
      for (const { context } of open) {
        for (const page of context.pages()) {
          n += 1;
          const file = path.join(RESULTS_DIR, `${name}${n > 1 ? `-${n}` : ''}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
          console.error(`Screenshot of ${page.url()}: ${path.relative(process.cwd(), file)}`);
        }
      }
      if (pageErrors.length > 0) console.error(`Errors in the page:\n${pageErrors.join('\n')}`);
    }
    await Promise.all(open.map(({ context }) => context.close().catch(() => undefined)));
    if (!failed && pageErrors.length > 0) {
      throw new Error(`The page threw uncaught errors:\n${pageErrors.join('\n')}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  return {
    baseUrl,
    browser: () => {
      if (!browser) throw new Error('setupBrowser(): the browser starts in beforeAll; use it inside tests');
      return browser;
    },
    async newPage() {
      if (!browser) throw new Error('setupBrowser(): the browser starts in beforeAll; use it inside tests');
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1366, height: 900 } });
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(30_000);
      const errors: string[] = [];
      context.on('weberror', (e) => {
        const message = e.error().message;
        if (!BENIGN_PAGE_ERRORS.some((re) => re.test(message))) errors.push(e.error().stack ?? message);
      });
      contexts.push({ context, errors });
      return context.newPage();
    },
  };
}

/**
 * Signs in through the sign-in page and waits for the person's home: the portfolio, or for a
 * client user of one company, that company's home. `next` opens another page afterwards, as a
 * link to a page does when the user was signed out.
 */
export async function signIn(page: Page, email: string, options: { password?: string; next?: string } = {}): Promise<void> {
  await page.goto(options.next ? `/login?next=${encodeURIComponent(options.next)}` : '/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  if (!options.next) {
    await page.waitForURL((url) => url.pathname === '/' || /^\/clients\/[^/]+$/.test(url.pathname));
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // The landing page settles (an executive of one client is taken on from / to its home once
    // the clients and the page's words have loaded) before the test acts on it.
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }
}

/** Opens a client's workspace through the client switcher in the header; waits for its home page. */
export async function openClient(page: Page, clientName: string): Promise<void> {
  await chooseOption(page, page.getByRole('combobox', { name: 'Client' }), clientName);
  await page.waitForURL(/\/clients\/[^/]+/);
}

/** Picks an option of a searchable Mantine Select (opens it, types, clicks the option). */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await select.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Waits until the element shows the text (or matches the pattern); returns the locator. */
export async function waitForText(locator: Locator, text: string | RegExp): Promise<Locator> {
  const match = locator.filter({ hasText: text }).first();
  await match.waitFor();
  return match;
}

/**
 * A background job's notification: waits for the one that says `started` under the title
 * "Started", then for that same notification (the same element, updated in place) to say
 * "Done" or "Failed"; returns its text then.
 */
export async function jobNotification(page: Page, started: string | RegExp): Promise<string> {
  const toast = page.getByRole('alert').filter({ hasText: started }).filter({ hasText: 'Started' }).first();
  const element = await toast.elementHandle();
  if (!element) throw new Error(`No notification says it started: ${String(started)}`);
  let text = '';
  await expect
    .poll(async () => (text = (await element.textContent()) ?? ''), { timeout: 60_000 })
    .toMatch(/^(Done|Failed)/);
  return text;
}

/** A short unique suffix for records a test makes, so test files never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Test hook: moves the server's clock forward and runs the jobs that fall due. */
export async function advanceClock(days: number): Promise<string> {
  const res = await fetch(`${inject('baseUrl')}/api/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceDays: days }) });
  if (!res.ok) throw new Error(`POST /api/test/clock answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { now: string }).now;
}

/** Test hook: runs the background jobs that are due now; returns how many ran. */
export async function runDueJobs(): Promise<number> {
  const res = await fetch(`${inject('baseUrl')}/api/test/jobs/run`, { method: 'POST' });
  if (!res.ok) throw new Error(`POST /api/test/jobs/run answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { ran: number }).ran;
}

/** A signed-in API session, for arranging data quickly before the browser acts on it. */
export interface ApiSession {
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown): Promise<T>;
  put<T = unknown>(path: string, body?: unknown): Promise<T>;
  delete<T = unknown>(path: string): Promise<T>;
  /** The id of one of the user's clients, by name. */
  clientId(name: string): Promise<string>;
}

/**
 * Signs in through the API (cookie session and CSRF token, like the web app). Use it to set
 * the scene — many records, a second user's change — then check the result in the browser.
 */
export async function apiAs(email: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const baseUrl = inject('baseUrl');
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!login.ok) throw new Error(`Signing in ${email} answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { cookie };
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    patch: (path, body) => call('PATCH', path, body ?? {}),
    put: (path, body) => call('PUT', path, body ?? {}),
    delete: (path) => call('DELETE', path),
    async clientId(name) {
      const { clients } = await call<{ clients: { id: string; name: string }[] }>('GET', '/api/clients');
      const found = clients.find((c) => c.name === name);
      if (!found) throw new Error(`${email} has no client named ${name}`);
      return found.id;
    },
  };
}
