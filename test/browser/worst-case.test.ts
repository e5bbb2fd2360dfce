import { describe, expect, it } from 'vitest';
import { apiAs, DEMO, openClient, runDueJobs, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

interface WorstCase {
  chosenId: string | null;
  scenario: { id: string; ref: string } | null;
  candidates: { id: string; ref: string }[];
}

describe('the ransomware worst case', () => {
  it('an advisor chooses the register scenario it is priced from, and the one-pager follows', async () => {
    const sam = await apiAs(DEMO.advisor);
    const harbor = await sam.clientId(DEMO.clients.accounting);
    const before = await sam.get<WorstCase>(`/api/clients/${harbor}/risks/worst-case`);
    expect(before.scenario).not.toBeNull();
    // A second, larger ransomware scenario: the one-pager does not switch to it by itself.
    const title = unique('Ransomware through the remote desktop gateway');
    const added = await sam.post<{ id: string; ref: string }>(`/api/clients/${harbor}/risks`, { title, template: 'ransomware', templateParams: { successRate: 0.2, outageHoursHigh: 600 } });
    await runDueJobs();
    await expect.poll(async () => (await sam.get<WorstCase>(`/api/clients/${harbor}/risks/worst-case`)).candidates.some((c) => c.id === added.id)).toBe(true);
    expect((await sam.get<WorstCase>(`/api/clients/${harbor}/risks/worst-case`)).chosenId).toBe(before.chosenId);

    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openClient(page, DEMO.clients.accounting);
    await page.getByRole('navigation', { name: `${DEMO.clients.accounting} pages` }).getByRole('link', { name: 'Board pack' }).click();
    await page.getByRole('tab', { name: 'Ransomware worst case' }).click();
    await waitForText(page.locator('body'), `the figures of the risk register's scenario ${before.scenario!.ref}.`);
    const choice = page.getByRole('region', { name: 'What the worst case is priced from' });
    await choice.getByRole('combobox', { name: "Priced from the register's scenario" }).click();
    await page.getByRole('option', { name: new RegExp(`^${added.ref} ${title}`) }).click();
    await choice.getByRole('button', { name: 'Save' }).click();
    await waitForText(page.locator('body'), `the figures of the risk register's scenario ${added.ref}.`);
    await waitForText(page.locator('body'), /High end, \$[\d,]+: a 600-hour outage and the data published/);
    expect((await sam.get<WorstCase>(`/api/clients/${harbor}/risks/worst-case`)).chosenId).toBe(added.id);
    const trail = await sam.get<{ entries: { after: { ref: string } }[] }>(`/api/clients/${harbor}/audit?action=risk.worst-case.update&limit=1`);
    expect(trail.entries[0]!.after.ref).toBe(added.ref);

    // An executive reads which scenario it is priced from, and cannot change it.
    const margaret = await browser.newPage();
    await signIn(margaret, DEMO.accounting.executive, { next: new URL(page.url()).pathname });
    await waitForText(margaret.locator('body'), `Priced from the register's ${added.ref} ${title}`);
    expect(await margaret.getByRole('button', { name: 'Save' }).count()).toBe(0);

    // Back to the scenario the other tests read.
    await sam.put(`/api/clients/${harbor}/risks/worst-case`, { scenarioId: before.chosenId });
  });
});
