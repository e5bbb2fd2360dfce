import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, apiAs, DEMO, setupBrowser, signIn, unique } from './support.js';

/**
 * Two-step sign-in as a person uses it: set it up on the account page with the QR code's
 * secret, keep the recovery codes, then sign in with a code and with a recovery code.
 * The test server's clock is the tests' to move, so codes are made for the server's time.
 */
const browser = setupBrowser();
// People of their own: the other browser tests sign the demo's people in with a password alone.
const PASSWORD = 'a-long-test-password';
let who = '';
let second = '';
let secret = '';
let recoveryCodes: string[] = [];

/** A code for the server's current time, after moving it on by a step (a code works once). */
async function nextCode(): Promise<string> {
  const now = await advanceClock(31 / 86_400);
  return generate({ secret, epoch: Math.floor(Date.parse(now) / 1000) });
}

async function passwordStep(page: Page, email: string = who): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

beforeAll(async () => {
  const admin = await apiAs(DEMO.admin);
  who = `${unique('casey')}@northbridge.example`;
  second = `${unique('robin')}@northbridge.example`;
  await admin.post('/api/users', { email: who, name: 'Casey Tran', password: PASSWORD, firmRole: 'member' });
  await admin.post('/api/users', { email: second, name: 'Robin Alder', password: PASSWORD, firmRole: 'member' });
});

describe('two-step sign-in', () => {
  it('is set up on the account page by scanning the QR code, and shows the recovery codes once', async () => {
    const page = await browser.newPage();
    await signIn(page, who, { password: PASSWORD });
    await page.goto('/account');
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    secret = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('That code is not right').first().waitFor();
    await page.getByLabel('Code from the app').fill(await nextCode());
    await page.getByRole('button', { name: 'Turn on' }).click();
    const list = page.getByRole('list', { name: 'Recovery codes' });
    await list.waitFor();
    recoveryCodes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('10 of 10 recovery codes left.', { exact: false }).waitFor();
    // Shown once: after a reload the codes are nowhere on the page.
    await page.reload();
    await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
    expect(await page.getByText(recoveryCodes[0]!).count()).toBe(0);
  });

  it('asks for the code after the password; a wrong one is refused, the right one signs in', async () => {
    const page = await browser.newPage();
    await passwordStep(page);
    await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
    await page.getByLabel('Authentication code').fill('123456');
    await page.getByRole('button', { name: 'Verify' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('That code is not right (4 tries left).');
    await page.getByLabel('Authentication code').fill(await nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Account menu' }).getByText('Casey Tran').waitFor();
  });

  it('takes a recovery code instead, once', async () => {
    const page = await browser.newPage();
    await passwordStep(page);
    await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    await page.goto('/account');
    await page.getByText('9 of 10 recovery codes left.', { exact: false }).waitFor();
  });
});

describe('a firm that requires two-step sign-in', () => {
  // Once it is required the admin too would need a second step to sign in; a personal API token
  // is not affected, so the clean-up uses one.
  let token = '';
  beforeAll(async () => {
    token = (await (await apiAs(DEMO.admin)).post<{ token: string }>('/api/me/tokens', { name: 'browser test clean-up', expiresInDays: 1 })).token;
  });
  afterAll(async () => {
    // The other browser tests sign in with passwords alone.
    const res = await fetch(`${browser.baseUrl}/api/firm/security`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mfaRequired: false }),
    });
    if (!res.ok) throw new Error(`turning the requirement off answered ${res.status}: ${await res.text()}`);
  });

  it('has a firm admin turn it on, and a person set it up at their next sign-in before getting in', async () => {
    const admin = await browser.newPage();
    await signIn(admin, DEMO.admin);
    await admin.goto('/admin/security');
    const required = admin.getByRole('switch', { name: 'Require two-step sign-in for password users' });
    // The switch shows the saved setting: it turns on once the server has it.
    await required.click();
    await admin.getByText('Two-step sign-in is now required for password users.').waitFor();
    expect(await required.isChecked()).toBe(true);

    const page = await browser.newPage();
    await passwordStep(page, second);
    await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
    await page.getByText('Your firm requires a second step').waitFor();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const theirs = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s+/g, '');
    const now = await advanceClock(31 / 86_400);
    await page.getByLabel('Code from the app').fill(await generate({ secret: theirs, epoch: Math.floor(Date.parse(now) / 1000) }));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('heading', { name: 'Two-step sign-in is on' }).waitFor();
    expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
    await page.getByRole('button', { name: 'Continue to Triad' }).click();
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Account menu' }).getByText('Robin Alder').waitFor();
    // While it is required, the account page does not offer to turn it off.
    await page.goto('/account');
    await page.getByText('Your firm requires it, so it cannot be turned off.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Turn off' }).count()).toBe(0);

    // Lost phone and codes: a firm admin resets it from the firm's users.
    await admin.goto('/admin/users');
    await admin.getByRole('button', { name: 'Reset two-step sign-in of Robin Alder' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Reset two-step sign-in' }).click();
    await admin.getByText('Robin Alder\'s two-step sign-in was removed', { exact: false }).waitFor();
    await passwordStep(page, second);
    await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
  });
});
