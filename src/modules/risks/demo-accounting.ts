/**
 * The demo register of Harbor & Finch, the accounting firm: its scenarios and treatments, its
 * appetite and the ransomware resilience options for the partners.
 */
import { MFA, logn, pert, uni, type DemoRegister } from './demo-common.js';

export const ACCOUNTING_REGISTER: DemoRegister = {
  seed: 20_261_126,
  grossMargin: 0.65,
  appetite: {
    points: [
      { loss: 250_000, probability: 0.1 },
      { loss: 1_000_000, probability: 0.02 },
      { loss: 3_000_000, probability: 0.005 },
    ],
    statement:
      'Harbor & Finch accepts routine IT disruption, but not a loss that would threaten client trust: no more than a 1-in-10 chance a year of losing over $250,000, 1-in-50 of over $1M, and 1-in-200 of over $3M. Client confidentiality is not traded for convenience.',
  },
  scenarios: [
    {
      title: 'Ransomware encrypts client files before the tax deadline',
      description: 'Ransomware reaches the file server and the document management system in March or April; twenty years of client files are encrypted and exfiltrated, and filings miss the deadline.',
      ownerSeat: 'CISO',
      status: 'treating',
      template: 'ransomware',
      params: { outageHoursLow: 48, outageHoursHigh: 400, records: 14_000, costPerRecordLow: 80, costPerRecordHigh: 240 },
      links: [
        { kind: 'service', label: 'Tax preparation and filing' },
        { kind: 'system', label: 'File server' },
        { kind: 'dataset', label: 'Client tax files' },
      ],
      treatments: [
        { name: 'Immutable cloud backups with quarterly restore tests', status: 'in_place', annual: 9_600, oneTime: 6_000, effect: { primaryLoss: uni(0.35, 0.6) } },
        { name: 'Managed endpoint detection and response', status: 'planned', annual: 14_400, oneTime: 3_000, effect: { vulnerability: uni(0.3, 0.6) } },
        { name: 'Data loss prevention on outbound e-mail and cloud shares', status: 'proposed', annual: 7_200, oneTime: 4_000, effect: { secondaryLossEventFrequency: uni(0.5, 0.8) } },
      ],
    },
    {
      title: 'Fraudulent wire instructions sent to clients',
      description: 'A compromised partner mailbox sends clients new bank details for fee payments or tax refunds; clients and the firm lose money and the firm is blamed.',
      ownerSeat: 'CISO',
      template: 'bec',
      params: { paymentLow: 8_000, paymentHigh: 120_000 },
      links: [{ kind: 'system', label: 'Microsoft 365' }],
      treatments: [MFA, { name: 'Call-back verification of any change of bank details', status: 'in_place', annual: 1_200, effect: { vulnerability: uni(0.3, 0.5) } }],
    },
    {
      title: 'Breach of client tax records (SSNs, income, bank details)',
      description: 'Client tax records, including social security numbers, are exposed through the client portal or a misdirected export.',
      ownerSeat: 'CISO',
      template: 'data-breach',
      params: { records: 14_000, costPerRecordLow: 90, costPerRecordHigh: 260 },
      links: [
        { kind: 'dataset', label: 'Client tax files' },
        { kind: 'system', label: 'Client portal' },
      ],
      treatments: [{ name: 'Client portal hardening and annual penetration test', status: 'planned', annual: 8_000, effect: { lossEventFrequency: uni(0.5, 0.8) } }],
    },
    {
      title: 'Tax software outage in filing season',
      description: 'The cloud tax preparation platform is down for hours or days in the last weeks before a deadline; staff cannot prepare or e-file returns.',
      ownerSeat: 'CIO',
      template: 'cloud-outage',
      params: { downtimeCostPerHour: 2_400, durationHoursLow: 2, durationHoursHigh: 36, outagesMin: 0.3, outagesMode: 1, outagesMax: 3 },
      links: [{ kind: 'vendor', label: 'Tax software provider' }, { kind: 'service', label: 'Tax preparation and filing' }],
    },
    {
      title: 'Document portal provider is breached',
      description: 'The SaaS portal clients use to upload documents is breached, exposing uploaded returns and statements.',
      ownerSeat: 'CISO',
      template: 'vendor-breach',
      params: { vendors: 4, records: 9_000 },
      links: [{ kind: 'vendor', label: 'Client document portal' }],
      treatments: [{ name: 'Annual vendor security assessment with contract clauses', status: 'in_place', annual: 2_500, effect: { secondaryLoss: uni(0.7, 0.9) } }],
    },
    {
      title: 'Laptop with client files lost or stolen',
      description: 'A staff laptop is left in a car or on a train during audit season, with client workpapers synchronised on it.',
      ownerSeat: 'CIO',
      template: 'lost-device',
      params: { devices: 60, breachCostHigh: 150_000 },
      treatments: [{ name: 'Full-disk encryption and remote wipe on all laptops', status: 'in_place', annual: 1_800, effect: { vulnerability: uni(0.1, 0.3) } }],
    },
    {
      title: 'Departing accountant takes the client list',
      description: 'A senior accountant leaving for a competitor exports client contacts and fee data, and clients follow.',
      ownerSeat: 'CISO',
      template: 'insider-misuse',
      params: { directLossLow: 20_000, directLossHigh: 400_000 },
    },
    {
      title: 'Microsoft 365 account takeover',
      description: 'An attacker phishes a staff password and session, reads mail for weeks and uses it for further fraud and data theft.',
      threat: 'Phishing kit operator',
      ownerSeat: 'CISO',
      inputs: { threatEventFrequency: pert(4, 12, 30), vulnerability: pert(0.01, 0.04, 0.1), primaryLoss: logn(5_000, 60_000), secondaryLossEventFrequency: pert(0.1, 0.25, 0.5), secondaryLoss: logn(10_000, 200_000) },
      links: [{ kind: 'system', label: 'Microsoft 365' }],
      treatments: [MFA, { name: 'Phishing-resistant sign-in for partners (security keys)', status: 'proposed', annual: 1_500, oneTime: 2_500, effect: { vulnerability: uni(0.2, 0.5) } }],
    },
    {
      title: 'W-2 phishing scam discloses staff records',
      description: 'Payroll receives an e-mail from "the managing partner" asking for all W-2 forms, and sends them.',
      threat: 'Tax identity fraudsters',
      ownerSeat: 'CISO',
      inputs: { threatEventFrequency: pert(1, 3, 8), vulnerability: pert(0.01, 0.03, 0.08), primaryLoss: logn(4_000, 40_000), secondaryLossEventFrequency: pert(0.5, 0.8, 1), secondaryLoss: logn(8_000, 60_000) },
    },
    {
      title: 'Backups fail when a restore is needed',
      description: 'A server fails and the nightly backups turn out to be incomplete; weeks of work must be redone from paper and e-mail.',
      threat: 'Hardware failure',
      ownerSeat: 'CIO',
      inputs: { lossEventFrequency: pert(0.05, 0.15, 0.4), primaryLoss: logn(15_000, 250_000) },
      links: [{ kind: 'system', label: 'File server' }],
      treatments: [{ name: 'Quarterly restore tests with written results', status: 'in_place', annual: 3_000, effect: { lossEventFrequency: uni(0.3, 0.6) } }],
    },
    {
      title: 'Missed filing deadlines after an IT failure',
      description: 'An outage in the last days before a deadline means returns are filed late; clients claim penalties and interest from the firm.',
      threat: 'Infrastructure failure',
      ownerSeat: 'CIO',
      inputs: { lossEventFrequency: pert(0.03, 0.1, 0.25), primaryLoss: logn(20_000, 300_000), secondaryLossEventFrequency: pert(0.2, 0.4, 0.7), secondaryLoss: logn(10_000, 150_000) },
    },
    {
      title: 'Scanner stores documents on an unprotected share',
      description: 'The multifunction printer saves scanned tax documents to a share anyone on the office network can read, including the guest Wi-Fi.',
      threat: 'Opportunistic insider or visitor',
      ownerSeat: 'CIO',
      proposal: true,
      inputs: { lossEventFrequency: pert(0.02, 0.08, 0.2), primaryLoss: logn(3_000, 40_000), secondaryLossEventFrequency: pert(0.2, 0.5, 0.8), secondaryLoss: logn(5_000, 120_000) },
    },
  ],
  options: {
    title: 'Ransomware resilience project',
    description: 'Two ways to cut the ransomware exposure before next filing season, for the partners to choose from.',
    scenarios: ['Ransomware encrypts client files before the tax deadline', 'Microsoft 365 account takeover'],
    options: [
      {
        name: 'A. Managed detection and response, 24/7',
        description: 'An MDR provider watches every endpoint and the Microsoft 365 tenant around the clock and isolates machines within minutes.',
        measures: [
          {
            name: 'MDR service (endpoints and Microsoft 365)',
            annual: 26_000,
            oneTime: 4_000,
            effects: {
              'Ransomware encrypts client files before the tax deadline': { vulnerability: uni(0.2, 0.45), primaryLoss: uni(0.6, 0.85) },
              'Microsoft 365 account takeover': { vulnerability: uni(0.4, 0.7) },
            },
          },
        ],
      },
      {
        name: 'B. Harden and rehearse',
        description: 'Application allow-listing, removal of local admin rights, phishing-resistant sign-in for everyone and a yearly recovery rehearsal.',
        measures: [
          {
            name: 'Application allow-listing and no local admin rights',
            annual: 6_000,
            oneTime: 12_000,
            effects: { 'Ransomware encrypts client files before the tax deadline': { vulnerability: uni(0.35, 0.6) } },
          },
          {
            name: 'Security keys for all staff',
            annual: 1_200,
            oneTime: 3_600,
            effects: { 'Microsoft 365 account takeover': { vulnerability: uni(0.15, 0.35) }, 'Ransomware encrypts client files before the tax deadline': { vulnerability: uni(0.7, 0.9) } },
          },
          {
            name: 'Yearly recovery rehearsal',
            annual: 5_000,
            oneTime: 0,
            effects: { 'Ransomware encrypts client files before the tax deadline': { primaryLoss: uni(0.6, 0.8) } },
          },
        ],
      },
    ],
  },
};
