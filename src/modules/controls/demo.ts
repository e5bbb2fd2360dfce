/**
 * Demo assessments for Harbor & Finch CPAs (the firm's vCISO client): a NIST CSF 2.0 review
 * completed and signed off last quarter, and this quarter's started as its copy, with a few
 * outcomes moved, evidence (links and files), gaps linked to the risk register's scenarios and
 * treatments, and a category the client's IT lead has been asked to answer.
 */
import type { Actor, AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { ManualClock } from '../../server/clock.js';
import type { DemoClient } from '../../server/module.js';
import { addDays, addMonths } from '../../shared/dates.js';
import { clientInfo, getClientRow } from '../clients/clients.js';
import { updateAnswer } from './answers.js';
import { completeAssessment, createAssessment } from './assessments.js';
import { ensureBuiltinCatalogues, CSF_KEY } from './builtin.js';
import { addEvidenceFile, addEvidenceLink } from './evidence.js';
import { setLinks } from './links.js';
import { createRequest } from './requests.js';
import { riskIndex } from './risk.js';
import type { Seat } from './schema.js';

/** Current tier last quarter and target, by category; outcomes listed below differ. */
const CATEGORY: Record<string, [current: number, target: number, owner: Seat]> = {
  'GV.OC': [2, 3, 'CISO'], 'GV.OV': [2, 2, 'CISO'], 'GV.PO': [3, 3, 'CISO'], 'GV.RM': [2, 3, 'CISO'], 'GV.RR': [2, 3, 'CISO'], 'GV.SC': [1, 3, 'CISO'],
  'ID.AM': [2, 3, 'CIO'], 'ID.IM': [2, 2, 'CISO'], 'ID.RA': [2, 3, 'CISO'],
  'PR.AA': [2, 3, 'CISO'], 'PR.AT': [2, 3, 'CISO'], 'PR.DS': [2, 3, 'CISO'], 'PR.IR': [2, 3, 'CIO'], 'PR.PS': [2, 3, 'CIO'],
  'DE.AE': [1, 3, 'CISO'], 'DE.CM': [1, 3, 'CISO'],
  'RS.AN': [1, 2, 'CISO'], 'RS.CO': [2, 2, 'CISO'], 'RS.MA': [2, 3, 'CISO'], 'RS.MI': [2, 3, 'CISO'],
  'RC.CO': [2, 3, 'CIO'], 'RC.RP': [2, 3, 'CIO'],
};

const OUTCOMES: Record<string, { current?: number; target?: number; notes?: string }> = {
  'GV.OC-03': { current: 3, target: 4, notes: 'IRS Publication 4557 and the FTC Safeguards Rule apply; the written information security plan (WISP) maps to both.' },
  'GV.PO-02': { current: 2, notes: 'Policy last reviewed 2024; annual review not yet in the calendar.' },
  'GV.SC-07': { current: 1, notes: 'No security review of the document portal or the tax software vendor yet.' },
  'ID.AM-01': { current: 3 },
  'PR.AA-01': { current: 3 },
  'PR.AA-03': { current: 2, target: 4, notes: 'MFA on Microsoft 365 for staff; partners still on SMS codes; the tax software has no MFA enforced.' },
  'PR.AT-01': { current: 2, notes: 'Yearly phishing training; no simulated phishing since the W-2 scam attempt.' },
  'PR.DS-01': { current: 2, target: 4, notes: 'Laptops encrypted (BitLocker); the file server and the scanner share are not.' },
  'PR.DS-11': { current: 2, notes: 'Nightly backups to the cloud; restore tested once a year.' },
  'PR.PS-02': { current: 3 },
  'DE.CM-01': { current: 1, notes: 'No monitoring of the office network or of Microsoft 365 sign-ins beyond the defaults.' },
  'DE.CM-09': { current: 2 },
  'RS.MA-01': { current: 2, notes: 'Incident response plan written with the insurer\u2019s template; never rehearsed.' },
  'RC.RP-03': { current: 1, target: 3, notes: 'The last full restore took four days and one share was missing from the backup set.' },
  'RC.RP-01': { current: 2 },
};

const NOT_APPLICABLE: Record<string, string> = {
  'PR.PS-06': 'Harbor & Finch develops no software of its own; its applications are bought as services.',
  'GV.SC-10': 'No supplier relationship ends this year; reviewed again at the next renewal cycle.',
};

/** This quarter's review: what moved since the last one. */
const MOVED: Record<string, { current: number; notes: string }> = {
  'PR.AA-03': { current: 3, notes: 'Security keys issued to the partners in October; the tax software now enforces MFA.' },
  'RC.RP-03': { current: 2, notes: 'Quarterly restore tests started with the immutable cloud backup; the August test restored everything in 9 hours.' },
  'DE.CM-01': { current: 2, notes: 'Managed detection and response onboarding under way; office network monitored since November.' },
  'PR.AT-01': { current: 1, notes: 'Two new hires have not had any security training yet.' },
  'DE.CM-03': { current: 2, notes: 'Sign-in alerts from Microsoft 365 now reach the MDR provider.' },
  'DE.AE-02': { current: 2, notes: 'Alerts are triaged by the MDR provider around the clock.' },
  'RC.RP-01': { current: 3, notes: 'The recovery plan was run end to end in the restore test.' },
  'RC.RP-02': { current: 3, notes: 'Recovery order agreed: tax software, documents, then e-mail.' },
  'PR.DS-11': { current: 3, notes: 'Immutable cloud backups, restored every quarter.' },
  'GV.PO-02': { current: 3, notes: 'Policy review now on the partners\u2019 meeting calendar each January.' },
  'GV.RR-02': { current: 3, notes: 'CISO and CIO responsibilities written into the advisory contract.' },
  'ID.AM-02': { current: 3, notes: 'Software inventory generated by the endpoint agent.' },
};

/** Gaps linked to the scenarios they leave exposed (by title) and the treatments that implement them. */
const LINKS: Record<string, { scenarios: string[]; treatments: string[] }> = {
  'RC.RP-03': { scenarios: ['Backups fail when a restore is needed', 'Ransomware encrypts client files before the tax deadline'], treatments: ['Immutable cloud backups with quarterly restore tests'] },
  'PR.AA-03': { scenarios: ['Microsoft 365 account takeover', 'Fraudulent wire instructions sent to clients'], treatments: ['Multi-factor authentication for e-mail and remote access'] },
  'DE.CM-01': { scenarios: ['Ransomware encrypts client files before the tax deadline'], treatments: ['Managed endpoint detection and response'] },
  'PR.DS-01': { scenarios: ['Laptop with client files lost or stolen', 'Breach of client tax records (SSNs, income, bank details)'], treatments: [] },
  'GV.SC-07': { scenarios: ['Document portal provider is breached'], treatments: [] },
  'PR.AT-01': { scenarios: ['W-2 phishing scam discloses staff records'], treatments: [] },
  'RS.MA-01': { scenarios: ['Ransomware encrypts client files before the tax deadline'], treatments: [] },
};

/** The calendar quarter a date falls in: first and last day, and `Q4 2026`. */
function quarterOf(day: string): { start: string; end: string; label: string } {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const start = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addDays(addMonths(start, 3), -1), label: `Q${q + 1} ${y}` };
}

