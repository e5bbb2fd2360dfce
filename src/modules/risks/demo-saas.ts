/**
 * The demo register of Lumen, the analytics software company: its insurance policies, its
 * scenarios and treatments, its appetite and the customer data protection options.
 */
import { MFA, logn, pert, uni, type DemoRegister } from './demo-common.js';

export const SAAS_REGISTER: DemoRegister = {
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
};
