import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO, openClient, setupBrowser, signIn, unique, waitForText } from './support.js';

const browser = setupBrowser();

/** Opens the client's controls through the navigation. */
async function openControls(page: Page, client: string): Promise<void> {
  await openClient(page, client);
  await page.getByRole('navigation', { name: `${client} pages` }).getByRole('link', { name: 'Controls & maturity' }).click();
  await page.getByRole('heading', { name: 'Controls & maturity', level: 1 }).waitFor();
}

/** Picks an option of a Mantine Select inside `scope`. */
async function pick(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('textbox', { name: label }).or(scope.getByRole('combobox', { name: label })).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('controls and framework assessments', () => {
  it('an advisor assesses a category, attaches evidence, links a gap to a scenario, signs off, reads the maturity and the ranked gaps, turns a gap into an initiative, and reads the board pack', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.advisor);
    await openControls(page, DEMO.clients.manufacturer);

    // NIST CSF 2.0 is there for the firm: 6 functions, 22 categories, 106 subcategories.
    await page.getByRole('tab', { name: 'Catalogues' }).click();
    const catalogues = page.getByRole('table', { name: 'Catalogues' });
    const csf = catalogues.getByRole('row').filter({ hasText: 'Electronic Version of NIST Cybersecurity Framework 2.0' });
    await waitForText(csf, '6 function · 22 category · 106 subcategory');

    // An assessment of one category, the Policy outcomes of Govern.
    await page.getByRole('tab', { name: 'Assessments' }).click();
    await page.getByRole('button', { name: 'Start an assessment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start an assessment' });
    const title = unique('Policy review');
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByRole('radio', { name: 'Chosen functions or categories' }).check();
    await dialog.getByRole('combobox', { name: 'Functions or categories' }).click();
    await page.getByRole('option', { name: /GV\.PO Policy \(2\)/ }).click();
    await dialog.getByRole('combobox', { name: 'Functions or categories' }).press('Escape');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await waitForText(page.locator('body'), '0 of 2 answered');

    // Rate the first outcome below its target, with evidence: a link and a file.
    const first = page.getByRole('region', { name: 'GV.PO-01' });
    await first.getByText(/Policy for managing cybersecurity risks is established/).waitFor();
    await pick(page, first, 'Current tier', '2 · Risk Informed');
    await pick(page, first, 'Target tier', '3 · Repeatable');
    await pick(page, first, 'Owner', 'CISO');
    await first.getByLabel('Notes').fill('Policy drafted; not yet approved by the board.');
    await first.getByRole('button', { name: 'Save GV.PO-01' }).click();
    await first.getByText('Gap 1').waitFor();

    await first.getByRole('button', { name: 'Add a link' }).click();
    await first.getByLabel('Evidence title').fill('Information security policy (draft)');
    await first.getByLabel('Address (https://…)').fill('https://kestrel.example/policies/infosec-draft.pdf');
    await first.getByRole('button', { name: 'Add link' }).click();
    await first.getByRole('link', { name: /Information security policy \(draft\)/ }).waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), first.getByRole('button', { name: 'Attach a file' }).click()]);
    await chooser.setFiles({ name: 'board-minutes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% board minutes approving the policy\n') });
    const file = first.getByRole('link', { name: 'board-minutes.pdf' });
    await file.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), file.click()]);
    expect(download.suggestedFilename()).toBe('board-minutes.pdf');

    // The gap leaves the ransomware scenario exposed.
    await first.getByRole('button', { name: 'Link to risks' }).click();
    await first.getByRole('combobox', { name: 'Risk scenarios this gap leaves exposed' }).click();
    await page.getByRole('option', { name: /Ransomware stops production at the Dayton plant/ }).click();
    await first.getByRole('combobox', { name: 'Risk scenarios this gap leaves exposed' }).press('Escape');
    await first.getByRole('button', { name: 'Save links' }).click();
    await waitForText(first.getByRole('group', { name: 'Risks linked to GV.PO-01' }), /Ransomware stops production at the Dayton plant · \$[\d.]+[KM]? a year/);

    const second = page.getByRole('region', { name: 'GV.PO-02' });
    await pick(page, second, 'Current tier', '3 · Repeatable');
    await pick(page, second, 'Target tier', '3 · Repeatable');
    await second.getByRole('button', { name: 'Save GV.PO-02' }).click();
    await waitForText(page.locator('body'), '2 of 2 answered');

    // Signed off, it is frozen: no form is left.
    await page.getByRole('button', { name: 'Sign off…' }).click();
    const signOff = page.getByRole('dialog', { name: `Sign off ${title}` });
    await signOff.getByLabel('Note for the record').fill('Reviewed with Robert Kestrel.');
    await signOff.getByRole('button', { name: 'Sign off and complete' }).click();
    await page.getByText('Reviewed with Robert Kestrel.').waitFor();
    await page.getByText('Completed', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: /^Save GV/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign off…' }).count()).toBe(0);

    // The maturity chart and the ranked gaps.
    await page.getByRole('tab', { name: 'Maturity' }).click();
    await page.getByRole('img', { name: 'Maturity by function, current against target' }).locator('svg').first().waitFor();
    const byFunction = page.getByRole('table', { name: 'Maturity by function and category' });
    await waitForText(byFunction.getByRole('row').filter({ hasText: 'Govern' }).first(), /2\.5\s*3\.0\s*1/);
    await page.getByRole('tab', { name: 'Gaps' }).click();
    const gaps = page.getByRole('table', { name: 'Ranked gaps' });
    const row = gaps.getByRole('row').filter({ hasText: 'GV.PO-01' });
    await waitForText(row, /\$[\d,]+/);
    await waitForText(row, /Ransomware stops production/);
    expect(await gaps.getByRole('row').filter({ hasText: 'GV.PO-02' }).count()).toBe(0);

    // The gap becomes an initiative; the gap then shows it, and it is on the roadmap.
    await row.getByRole('button', { name: 'Turn GV.PO-01 into an initiative' }).click();
    const turn = page.getByRole('dialog', { name: 'Turn GV.PO-01 into an initiative' });
    await waitForText(turn, 'Owner CISO · Security');
    await turn.getByRole('button', { name: 'Propose initiative' }).click();
    const made = row.getByRole('link', { name: /^I\d+ · Q\d \d{4} · Proposed$/ });
    await made.waitFor();
    expect(await row.getByRole('button', { name: 'Turn GV.PO-01 into an initiative' }).count()).toBe(0);
    await made.click();
    await page.getByRole('heading', { name: 'Roadmap', level: 1 }).waitFor();
    const initiative = page.getByRole('dialog', { name: /^I\d+ Raise GV\.PO-01 to tier 3: Policy for managing cybersecurity risks/ });
    await waitForText(initiative, /Closes the framework gap GV\.PO-01 \(Policy for managing cybersecurity risks .*; from Policy review/);
    await initiative.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: /^Move I\d+ Raise GV\.PO-01 to tier 3/ }).waitFor();

    // The board pack reports the maturity.
    await page.getByRole('navigation', { name: `${DEMO.clients.manufacturer} pages` }).getByRole('link', { name: 'Board pack' }).click();
    await page.getByRole('heading', { name: 'Board pack', level: 1 }).waitFor();
    const label = (await page.getByRole('combobox', { name: 'Quarter' }).inputValue()).replace(' (this quarter)', '');
    await page.getByRole('button', { name: 'Generate draft' }).click();
    const packRow = page.getByRole('table', { name: 'Board packs' }).getByRole('row').filter({ hasText: label });
    await waitForText(packRow, 'Draft');
    await packRow.getByRole('link', { name: label, exact: true }).click();
    const section = page.getByRole('region', { name: 'Security maturity' });
    await waitForText(section, /Kestrel Precision Manufacturing stands at tier 2\.5 of 4 on average, against a target of 3\.0/);
    await section.getByRole('img', { name: /Maturity of Kestrel Precision Manufacturing by function/ }).locator('svg').first().waitFor();
    await waitForText(section, 'The largest gaps, by money at stake');
    await waitForText(section, /GV\.PO-01/);
  });

  it('a viewer reads the demo\u2019s assessments and what moved since last quarter, and can change nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.accounting.viewer);
    await openControls(page, DEMO.clients.accounting);
    expect(await page.getByRole('button', { name: 'Start an assessment' }).count()).toBe(0);
    const list = page.getByRole('table', { name: 'Assessments' });
    await list.getByRole('row').filter({ hasText: 'Completed' }).waitFor();
    await list.getByRole('link', { name: /NIST CSF 2\.0 review/ }).first().click();
    await waitForText(page.locator('body'), /106 of 106 answered/);
    await page.getByRole('region', { name: 'GV.OC-01' }).or(page.getByRole('region').first()).first().waitFor();
    expect(await page.getByRole('button', { name: /^Save / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a link' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Compare' }).click();
    await waitForText(page.locator('body'), /\d+ up, \d+ down/);
    await page.getByRole('table', { name: 'Outcomes compared' }).getByRole('row').filter({ hasText: 'PR.AA-03' }).waitFor();
  });

  it('a firm admin imports an OSCAL catalogue from the web app; a broken one is refused with the path of each problem', async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.admin);
    await openControls(page, DEMO.clients.saas);
    await page.getByRole('tab', { name: 'Catalogues' }).click();
    const fixture = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/modules/controls/oscal/fixtures/sp800-53-mini.json'));
    const doc = JSON.parse(fixture.toString('utf8')) as { catalog: { uuid: string; metadata: { title: string }; groups: { controls?: { title?: string }[] }[] } };
    doc.catalog.uuid = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    doc.catalog.metadata.title = unique('Access baseline');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import an OSCAL catalogue' }).click()]);
    await chooser.setFiles({ name: 'baseline.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await waitForText(page.getByRole('alert').or(page.locator('.mantine-Alert-root')).first(), /3 groups, 4 controls \(and 1 withdrawn, kept and marked\), 4 outcomes to assess/);
    await page.getByRole('table', { name: 'Catalogues' }).getByRole('row').filter({ hasText: doc.catalog.metadata.title }).waitFor();

    delete doc.catalog.groups[0]!.controls![0]!.title;
    doc.catalog.uuid = '1c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import an OSCAL catalogue' }).click()]);
    await again.setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    const refusal = page.getByRole('alert').filter({ hasText: 'The catalogue was not imported' });
    await waitForText(refusal, 'catalog.groups[0].controls[0].title: is missing');
    await waitForText(refusal, /Nothing was imported/);
  });
});