/** More of what the firm keeps on its intranet, linked as evidence. */
const EVIDENCE: [controlId: string, title: string, path: string][] = [
  ['GV.OC-01', 'Firm profile and services', 'firm/profile.pdf'],
  ['GV.RR-01', 'Engagement letter of the vCISO (roles and accountability)', 'contracts/vciso-engagement.pdf'],
  ['GV.RR-02', 'Security roles in the employee handbook', 'hr/handbook-security-roles.pdf'],
  ['GV.RM-01', 'Risk appetite statement approved by the partners', 'policies/risk-appetite.pdf'],
  ['GV.SC-04', 'Vendor list with criticality', 'it/vendors.xlsx'],
  ['ID.AM-02', 'Software inventory', 'it/software-inventory.xlsx'],
  ['ID.RA-01', 'Vulnerability scan report', 'it/scans/2026-07.pdf'],
  ['PR.AA-03', 'Conditional access policy (Entra ID export)', 'it/conditional-access.json'],
  ['PR.AT-01', 'Security awareness training completion', 'hr/training-2026.xlsx'],
  ['PR.DS-01', 'BitLocker compliance report', 'it/bitlocker-report.pdf'],
  ['PR.PS-02', 'Patch compliance dashboard', 'it/patching'],
  ['PR.IR-01', 'Network diagram', 'it/network-diagram.pdf'],
  ['DE.CM-09', 'Endpoint protection console export', 'it/endpoint-status.csv'],
  ['RS.CO-02', 'Breach notification procedure (state laws)', 'policies/breach-notification.pdf'],
  ['RC.RP-01', 'Recovery runbook', 'it/recovery-runbook.docx'],
  ['RC.CO-03', 'Client communication templates for an outage', 'policies/outage-templates.docx'],
];

function actorFor(user: { id: string; email: string; name: string }, firmId: string, firmRole: Actor['firmRole']): Actor {
  return { userId: user.id, label: `${user.name} <${user.email}>`, firmId, firmRole, email: user.email };
}

/** A small PDF, the kind of evidence people attach (made here, so the demo needs no files). */
async function restoreReportPdf(date: string): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Restore test report', CreationDate: new Date(`${date}T12:00:00Z`) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(18).text('Harbor & Finch CPAs: restore test report');
  doc.moveDown().fontSize(11).text(`Date: ${date}`);
  doc.text('Scope: file server (client files 2005-2026), document management system, Microsoft 365 mailboxes.');
  doc.text('Result: all shares restored from the immutable cloud backup in 9 hours; 3 files failed checksum and were restored from the previous day.');
  doc.text('Tested by: Tom Alvarez (IT lead); witnessed by Sam Okafor (vCISO).');
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

