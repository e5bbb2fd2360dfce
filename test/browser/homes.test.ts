import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, DEMO, DEMO_PASSWORD, setupBrowser, unique } from './support.js';

/**
 * Each person's first screen: signed in as an executive, an advisor, a contributor and a firm
 * administrator, at a desktop's width and a phone's, the first thing that waits for them is on
 * the first screen, with no console error and no failed request. Screenshots of each home go
 * to docs/screenshots/ (see the README).
 */

const browser = setupBrowser();
const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

let decisionForExecutive = '';
let decisionForContributor = '';

beforeAll(async () => {
  // Something waits for each person at Harbor & Finch: a decision escalated to the executives
  // (the CIO supports, the CISO opposes) and one waiting for the CIO's position.
  const sam = await apiAs(DEMO.advisor);
  const tom = await apiAs(DEMO.accounting.contributor);
  const harbor = await sam.clientId(DEMO.clients.accounting);
  const gov = `/api/clients/${harbor}/governance/decisions`;
  decisionForExecutive = unique('Outsource the help desk');
  const escalated = await sam.post<{ id: string }>(gov, { title: decisionForExecutive, proposal: 'Proceed.', seats: ['CIO', 'CISO'], options: [] });
  await tom.put(`${gov}/${escalated.id}/positions/CIO`, { stance: 'supports', rationale: 'Cheaper.' });
  await sam.put(`${gov}/${escalated.id}/positions/CISO`, { stance: 'opposes', rationale: 'Access to everything.' });
  decisionForContributor = unique('Move backups to immutable storage');
  await sam.post(gov, { title: decisionForContributor, proposal: 'Proceed.', seats: ['CIO', 'CISO'], options: [] });
});

/** A page of the given size that records console errors and failed requests. */
async function watchedPage(size: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize(size);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return { page, problems };
}

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** True when the element lies wholly inside the first screen (no scrolling). */
async function onFirstScreen(page: Page, locator: Locator): Promise<boolean> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width + 1;
}

interface Person {
  key: string;
  email: string;
  /** The first thing waiting for them, as it shows on their home. */
  firstTask: (page: Page) => Locator;
  /** The task this file arranged for them, which must be among those listed. */
  arranged?: (page: Page) => Locator;
}

const PEOPLE: Person[] = [
  {
    key: 'executive',
    email: DEMO.accounting.executive,
    firstTask: (page) => page.getByRole('list', { name: 'Waiting for you' }).getByRole('link').first(),
    arranged: (page) => page.getByRole('list', { name: 'Waiting for you' }).getByRole('link', { name: `Decide: ${decisionForExecutive}` }),
  },
  {
    key: 'contributor',
    email: DEMO.accounting.contributor,
    firstTask: (page) => page.getByRole('list', { name: 'Your tasks' }).getByRole('link').first(),
    arranged: (page) => page.getByRole('list', { name: 'Your tasks' }).getByRole('link', { name: `Give your position as CIO: ${decisionForContributor}` }),
  },
  {
    key: 'advisor',
    email: DEMO.advisor,
    firstTask: (page) => page.getByRole('table').getByRole('row').nth(1).getByText(/escalation|Above appetite|task/).first(),
  },
  {
    key: 'firm-admin',
    email: DEMO.admin,
    firstTask: (page) => page.getByRole('table').getByRole('row').nth(1).getByText(/escalation|Above appetite|task/).first(),
  },
];

describe('each person\u2019s home', () => {
  for (const person of PEOPLE) {
    for (const [screen, size] of Object.entries(VIEWPORTS)) {
      it(`shows the ${person.key} their first task on the first screen (${screen})`, async () => {
        const { page, problems } = await watchedPage(size);
        await signInAs(page, person.email);
        const task = person.firstTask(page);
        expect(await onFirstScreen(page, task), `${person.key}'s first task on the first screen`).toBe(true);
        if (person.arranged) await person.arranged(page).waitFor();
        // Let the page finish its requests before judging them.
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: path.join(SHOTS, `home-${person.key}-${screen}.png`) });
        expect(problems).toEqual([]);
      });
    }
  }

  it('lands an executive on their company with the risk against the appetite in one sentence and a chart', async () => {
    const { page } = await watchedPage(VIEWPORTS.desktop);
    await signInAs(page, DEMO.accounting.executive);
    await page.getByRole('heading', { name: DEMO.clients.accounting, level: 1 }).waitFor();
    const risk = page.getByRole('region', { name: 'Risk against appetite' });
    await risk.getByText(/We expect to lose about \$[\d.]+[KM]? a year/).waitFor();
    await risk.getByRole('img', { name: 'Loss exceedance curve against the risk appetite' }).waitFor();
    await page.getByRole('region', { name: 'Next board pack' }).getByText(/board pack/).first().waitFor();
  });
});

// The screenshots are part of the docs: make sure the folder is there before the tests write.
fs.mkdirSync(SHOTS, { recursive: true });
