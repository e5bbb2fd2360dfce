import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advanceClock, apiAs, DEMO, openClient, runDueJobs, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

/** Opens the bell in the header and follows the notification with this title. */
async function openNotification(page: Page, title: string): Promise<void> {
  const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  await bell.click();
  await page.getByRole('button', { name: `Unread: ${title}` }).click();
}

describe('governance: dissent reaches the executives', () => {
  it('records positions that disagree, escalates to an executive, who is notified and decides', async () => {
    const sam = await apiAs(DEMO.advisor);
    const clientId = await sam.clientId(DEMO.clients.accounting);
    const title = unique('Let partners forward client mail to personal accounts');
    const decision = await sam.post<{ id: string }>(`/api/clients/${clientId}/governance/decisions`, {
      title,
      proposal: 'Partners may auto-forward client e-mail to their personal mailboxes during busy season.',
      seats: ['CIO', 'CISO'],
      options: [
        { title: 'Allow auto-forwarding', cost: 0, riskEffect: 'Client data leaves the tenant', proposed: true },
        { title: 'Mobile app with app protection', cost: 3000, riskEffect: 'Data stays managed' },
      ],
    });

    // The CIO (Tom, in-house) supports it, through the app.
    const tom = await browser.newPage();
    await signIn(tom, DEMO.accounting.contributor);
    await openClient(tom, DEMO.clients.accounting);
    await tom.getByRole('navigation', { name: `${DEMO.clients.accounting} pages` }).getByRole('link', { name: 'Governance: seats & decisions' }).click();
    await tom.getByRole('heading', { name: 'Governance', level: 1 }).waitFor();
    await tom.getByRole('tab', { name: 'Decisions' }).click();
    await tom.getByRole('link', { name: title }).click();
    await tom.getByRole('heading', { name: title, level: 1 }).waitFor();
    const tomForm = tom.getByRole('region', { name: 'Record a position' });
    await tomForm.getByLabel('Supports').check();
    await tomForm.getByLabel('Rationale').fill('Partners need their mail on the road.');
    await tomForm.getByRole('button', { name: 'Record position' }).click();
    await waitForText(tom.getByRole('region', { name: 'CIO position' }), 'Partners need their mail on the road.');
    expect(await tom.getByText('Escalated: awaiting an executive').count()).toBe(0);

    // The CISO (Sam, the firm's advisor) opposes it: the seats disagree.
    const samPage = await browser.newPage();
    await signIn(samPage, DEMO.advisor, { next: `/clients/${clientId}/governance/decisions/${decision.id}` });
    await samPage.getByRole('heading', { name: title, level: 1 }).waitFor();
    const samForm = samPage.getByRole('region', { name: 'Record a position' });
    await samForm.getByLabel('Opposes').check();
    await samForm.getByLabel('Rationale').fill('Client tax data would sit in consumer mailboxes we cannot wipe.');
    await samForm.getByRole('button', { name: 'Record position' }).click();
    await samPage.getByText(`The seats disagree: the decision goes to the executives of ${DEMO.clients.accounting}.`).waitFor();
    await samPage.getByText('Escalated: awaiting an executive').waitFor();
    // A seat cannot close it.
    expect(await samPage.getByRole('region', { name: 'Decide' }).count()).toBe(0);

    // The executive is notified, finds it awaiting her, sees both positions and decides.
    const margaret = await browser.newPage();
    await signIn(margaret, DEMO.accounting.executive);
    await openNotification(margaret, `Decision for you: ${title}`);
    await margaret.getByRole('heading', { name: title, level: 1 }).waitFor();
    await margaret.getByText('Escalated: awaiting an executive').waitFor();
    await waitForText(margaret.getByRole('region', { name: 'CIO position' }), 'supports');
    await waitForText(margaret.getByRole('region', { name: 'CISO position' }), 'opposes');
    const decide = margaret.getByRole('region', { name: 'Decide' });
    await decide.getByLabel('Decision', { exact: true }).fill('No forwarding. Partners get the managed mobile app before January.');
    await decide.getByRole('combobox', { name: 'Chosen option' }).click();
    await margaret.getByRole('option', { name: 'Mobile app with app protection' }).click();
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    const outcome = margaret.getByRole('region', { name: 'Outcome' });
    await waitForText(outcome, 'No forwarding.');
    expect(await outcome.textContent()).toContain('Margaret Finch (executive)');
    expect(await margaret.getByText('Escalated: awaiting an executive').count()).toBe(0);

    // It is no longer among the decisions for the board.
    const board = await sam.get<{ decisionsForTheBoard: { id: string }[] }>(`/api/clients/${clientId}/governance/board`);
    expect(board.decisionsForTheBoard.map((d) => d.id)).not.toContain(decision.id);
  });
});