export async function seedControlsDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  if (client.key !== 'accounting') return;
  const row = await getClientRow(ctx, client.id);
  await ensureBuiltinCatalogues(ctx, row.firm_id);
  const csf = await ctx.database.db.selectFrom('ctl_catalogues').select('id').where('firm_id', '=', row.firm_id).where('builtin', '=', CSF_KEY).executeTakeFirstOrThrow();
  const advisorUser = client.users.advisor ?? client.users.admin!;
  const actor = actorFor(advisorUser, row.firm_id, 'advisor');

  // Last quarter's review happened last quarter: its changes carry those dates.
  const thisQuarter = quarterOf(ctx.clock.now().toISOString().slice(0, 10));
  const lastQuarter = quarterOf(addDays(thisQuarter.start, -1));
  const clock = new ManualClock(`${addDays(lastQuarter.end, -40)}T14:00:00.000Z`);
  const then = new ClientScope({ ...ctx, clock }, clientInfo(row), actor, 'advisor');
  const q3 = await createAssessment(then, { title: `${lastQuarter.label} NIST CSF 2.0 review`, catalogueId: csf.id, scale: 'csf-tiers' });
  const outcomes = await then.db.selectFrom('ctl_answers').select(['control_id', 'category_id']).where('assessment_id', '=', q3.id).orderBy('position').execute();
  for (const o of outcomes) {
    const na = NOT_APPLICABLE[o.control_id];
    if (na) {
      await updateAnswer(then, q3.id, o.control_id, { notApplicable: true, naReason: na });
      continue;
    }
    const [current, target, owner] = CATEGORY[o.category_id ?? ''] ?? [2, 3, 'CISO'];
    const x = OUTCOMES[o.control_id] ?? {};
    await updateAnswer(then, q3.id, o.control_id, { current: x.current ?? current, target: x.target ?? target, ownerSeat: owner, ...(x.notes ? { notes: x.notes } : {}) });
  }
  clock.advanceDays(3);
  await addEvidenceLink(then, q3.id, 'GV.PO-01', { title: 'Written information security plan (WISP) v3', url: 'https://harborfinch.sharepoint.example/policies/wisp-v3.pdf' });
  await addEvidenceLink(then, q3.id, 'GV.OC-03', { title: 'Safeguards Rule and IRS Pub. 4557 requirements map', url: 'https://harborfinch.sharepoint.example/policies/requirements-map.xlsx' });
  await addEvidenceLink(then, q3.id, 'ID.AM-01', { title: 'Hardware inventory (asset tool export)', url: 'https://harborfinch.sharepoint.example/it/inventory' });
  await addEvidenceLink(then, q3.id, 'PR.AA-01', { title: 'Joiner-mover-leaver checklist', url: 'https://harborfinch.sharepoint.example/it/jml-checklist.docx' });
  await addEvidenceLink(then, q3.id, 'RS.MA-01', { title: 'Incident response plan (insurer template)', url: 'https://harborfinch.sharepoint.example/policies/incident-response.pdf' });
  for (const [controlId, title, path] of EVIDENCE) await addEvidenceLink(then, q3.id, controlId, { title, url: `https://harborfinch.sharepoint.example/${path}` });
  const restoreDate = addDays(lastQuarter.end, -50);
  const pdf = await restoreReportPdf(restoreDate);
  await addEvidenceFile(then, q3.id, 'PR.DS-11', { fileName: `restore-test-${restoreDate}.pdf`, title: 'Restore test report', mediaType: 'application/pdf' }, [pdf], pdf.length);

  const risks = await riskIndex(then);
  const scenarioId = (title: string): string[] => [...risks.scenarios.values()].filter((s) => s.title === title).map((s) => s.id);
  const treatmentId = (name: string): string[] => [...risks.treatments.values()].filter((t) => t.name === name).map((t) => t.id);
  for (const [controlId, l] of Object.entries(LINKS)) {
    await setLinks(then, q3.id, controlId, { scenarioIds: l.scenarios.flatMap(scenarioId), treatmentIds: l.treatments.flatMap(treatmentId).slice(0, 1) });
  }
  clock.advanceDays(7);
  await completeAssessment(then, q3.id, 'Reviewed with Margaret Finch; the backup and monitoring gaps go to the roadmap.');

  // This quarter's review, started as a copy of the last one.
  const now = new ClientScope(ctx, clientInfo(row), actor, 'advisor');
  const q4 = await createAssessment(now, { title: `${thisQuarter.label} NIST CSF 2.0 review`, catalogueId: csf.id, copyFrom: q3.id, dueOn: addDays(thisQuarter.end, -7) });
  for (const [controlId, m] of Object.entries(MOVED)) await updateAnswer(now, q4.id, controlId, { current: m.current, notes: m.notes });
  await addEvidenceLink(now, q4.id, 'PR.AA-03', { title: 'Security key enrolment report (Entra ID)', url: 'https://harborfinch.sharepoint.example/it/security-keys-2026.pdf' });
  const contributor = client.users.contributor;
  if (contributor) {
    await createRequest(now, q4.id, { nodeId: 'PR.IR', assigneeUserId: contributor.id, dueOn: addDays(thisQuarter.end, -14), note: 'Please check the resilience outcomes against what changed with the new firewall and the cloud backup.' });
  }
}
