/**
 * Demo registers for the three demo clients: believable scenarios for each sector, with
 * treatments, an appetite and a set of security options. Results are not computed here: the
 * changes queue one recompute per client, which the server runs when it starts.
 */
import type { Distribution } from '../../engine/index.js';
import type { Actor, AppContext, Writer } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import type { DemoClient } from '../../server/module.js';
import type { TemplateKey } from '../../shared/risks/templates.js';
import { toDateString } from '../../server/db/conventions.js';
import { clientInfo, getClientRow } from '../clients/clients.js';
import { createPolicy } from './insurance.js';
import { createOptionSet } from './options.js';
import { loadEstateSummary, type EstateSummary } from './profile.js';
import { enqueueRecompute } from './recompute.js';
import type { FairInputs, LinkInput, TreatmentEffect } from './schema.js';
import { approveScenario, createScenario } from './scenarios.js';
import { setAppetite, updateSettings } from './settings.js';
import { createTreatment } from './treatments.js';
import { setWorstCase } from './worst-case.js';

const pert = (min: number, mode: number, max: number): Distribution => ({ type: 'pert', min, mode, max });
const logn = (low: number, high: number): Distribution => ({ type: 'lognormal', low, high });
const uni = (min: number, max: number): Distribution => ({ type: 'uniform', min, max });

interface DemoTreatment {
  name: string;
  status: 'proposed' | 'planned' | 'in_place';
  annual: number;
  oneTime?: number;
  effect: TreatmentEffect;
  description?: string;
}

interface DemoScenario {
  title: string;
  description: string;
  threat?: string;
  ownerSeat: 'CIO' | 'CTO' | 'CISO';
  template?: TemplateKey;
  params?: Record<string, number>;
  inputs?: FairInputs;
  status?: 'open' | 'treating';
  links?: LinkInput[];
  treatments?: DemoTreatment[];
  /** Proposed by the client's contributor, awaiting approval. */
  proposal?: boolean;
}

interface DemoRegister {
  appetite: { points: { loss: number; probability: number }[]; statement: string };
  seed: number;
  /** Share of lost revenue actually lost. */
  grossMargin: number;
  scenarios: DemoScenario[];
  /** Insurance policies: covering every scenario, or those named by title; renewing in so many days. */
  policies?: { name: string; insurer: string; premium: number; deductible: number; limit: number; aggregateLimit?: number; covers?: string[]; renewsInDays: number; notes?: string }[];
  options?: { title: string; description: string; scenarios: string[]; options: { name: string; description: string; measures: { name: string; annual: number; oneTime: number; effects: Record<string, TreatmentEffect> }[] }[] };
}

const MFA: DemoTreatment = { name: 'Multi-factor authentication for e-mail and remote access', status: 'in_place', annual: 4_800, effect: { vulnerability: uni(0.4, 0.7) } };

