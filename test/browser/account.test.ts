import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, setupBrowser, signIn, unique } from './support.js';

/**
 * Changing one's password on the account page: a weak one is refused with the reason beside
 * the field, and a good one revokes the person's API tokens, which the page asks about with
 * revoking ticked.
 */
const browser = setupBrowser();
const PASSWORD = 'amber-gulls-over-the-pier';

describe('changing your password', () => {
  it('refuses a common password with the reason, then revokes your API tokens with the new one, as the ticked box offers', async () => {
    const admin = await apiAs(DEMO.admin);
    const email = `${unique('jordan')}@northbridge.example`;
    await admin.post('/api/users', { email, name: 'Jordan Pell', password: PASSWORD, firmRole: 'member' });
    const jordan = await apiAs(email, PASSWORD);
    await jordan.post('/api/me/tokens', { name: 'Nightly export', expiresInDays: 30 });

    const page = await browser.newPage();
    await signIn(page, email, { password: PASSWORD });
    await page.goto('/account');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Change password' }) });
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByLabel('New password', { exact: true }).fill('password12');
    await form.getByLabel('Repeat new password').fill('password12');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('This is a common password: it is on the lists of leaked passwords that attackers try first.', { exact: false }).first().waitFor();

    const revoke = form.getByRole('checkbox', { name: 'Also revoke my API token' });
    expect(await revoke.isChecked()).toBe(true);
    await form.getByLabel('New password', { exact: true }).fill('saltmarsh-heron-at-low-tide');
    await form.getByLabel('Repeat new password').fill('saltmarsh-heron-at-low-tide');
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed. Your other sessions were signed out and your API token was revoked.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Nightly export' });
    await row.getByText('Revoked').waitFor();
  });
});
