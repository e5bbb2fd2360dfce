import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, setupBrowser, signIn } from './support.js';

const browser = setupBrowser();

describe('signing in', () => {
  it('refuses a wrong password with a clear message and stays on the sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    // Signed out, the app sends the visitor to sign in.
    await page.waitForURL('**/login');
    await page.getByLabel('E-mail', { exact: true }).fill(DEMO.advisor);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The e-mail or password is wrong.');
    expect(new URL(page.url()).pathname).toBe('/login');
    // The password is cleared for the next try; the e-mail stays.
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe(DEMO.advisor);
  });

  it('with the right password lands on the portfolio, signed in as that person', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('button', { name: 'Account menu' }).getByText('Sam Okafor').waitFor();
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    expect(await page.title()).toBe('Portfolio · Triad');
  });

  it('brings a signed-out visitor back to the page they asked for', async () => {
    const page = await browser.newPage();
    await page.goto('/account');
    await page.waitForURL('**/login?next=%2Faccount');
    await page.getByLabel('E-mail', { exact: true }).fill(DEMO.accounting.viewer);
    await page.getByLabel('Password', { exact: true }).fill('triad-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
  });

  it('opens a link deep inside a client after signing in, and again when loaded afresh', async () => {
    const clientId = await (await apiAs(DEMO.advisor)).clientId(DEMO.clients.accounting);
    const risks = `/clients/${clientId}/risks`;
    const page = await browser.newPage();
    await page.goto(risks);
    await page.waitForURL(`**/login?next=${encodeURIComponent(risks)}`);
    await page.getByLabel('E-mail', { exact: true }).fill(DEMO.advisor);
    await page.getByLabel('Password', { exact: true }).fill('triad-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Risk register', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(risks);
    // A reload loads the frame, the client's layout and the module's page from scratch.
    await page.reload();
    await page.getByRole('heading', { name: 'Risk register', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Members', exact: true }).click();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    // No module at that path: the client's page-not-found, inside the app's frame.
    await page.goto(`/clients/${clientId}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('button', { name: 'Account menu' }).waitFor();
  });

  it('signs out from the account menu', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor2);
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    // The session is over: the app does not let them back in without signing in.
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('answers an unknown address inside the app with a page-not-found page', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    // Outside the app's routes the server itself answers 404 (test/api/health.test.ts).
    await page.goto('/admin/no-such-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Back to the portfolio' }).click();
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    // The parents of the client and admin pages lead to where their lists are.
    await page.goto('/admin');
    await page.waitForURL('**/admin/users');
    await page.goto('/clients');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
  });
});
