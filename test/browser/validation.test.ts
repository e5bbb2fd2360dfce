import { describe, expect, it } from 'vitest';
import { DEMO, openClient, setupBrowser, signIn } from './support.js';

/** Validation up front: every problem at once, beside its field, in plain words, before sending. */

const browser = setupBrowser();

describe('validation in plain words', () => {
  it('shows three problems of a new system beside their fields at once, without sending it', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    await page.getByRole('navigation', { name: `${DEMO.clients.accounting} pages` }).getByRole('link', { name: 'Estate: services & systems' }).click();
    await page.getByRole('tab', { name: 'Systems & assets' }).click();
    await page.getByRole('button', { name: 'Add system' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a system or asset' });
    // The limits show before anything is typed.
    await dialog.getByText('At most 200 characters').first().waitFor();
    await dialog.getByText('At most 100 characters').waitFor();

    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/estate/systems')) posts.push(r.url());
    });
    await dialog.getByLabel('Name').fill('N'.repeat(201));
    await dialog.getByLabel('Asset tag').fill('T'.repeat(101));
    await dialog.getByLabel('End of life').fill('next spring');
    await dialog.getByRole('button', { name: 'Add system' }).click();

    const name = dialog.getByLabel('Name');
    await dialog.getByText('Name must be at most 200 characters').waitFor();
    await dialog.getByText('Asset tag must be at most 100 characters').waitFor();
    await dialog.getByText('End of life must be a date YYYY-MM-DD').waitFor();
    // Each message is the field's own (aria-describedby), not a list at the top.
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const own = await Promise.all(describedBy.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(own.join(' ')).toContain('Name must be at most 200 characters');
    expect(await dialog.getByLabel('Name').inputValue()).toHaveLength(201);
    expect(posts).toEqual([]);
  });
});