const REGISTERS: Record<DemoClient['key'], DemoRegister> = {
  accounting: {
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
  },
  manufacturer: {
    seed: 86_000_300,
    grossMargin: 0.32,
    appetite: {
      points: [
        { loss: 1_000_000, probability: 0.1 },
        { loss: 5_000_000, probability: 0.02 },
        { loss: 15_000_000, probability: 0.005 },
      ],
      statement:
        'Kestrel tolerates short stoppages but not losing a customer programme: at most a 1-in-10 chance a year of losses above $1M, 1-in-50 above $5M and 1-in-200 above $15M. Safety and delivery commitments come first.',
    },
    scenarios: [
      {
        title: 'Ransomware stops production at the Dayton plant',
        description: 'Ransomware spreads from the office network to the plant floor; CNC programs, MES and scheduling are down and lines stop.',
        ownerSeat: 'CISO',
        status: 'treating',
        template: 'ransomware',
        params: { outageHoursLow: 48, outageHoursHigh: 500, records: 2_500 },
        links: [
          { kind: 'service', label: 'Machining and assembly' },
          { kind: 'system', label: 'MES' },
          { kind: 'system', label: 'ERP' },
        ],
        treatments: [
          { name: 'Offline and immutable backups of ERP, MES and CNC programs', status: 'in_place', annual: 22_000, oneTime: 15_000, effect: { primaryLoss: uni(0.4, 0.65) } },
          { name: 'Endpoint detection and response on office and engineering PCs', status: 'in_place', annual: 38_000, effect: { vulnerability: uni(0.4, 0.7) } },
          { name: 'Segment the plant network from the office network', status: 'proposed', annual: 18_000, oneTime: 140_000, effect: { primaryLoss: uni(0.35, 0.6) } },
        ],
      },
      {
        title: 'Supplier bank details changed by a fraudster',
        description: 'A fraudster imitating a steel supplier changes its bank account; several invoices are paid to the fraudster.',
        ownerSeat: 'CISO',
        template: 'bec',
        params: { paymentLow: 40_000, paymentHigh: 900_000 },
        links: [{ kind: 'system', label: 'ERP' }],
        treatments: [{ name: 'Supplier master-data changes verified by phone and approved by two people', status: 'in_place', annual: 6_000, effect: { vulnerability: uni(0.2, 0.4) } }],
      },
      {
        title: 'Design files taken by a departing engineer',
        description: 'An engineer leaving for a competitor copies CAD models and process sheets of a customer programme.',
        ownerSeat: 'CISO',
        template: 'insider-misuse',
        params: { directLossLow: 50_000, directLossHigh: 3_000_000, consequenceChance: 0.4 },
        links: [{ kind: 'dataset', label: 'Product designs' }, { kind: 'system', label: 'PLM' }],
        treatments: [{ name: 'Data loss prevention on the PLM vault and USB ports', status: 'planned', annual: 24_000, oneTime: 10_000, effect: { lossEventFrequency: uni(0.4, 0.7) } }],
      },
      {
        title: 'ERP outage in the hosted data centre',
        description: 'The hosted ERP is down; orders, picking, shipping and invoicing stop.',
        ownerSeat: 'CIO',
        template: 'cloud-outage',
        params: { downtimeCostPerHour: 9_000, outagesMin: 0.5, outagesMode: 1.5, outagesMax: 4 },
        links: [{ kind: 'system', label: 'ERP' }, { kind: 'vendor', label: 'ERP hosting provider' }],
      },
      {
        title: 'Employee records exposed through the HR system',
        description: 'The HR and payroll SaaS is misconfigured or breached, exposing records of current and former employees.',
        ownerSeat: 'CISO',
        template: 'data-breach',
        params: { records: 2_500 },
        links: [{ kind: 'dataset', label: 'Employee records' }],
      },
      {
        title: 'Breach at the freight forwarder\u2019s portal',
        description: 'The logistics provider\u2019s portal, connected to the ERP for shipping notices, is breached and used to reach Kestrel.',
        ownerSeat: 'CISO',
        template: 'vendor-breach',
        params: { vendors: 12, breachRate: 0.04 },
        links: [{ kind: 'vendor', label: 'Freight forwarder' }],
      },
      {
        title: 'Engineering laptop lost with customer drawings',
        description: 'A field engineer\u2019s laptop with export-controlled customer drawings is stolen from a car.',
        ownerSeat: 'CIO',
        template: 'lost-device',
        params: { devices: 380 },
        treatments: [{ name: 'Full-disk encryption on all laptops', status: 'in_place', annual: 4_000, effect: { vulnerability: uni(0.1, 0.25) } }],
      },
      {
        title: 'Attack on the plant control network (OT)',
        description: 'An attacker reaches PLCs through the remote-support connection of a machine vendor and stops or damages a line.',
        threat: 'Criminal or state-linked intruder via vendor remote access',
        ownerSeat: 'CISO',
        inputs: { threatEventFrequency: pert(0.2, 0.6, 2), vulnerability: pert(0.05, 0.15, 0.35), primaryLoss: logn(150_000, 4_000_000), secondaryLossEventFrequency: pert(0.1, 0.3, 0.5), secondaryLoss: logn(50_000, 1_500_000) },
        links: [{ kind: 'system', label: 'PLC network' }],
        treatments: [{ name: 'Vendor remote access through a monitored jump host, on request only', status: 'planned', annual: 9_000, oneTime: 25_000, effect: { vulnerability: uni(0.25, 0.5) } }],
      },
      {
        title: 'Quality records lost after a server failure',
        description: 'The quality management server fails without a usable backup; certificates of conformance for shipped parts cannot be produced for an audit.',
        threat: 'Hardware failure',
        ownerSeat: 'CIO',
        inputs: { lossEventFrequency: pert(0.03, 0.1, 0.3), primaryLoss: logn(40_000, 800_000) },
        treatments: [{ name: 'Move quality records to the backed-up document system', status: 'proposed', annual: 3_000, oneTime: 18_000, effect: { lossEventFrequency: uni(0.1, 0.3) } }],
      },
      {
        title: 'CAD licence server outage',
        description: 'The on-premise licence server fails; engineers cannot open CAD for days while a replacement is set up.',
        threat: 'Hardware or licensing failure',
        ownerSeat: 'CTO',
        inputs: { lossEventFrequency: pert(0.2, 0.5, 1.5), primaryLoss: logn(8_000, 120_000) },
      },
      {
        title: 'Customer programme lost after a cyber audit failure',
        description: 'An automotive customer\u2019s supplier cyber assessment finds critical gaps; Kestrel loses the next programme award.',
        threat: 'Customer assurance requirements',
        ownerSeat: 'CISO',
        inputs: { lossEventFrequency: pert(0.02, 0.06, 0.15), primaryLoss: logn(500_000, 8_000_000) },
        treatments: [{ name: 'Gap remediation plan against the customer\u2019s assessment', status: 'planned', annual: 30_000, oneTime: 60_000, effect: { lossEventFrequency: uni(0.3, 0.6) } }],
      },
      {
        title: 'Payroll diversion through the HR portal',
        description: 'Attackers phish employees and change their direct-deposit accounts shortly before payday.',
        threat: 'Payroll fraud ring',
        ownerSeat: 'CISO',
        inputs: { threatEventFrequency: pert(2, 6, 15), vulnerability: pert(0.02, 0.05, 0.12), primaryLoss: logn(3_000, 25_000) },
        treatments: [MFA],
      },
      {
        title: 'Shop-floor tablets reused with shared passwords',
        description: 'Shared logins on shop-floor tablets let anyone change work instructions; an error reaches a customer shipment.',
        threat: 'Error or misuse on the shop floor',
        ownerSeat: 'CIO',
        proposal: true,
        inputs: { lossEventFrequency: pert(0.1, 0.3, 0.8), primaryLoss: logn(5_000, 150_000) },
      },
    ],
    options: {
      title: 'Plant network protection project',
      description: 'How to keep an office-network incident from stopping production.',
      scenarios: ['Ransomware stops production at the Dayton plant', 'Attack on the plant control network (OT)'],
      options: [
        {
          name: 'A. Segment the plant network (firewalls and DMZ)',
          description: 'Industrial firewalls between office and plant, a DMZ for MES and historians, vendor access through a jump host.',
          measures: [
            {
              name: 'Plant network segmentation',
              annual: 18_000,
              oneTime: 140_000,
              effects: {
                'Ransomware stops production at the Dayton plant': { primaryLoss: uni(0.35, 0.6) },
                'Attack on the plant control network (OT)': { vulnerability: uni(0.3, 0.55) },
              },
            },
          ],
        },
        {
          name: 'B. OT monitoring service',
          description: 'Passive OT network monitoring with a managed service that alerts on unusual traffic, without re-cabling.',
          measures: [
            {
              name: 'Managed OT network monitoring',
              annual: 55_000,
              oneTime: 30_000,
              effects: {
                'Ransomware stops production at the Dayton plant': { primaryLoss: uni(0.6, 0.85) },
                'Attack on the plant control network (OT)': { vulnerability: uni(0.45, 0.75), primaryLoss: uni(0.6, 0.9) },
              },
            },
          ],
        },
        {
          name: 'C. Both, phased over two years',
          description: 'Monitoring first, segmentation in the second year.',
          measures: [
            {
              name: 'Segmentation and monitoring',
              annual: 63_000,
              oneTime: 160_000,
              effects: {
                'Ransomware stops production at the Dayton plant': { primaryLoss: uni(0.25, 0.5) },
                'Attack on the plant control network (OT)': { vulnerability: uni(0.2, 0.4), primaryLoss: uni(0.6, 0.9) },
              },
            },
          ],
        },
      ],
    },
  },
  saas: {
    seed: 28_500_120,
    grossMargin: 0.78,
    // A cyber policy over the whole register, and a crime policy for the payment fraud it excludes.
    policies: [
      { name: 'Cyber liability', insurer: 'Coalition', premium: 46_000, deductible: 100_000, limit: 3_000_000, aggregateLimit: 3_000_000, renewsInDays: 140, notes: 'Business interruption after a 12-hour waiting period; regulatory fines where insurable.' },
      { name: 'Crime and social engineering', insurer: 'Travelers', premium: 6_500, deductible: 25_000, limit: 250_000, covers: ['Business e-mail compromise of finance'], renewsInDays: 140 },
    ],
    appetite: {
      points: [
        { loss: 1_500_000, probability: 0.1 },
        { loss: 5_000_000, probability: 0.02 },
        { loss: 12_000_000, probability: 0.005 },
      ],
      statement:
        'Lumen\u2019s customers trust it with their analytics data. We accept a 1-in-10 chance a year of losing over $1.5M, 1-in-50 of over $5M and 1-in-200 of over $12M; any exposure of customer data is escalated to the board.',
    },
    scenarios: [
      {
        title: 'Production outage in the cloud region',
        description: 'The cloud region hosting the analytics platform is degraded; dashboards and APIs are unavailable to customers and SLA credits are due.',
        ownerSeat: 'CTO',
        template: 'cloud-outage',
        params: { downtimeCostPerHour: 6_500, durationHoursLow: 1, durationHoursHigh: 18, outagesMin: 0.5, outagesMode: 2, outagesMax: 5 },
        links: [{ kind: 'service', label: 'Analytics platform' }, { kind: 'vendor', label: 'Cloud provider' }],
        treatments: [{ name: 'Warm standby in a second region', status: 'proposed', annual: 96_000, oneTime: 40_000, effect: { primaryLoss: uni(0.2, 0.4) } }],
      },
      {
        title: 'Breach of customer analytics data',
        description: 'An attacker exploits the application or a leaked credential and exports customer datasets containing end-user personal data.',
        ownerSeat: 'CISO',
        status: 'treating',
        template: 'data-breach',
        params: { records: 1_800_000, shareExposedLow: 0.005, shareExposedHigh: 0.08, costPerRecordLow: 3, costPerRecordHigh: 18, responseCostLow: 60_000, responseCostHigh: 600_000 },
        links: [{ kind: 'dataset', label: 'Customer analytics data' }, { kind: 'service', label: 'Analytics platform' }],
        treatments: [
          { name: 'Encryption of customer data with per-tenant keys', status: 'in_place', annual: 12_000, effect: { secondaryLoss: uni(0.5, 0.8) } },
          { name: 'Web application firewall and bot protection', status: 'in_place', annual: 18_000, effect: { lossEventFrequency: uni(0.6, 0.85) } },
          { name: 'Bug bounty programme', status: 'planned', annual: 30_000, effect: { lossEventFrequency: uni(0.6, 0.9) } },
        ],
      },
      {
        title: 'Ransomware on corporate systems',
        description: 'Ransomware hits laptops and the corporate file shares; the product is unaffected but the company is down for days and data is leaked.',
        ownerSeat: 'CISO',
        template: 'ransomware',
        // The product runs in its own cloud account: the corporate services, in business hours, stop.
        params: { downtimeCostPerHour: 1_150, operatingHoursPerWeek: 40, records: 6_000 },
        treatments: [{ name: 'Endpoint detection and response on all laptops', status: 'in_place', annual: 16_000, effect: { vulnerability: uni(0.4, 0.7) } }],
      },
      {
        title: 'Compromised open-source dependency in the build',
        description: 'A malicious version of a build dependency steals CI secrets and ships a backdoor to production.',
        threat: 'Software supply-chain attacker',
        ownerSeat: 'CTO',
        template: 'vendor-breach',
        params: { vendors: 20, breachRate: 0.01, records: 400_000, costPerRecordLow: 4, costPerRecordHigh: 30, responseCostHigh: 500_000 },
        links: [{ kind: 'system', label: 'CI/CD pipeline' }],
        treatments: [{ name: 'Pinned dependencies with automated provenance checks', status: 'planned', annual: 8_000, oneTime: 15_000, effect: { lossEventFrequency: uni(0.3, 0.6) } }],
      },
      {
        title: 'Engineer misuses production access',
        description: 'An engineer with standing production access queries a customer\u2019s data out of curiosity or for a competitor.',
        ownerSeat: 'CISO',
        template: 'insider-misuse',
        params: { directLossHigh: 600_000, consequenceChance: 0.5 },
        links: [{ kind: 'dataset', label: 'Customer analytics data' }],
        treatments: [{ name: 'Just-in-time production access with session recording', status: 'proposed', annual: 20_000, oneTime: 12_000, effect: { lossEventFrequency: uni(0.2, 0.5) } }],
      },
      {
        title: 'Business e-mail compromise of finance',
        description: 'A fraudster imitating the CEO asks finance for an urgent transfer during a fundraising round.',
        ownerSeat: 'CISO',
        template: 'bec',
        treatments: [MFA],
      },
      {
        title: 'Stolen laptop with source code',
        description: 'A developer\u2019s laptop with local copies of the source code and a customer extract is stolen.',
        ownerSeat: 'CTO',
        template: 'lost-device',
        params: { devices: 200 },
        treatments: [{ name: 'Managed laptops: encryption, remote wipe, no customer data locally', status: 'in_place', annual: 9_000, effect: { vulnerability: uni(0.1, 0.3) } }],
      },
      {
        title: 'Cloud access key leaked in a public repository',
        description: 'A developer pushes a cloud access key to a public repository; it is harvested within minutes and used to mine cryptocurrency or reach data.',
        threat: 'Automated credential harvesters',
        ownerSeat: 'CTO',
        inputs: { threatEventFrequency: pert(0.5, 2, 6), vulnerability: pert(0.05, 0.15, 0.3), primaryLoss: logn(5_000, 150_000), secondaryLossEventFrequency: pert(0.05, 0.15, 0.3), secondaryLoss: logn(50_000, 1_500_000) },
        treatments: [{ name: 'Secret scanning with push protection', status: 'in_place', annual: 4_000, effect: { vulnerability: uni(0.2, 0.4) } }],
      },
      {
        title: 'Credential stuffing against customer accounts',
        description: 'Attackers replay leaked passwords against the login page and take over customer accounts without SSO.',
        threat: 'Account takeover crews',
        ownerSeat: 'CTO',
        inputs: { threatEventFrequency: pert(2, 6, 12), vulnerability: pert(0.02, 0.06, 0.15), primaryLoss: logn(10_000, 120_000), secondaryLossEventFrequency: pert(0.1, 0.3, 0.5), secondaryLoss: logn(20_000, 400_000) },
      },
      {
        title: 'Failed SOC 2 audit delays enterprise deals',
        description: 'The SOC 2 Type II report is qualified; enterprise prospects pause purchases until it is fixed.',
        threat: 'Assurance gap',
        ownerSeat: 'CISO',
        inputs: { lossEventFrequency: pert(0.03, 0.1, 0.25), primaryLoss: logn(200_000, 3_000_000) },
        treatments: [{ name: 'Continuous control monitoring platform', status: 'planned', annual: 25_000, effect: { lossEventFrequency: uni(0.3, 0.6) } }],
      },
      {
        title: 'Denial of service against the public API',
        description: 'A volumetric or application-layer attack makes the API unusable for hours.',
        threat: 'Extortionist or activist',
        ownerSeat: 'CTO',
        inputs: { threatEventFrequency: pert(0.5, 2, 6), vulnerability: pert(0.1, 0.25, 0.5), primaryLoss: logn(10_000, 180_000) },
      },
      {
        title: 'Data warehouse vendor outage',
        description: 'The managed data warehouse behind customer dashboards is unavailable for a day.',
        threat: 'Provider failure',
        ownerSeat: 'CTO',
        proposal: true,
        template: 'cloud-outage',
        params: { downtimeCostPerHour: 4_000, outagesMin: 0.2, outagesMode: 0.8, outagesMax: 2 },
        links: [{ kind: 'vendor', label: 'Data warehouse provider' }],
      },
    ],
    options: {
      title: 'Customer data protection options',
      description: 'Options for the board on reducing the exposure of customer data.',
      scenarios: ['Breach of customer analytics data', 'Engineer misuses production access'],
      options: [
        {
          name: 'A. Zero standing access',
          description: 'No engineer keeps production access; access is requested, approved and recorded per session.',
          measures: [
            {
              name: 'Just-in-time access with approval and recording',
              annual: 20_000,
              oneTime: 12_000,
              effects: {
                'Engineer misuses production access': { lossEventFrequency: uni(0.2, 0.5) },
                'Breach of customer analytics data': { lossEventFrequency: uni(0.75, 0.95) },
              },
            },
          ],
        },
        {
          name: 'B. Data minimisation',
          description: 'Pseudonymise end-user identifiers at ingestion and delete raw events after 90 days.',
          measures: [
            {
              name: 'Pseudonymisation at ingestion and 90-day retention',
              annual: 15_000,
              oneTime: 80_000,
              effects: {
                'Breach of customer analytics data': { secondaryLoss: uni(0.2, 0.45) },
                'Engineer misuses production access': { secondaryLoss: uni(0.3, 0.6) },
              },
            },
          ],
        },
      ],
    },
  },
};