describe('governance: risk acceptance', () => {
  it('a contributor asks, an executive approves, and on expiry the risk reopens', async () => {
    const sam = await apiAs(DEMO.advisor);
    const clientId = await sam.clientId(DEMO.clients.accounting);
    const riskTitle = unique('Reception kiosk runs an old browser');
    const risk = await sam.post<{ id: string }>(`/api/clients/${clientId}/risks`, {
      title: riskTitle,
      ownerSeat: 'CIO',
      inputs: { lossEventFrequency: { type: 'constant', value: 0.2 }, primaryLoss: { type: 'constant', value: 2500 } },
    });
    await runDueJobs();
    const today = (await advanceClock(0)).slice(0, 10);
    const expiresOn = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);

    // Tom, a contributor, asks for it to be accepted.
    const tom = await browser.newPage();
    await signIn(tom, DEMO.accounting.contributor, { next: `/clients/${clientId}/governance/acceptances` });
    await tom.getByRole('button', { name: 'Request acceptance' }).click();
    const dialog = tom.getByRole('dialog', { name: 'Request a risk acceptance' });
    const picker = dialog.getByLabel('Risk scenarios');
    await picker.click();
    await picker.fill(riskTitle.slice(0, 20));
    await tom.getByRole('option', { name: new RegExp(riskTitle) }).click();
    await dialog.getByLabel('Justification').fill('The kiosk is replaced in the spring; it holds no client data.');
    await dialog.getByLabel('Expires on').fill(expiresOn);
    await dialog.getByRole('button', { name: 'Send for approval' }).click();
    await tom.getByRole('heading', { name: riskTitle, level: 1 }).waitFor();
    await tom.getByText('Awaiting approval', { exact: true }).waitFor();
    // The requester cannot approve it.
    expect(await tom.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // Margaret, an executive, is asked and approves.
    const margaret = await browser.newPage();
    await signIn(margaret, DEMO.accounting.executive);
    await openNotification(margaret, `Risk acceptance to approve: ${riskTitle}`);
    await margaret.getByRole('heading', { name: riskTitle, level: 1 }).waitFor();
    await margaret.getByRole('button', { name: 'Approve' }).click();
    const approve = margaret.getByRole('dialog');
    await approve.getByLabel('Note (optional)').fill('Until the kiosk is replaced.');
    await approve.getByRole('button', { name: 'Approve' }).click();
    await margaret.getByText('Accepted', { exact: true }).waitFor();
    await waitForText(margaret.getByRole('region', { name: 'Request' }), 'Approved by Margaret Finch (executive)');
    expect((await sam.get<{ status: string }>(`/api/clients/${clientId}/risks/${risk.id}`)).status).toBe('accepted');

    // Three days later the acceptance has lapsed and the risk is open again.
    await advanceClock(3);
    const later = await browser.newPage();
    await signIn(later, DEMO.accounting.executive, { next: `/clients/${clientId}/governance/acceptances` });
    await later.getByRole('link', { name: riskTitle }).click();
    await later.getByText('Expired', { exact: true }).waitFor();
    await later.getByText(/the risk reopened/).waitFor();
    const reopened = await (await apiAs(DEMO.advisor)).get<{ status: string; statusReason: string }>(`/api/clients/${clientId}/risks/${risk.id}`);
    expect(reopened.status).toBe('open');
    expect(reopened.statusReason).toContain(`expired on ${expiresOn}`);
  });
});
