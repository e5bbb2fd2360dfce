/**
 * The demo register of Kestrel, the manufacturer: its scenarios and treatments, its appetite
 * and the plant network protection options.
 */
import { MFA, logn, pert, uni, type DemoRegister } from './demo-common.js';

export const MANUFACTURER_REGISTER: DemoRegister = {
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
};