function actorFor(user: { id: string; email: string; name: string }, firmId: string, firmRole: Actor['firmRole']): Actor {
  return { userId: user.id, label: `${user.name} <${user.email}>`, firmId, firmRole, email: user.email };
}

/** Attaches estate record ids to links whose label names a record, when the estate has one. */
function resolveLinks(links: LinkInput[] | undefined, estate: EstateSummary | null): LinkInput[] | undefined {
  if (!links || !estate) return links;
  const pools: Record<LinkInput['kind'], { id: string; name: string }[]> = { service: estate.services, system: estate.systems, dataset: estate.datasets, vendor: estate.vendors };
  return links.map((l) => {
    const label = l.label.toLowerCase();
    const hit = pools[l.kind].find((r) => r.name.toLowerCase() === label) ?? pools[l.kind].find((r) => r.name.toLowerCase().includes(label) || label.includes(r.name.toLowerCase()));
    return hit ? { kind: l.kind, targetId: hit.id, label: hit.name } : l;
  });
}

export async function seedRiskDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  const spec = REGISTERS[client.key];
  const row = await getClientRow(ctx, client.id);
  const advisorUser = client.users.advisor ?? client.users.advisor2 ?? client.users.admin!;
  const advisor = new ClientScope(ctx, clientInfo(row), actorFor(advisorUser, row.firm_id, 'advisor'), 'advisor');
  const contributorUser = client.users.contributor;
  const contributor = contributorUser ? new ClientScope(ctx, clientInfo(row), actorFor(contributorUser, row.firm_id, 'member'), 'contributor') : advisor;
  const enqueue = (w: Writer) => enqueueRecompute(w, client.id);
  await updateSettings(advisor, { seed: spec.seed }, enqueue);
  await setAppetite(advisor, spec.appetite, enqueue);
  // Before the scenarios: the ransomware template prices lost revenue at the gross margin.
  await setWorstCase(advisor, { grossMargin: spec.grossMargin });
  const estate = await loadEstateSummary(advisor);
  const ids = new Map<string, string>();
  for (const s of spec.scenarios) {
    const scope = s.proposal ? contributor : advisor;
    const links = resolveLinks(s.links, estate);
    const created = await createScenario(scope, {
      title: s.title,
      description: s.description,
      threat: s.threat ?? null,
      ownerSeat: s.ownerSeat,
      ...(s.status && !s.proposal ? { status: s.status } : {}),
      ...(s.template ? { template: s.template, templateParams: s.params ?? {} } : {}),
      ...(s.inputs ? { inputs: s.inputs } : {}),
      ...(links ? { links } : {}),
    });
    ids.set(s.title, created.id);
    for (const t of s.treatments ?? []) {
      await createTreatment(advisor, created.id, { name: t.name, description: t.description ?? null, status: t.status, annualCost: t.annual, oneTimeCost: t.oneTime ?? 0, effect: t.effect });
    }
  }
  // One of the contributor's earlier proposals has been approved already.
  const approvable = spec.scenarios.find((s) => s.proposal);
  if (approvable && client.key === 'manufacturer') await approveScenario(advisor, ids.get(approvable.title)!);
  for (const p of spec.policies ?? []) {
    const { covers, renewsInDays, ...terms } = p;
    const renewalOn = toDateString(new Date(ctx.clock.now().getTime() + renewsInDays * 86_400_000));
    await createPolicy(advisor, { ...terms, renewalOn, ...(covers ? { coversAll: false, scenarioIds: covers.map((title) => ids.get(title)!) } : { coversAll: true }) });
  }
  if (spec.options) {
    const o = spec.options;
    await createOptionSet(advisor, {
      title: o.title,
      description: o.description,
      scenarioIds: o.scenarios.map((t) => ids.get(t)!),
      options: o.options.map((opt) => ({
        name: opt.name,
        description: opt.description,
        measures: opt.measures.map((m) => ({ name: m.name, annualCost: m.annual, oneTimeCost: m.oneTime, effects: Object.entries(m.effects).map(([title, effect]) => ({ scenarioId: ids.get(title)!, effect })) })),
      })),
    });
  }
}
