import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, DEMO, setupBrowser, signIn } from './support.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

/**
 * Single sign-on as a firm sets it up and its people use it: the firm admin fills in the
 * provider on the sign-in and security page, then a person signs in with the button, through a
 * real OpenID provider (node-oidc-provider) running in this test process on loopback.
 */
const browser = setupBrowser();
let idp: TestOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: [`${browser.baseUrl}/api/auth/sso/callback`] });
  idp.accounts.set(DEMO.advisor2, { email: DEMO.advisor2, email_verified: true, name: 'Priya Raman' });
  idp.accounts.set('someone@elsewhere.example', { email: 'someone@elsewhere.example', email_verified: true, name: 'Some One' });
});
afterAll(async () => {
  // Leave the shared server as it was: no single sign-on.
  const admin = await apiAs(DEMO.admin);
  const current = await admin.get<{ configured: boolean; issuer: string; clientId: string; allowedDomains: string[]; buttonLabel: string }>('/api/firm/sso');
  if (current.configured) {
    await admin.put('/api/firm/sso', { enabled: false, issuer: current.issuer, clientId: current.clientId, allowedDomains: current.allowedDomains, passwordSignIn: true, createUsers: false, buttonLabel: current.buttonLabel });
  }
  await idp.close();
});

describe('single sign-on', () => {
  it('a firm admin sets up the provider on the sign-in and security page', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.admin);
    await page.getByRole('link', { name: 'Sign-in and security' }).click();
    await page.getByRole('heading', { name: 'Sign-in and security', level: 1 }).waitFor();
    // The redirect URI to register at the provider is shown.
    await page.getByText(`${browser.baseUrl}/api/auth/sso/callback`).waitFor();
    await page.getByLabel('Issuer URL').fill(idp.issuer);
    await page.getByLabel('Client id').fill(idp.clientId);
    await page.getByLabel('Client secret').fill(idp.clientSecret);
    const domains = page.getByRole('combobox', { name: 'Allowed e-mail domains' });
    await domains.fill('northbridge.example');
    await domains.press('Enter');
    await page.getByLabel('Button on the sign-in page').fill('Sign in with Northbridge ID');
    await page.getByLabel('Single sign-on is on').check();
    await page.getByRole('button', { name: 'Save single sign-on' }).click();
    await page.getByText('Single sign-on is on.').waitFor();
    // Saved: the secret is not shown again, only that one is stored.
    await page.reload();
    await page.getByText('Stored; leave empty to keep it.').waitFor();
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');
    expect(await page.getByLabel('Issuer URL').inputValue()).toBe(idp.issuer);
  });

  it('a person signs in with the button through the provider and lands where they were going', async () => {
    const page = await browser.newPage();
    await page.goto('/account');
    await page.waitForURL('**/login?next=%2Faccount');
    await page.getByRole('link', { name: 'Sign in with Northbridge ID' }).click();
    // The provider's own page.
    await page.waitForURL(`${idp.issuer}/interaction/**`);
    await page.getByLabel('Account e-mail').fill(DEMO.advisor2);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('button', { name: 'Account menu' }).getByText('Priya Raman').waitFor();
  });

  it('a domain the firm does not allow comes back to the sign-in page with the reason', async () => {
    const page = await browser.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Northbridge ID' }).click();
    await page.getByLabel('Account e-mail').fill('someone@elsewhere.example');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/login?sso_error=*');
    const alert = page.getByRole('alert').filter({ hasText: 'Single sign-on did not work' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Addresses at elsewhere.example may not sign in to this firm (allowed: northbridge.example).');
    // Password sign-in is still there for those who may use it.
    await page.getByLabel('Password', { exact: true }).waitFor();
  });
});
