import type { AppContext, Actor } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import type { MemberRole } from '../../server/db/platform-tables.js';
import type { DemoClient } from '../../server/module.js';
import { systemActor } from '../../server/firm.js';
import { clientInfo, getClientRow } from '../clients/clients.js';
import { addDays } from './common.js';
import { setReplacementCost, setValueMap } from './csv/mapping.js';
import { importCsv } from './csv/import.js';
import { decideItem, startReview } from './reviews.js';
import type { CsvKind } from './vocab.js';
import { addAssessment } from './vendors.js';
import type { AssessmentInput } from './vendors-schema.js';

type Row = Record<string, string | number | boolean | null | undefined>;

interface DemoEstate {
  vendors: Row[];
  systems: Row[];
  services: Row[];
  contracts: Row[];
  datasets: Row[];
  grants: Row[];
  assessments: { vendor: string; input: AssessmentInput }[];
  /** Grants decided in the running review: grantee and the demo user who decides. */
  decisions: { grantee: string; by: string; decision: 'certify' | 'revoke'; note?: string }[];
}

function csv(rows: Row[]): string {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const quote = (v: Row[string]): string => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers.map(quote).join(','), ...rows.map((r) => headers.map((h) => quote(r[h])).join(','))].join('\n') + '\n';
}

/** A small professional-services firm: tax software, document management, a client portal. */
function accounting(d: (days: number) => string, who: DemoClient['users']): DemoEstate {
  const margaret = who.executive!.email;
  const tom = who.contributor!.email;
  return {
    vendors: [
      { Name: 'Thomson Reuters', Supplies: 'infrastructure', Offering: 'UltraTax CS and Practice CS tax and practice software', Country: 'US', Website: 'thomsonreuters.com' },
      { Name: 'NetDocuments', Supplies: 'infrastructure', Offering: 'Cloud document management', Country: 'US', Website: 'netdocuments.com' },
      { Name: 'SmartVault', Supplies: 'infrastructure', Offering: 'Client portal and secure file exchange', Country: 'US' },
      { Name: 'Microsoft', Supplies: 'infrastructure', Offering: 'Microsoft 365 E3: mail, Teams, SharePoint', Country: 'US' },
      { Name: 'Intuit', Supplies: 'infrastructure', Offering: 'QuickBooks Online Accountant', Country: 'US' },
      { Name: 'Gusto', Supplies: 'infrastructure', Offering: 'Payroll for bookkeeping clients', Country: 'US' },
      { Name: 'Datto', Supplies: 'infrastructure', Offering: 'Backup and disaster recovery appliance with cloud copy', Country: 'US' },
      { Name: 'CDW', Supplies: 'infrastructure', Offering: 'Hardware reseller', Country: 'US' },
      { Name: 'RingCentral', Supplies: 'infrastructure', Offering: 'Phones and fax', Country: 'US' },
      { Name: 'WP Engine', Supplies: 'infrastructure', Offering: 'Website hosting', Country: 'US' },
      { Name: 'Microsoft Azure', Relationship: 'fourth party', Offering: 'Cloud hosting', 'Subcontractor Of': 'NetDocuments' },
      { Name: 'Amazon Web Services', Relationship: 'fourth party', Offering: 'Cloud hosting', 'Subcontractor Of': 'SmartVault; Intuit; Gusto; Thomson Reuters; RingCentral' },
      { Name: 'Twilio', Relationship: 'fourth party', Offering: 'SMS for two-factor sign-in', 'Subcontractor Of': 'SmartVault' },
      { Name: 'Google Cloud Platform', Relationship: 'fourth party', Offering: 'Cloud hosting', 'Subcontractor Of': 'WP Engine' },
    ],
    systems: [
      { 'Asset Tag': 'HF-SRV-01', Name: 'File server', Type: 'hardware', Status: 'Deployed', Owner: 'Tom Alvarez', Supplier: 'CDW', Location: 'Portland office, server closet', Manufacturer: 'Dell', Model: 'PowerEdge T550', Serial: 'HF7Q2K3', Category: 'Server', 'Purchase Date': d(-1795), 'Purchase Cost': 9800, 'Warranty (months)': 60, 'EOL Date': d(60), 'Replacement Cost': 12500 },
      { 'Asset Tag': 'HF-FW-01', Name: 'Office firewall', Type: 'hardware', Status: 'Deployed', Owner: 'Tom Alvarez', Supplier: 'CDW', Location: 'Portland office, server closet', Manufacturer: 'Fortinet', Model: 'FortiGate 60F', Serial: 'FGT60FTK21004511', Category: 'Network', 'Purchase Date': d(-1060), 'Purchase Cost': 1450, 'Warranty End': d(35), 'EOL Date': d(420), 'Replacement Cost': 2400 },
      { 'Asset Tag': 'HF-BDR-01', Name: 'Backup appliance', Type: 'hardware', Status: 'Deployed', Owner: 'Tom Alvarez', Supplier: 'Datto', Location: 'Portland office, server closet', Manufacturer: 'Datto', Model: 'SIRIS S5-2', Category: 'Server', 'Purchase Date': d(-700), 'Purchase Cost': 4200, 'Warranty End': d(395), 'EOL Date': d(1030), 'Replacement Cost': 5200 },
      { Name: 'UltraTax CS', Type: 'software', Status: 'active', Owner: 'Margaret Finch', Supplier: 'Thomson Reuters', Category: 'Tax software', 'Replacement Cost': 0 },
      { Name: 'Practice CS', Type: 'software', Status: 'active', Owner: 'Margaret Finch', Supplier: 'Thomson Reuters', Category: 'Practice management' },
      { Name: 'NetDocuments', Type: 'saas', Status: 'active', Owner: 'Tom Alvarez', Supplier: 'NetDocuments', Category: 'Document management' },
      { Name: 'SmartVault client portal', Type: 'saas', Status: 'active', Owner: 'Tom Alvarez', Supplier: 'SmartVault', Category: 'Client portal' },
      { Name: 'Microsoft 365', Type: 'saas', Status: 'active', Owner: 'Tom Alvarez', Supplier: 'Microsoft', Category: 'Collaboration' },
      { Name: 'QuickBooks Online Accountant', Type: 'saas', Status: 'active', Owner: 'Margaret Finch', Supplier: 'Intuit', Category: 'Bookkeeping' },
      { Name: 'Gusto', Type: 'saas', Status: 'active', Owner: 'Margaret Finch', Supplier: 'Gusto', Category: 'Payroll' },
      { Name: 'RingCentral phones', Type: 'saas', Status: 'active', Owner: 'Lee Park', Supplier: 'RingCentral', Category: 'Telephony' },
      { Name: 'Firm website', Type: 'saas', Status: 'active', Owner: 'Lee Park', Supplier: 'WP Engine', Category: 'Website' },
      ...[1, 2, 3, 4, 5, 6].map((i) => ({
        'Asset Tag': `HF-LT-0${i}`, Name: `Laptop ${i}`, Type: 'hardware', Status: i === 6 ? 'Ready to Deploy' : 'Deployed', Owner: ['Margaret Finch', 'Tom Alvarez', 'Lee Park', 'Tax team', 'Tax team', 'Spare'][i - 1],
        Supplier: 'CDW', Location: 'Portland office', Manufacturer: 'Dell', Model: 'Latitude 5440', Serial: `HFL${1000 + i * 37}`, Category: 'Laptop', 'Purchase Date': d(-1060 + i * 30), 'Purchase Cost': 1380,
        'Warranty (months)': 36, 'EOL Date': d(40 + i * 30), 'Replacement Cost': 1450,
      })),
    ],
    services: [
      { Name: 'Tax preparation and filing', 'Business Unit': 'Tax practice', 'Downtime Cost per Hour': 2200, 'Operating Hours': 'business hours', 'RTO (hours)': 8, 'RPO (hours)': 4, Criticality: 'critical', Systems: 'UltraTax CS; NetDocuments; HF-SRV-01; Microsoft 365' },
      { Name: 'Client portal and document exchange', 'Business Unit': 'Client services', 'Downtime Cost per Hour': 500, 'Operating Hours': 'business hours', 'RTO (hours)': 24, 'RPO (hours)': 4, Criticality: 'high', Systems: 'SmartVault client portal; NetDocuments' },
      { Name: 'Bookkeeping and payroll services', 'Business Unit': 'Advisory', 'Downtime Cost per Hour': 900, 'Operating Hours': 'business hours', 'RTO (hours)': 24, 'RPO (hours)': 8, Criticality: 'high', Systems: 'QuickBooks Online Accountant; Gusto' },
      { Name: 'Email and collaboration', 'Business Unit': 'Firm operations', 'Downtime Cost per Hour': 400, 'Operating Hours': 'business hours', 'RTO (hours)': 8, 'RPO (hours)': 1, Criticality: 'high', Systems: 'Microsoft 365; HF-FW-01' },
      { Name: 'Billing and practice management', 'Business Unit': 'Firm operations', 'Downtime Cost per Hour': 200, 'Operating Hours': 'business hours', 'RTO (hours)': 48, 'RPO (hours)': 24, Criticality: 'medium', Systems: 'Practice CS' },
      { Name: 'Website and marketing', 'Business Unit': 'Marketing', 'Downtime Cost per Hour': 20, 'Operating Hours': 'business hours', 'RTO (hours)': 120, 'RPO (hours)': 24, Criticality: 'low', Systems: 'Firm website' },
    ],
    contracts: [
      { Vendor: 'Thomson Reuters', Reference: 'UltraTax CS and Practice CS licence', 'Annual Cost': 14200, 'Start Date': d(-1415), 'Renewal Date': d(45), 'Notice (days)': 60, 'Auto Renew': 'yes', Owner: 'Margaret Finch' },
      { Vendor: 'NetDocuments', Reference: 'NetDocuments subscription (40 seats)', 'Annual Cost': 11400, 'Start Date': d(-655), 'Renewal Date': d(75), 'Notice (days)': 60, 'Auto Renew': 'yes', Owner: 'Tom Alvarez' },
      { Vendor: 'Microsoft', Reference: 'Microsoft 365 E3 (40 seats)', 'Annual Cost': 17280, 'Start Date': d(-965), 'Renewal Date': d(130), 'Notice (days)': 30, 'Auto Renew': 'yes', Owner: 'Tom Alvarez' },
      { Vendor: 'SmartVault', Reference: 'SmartVault Accounting Pro', 'Annual Cost': 4800, 'Start Date': d(-345), 'Renewal Date': d(20), 'Notice (days)': 30, 'Auto Renew': 'yes' },
      { Vendor: 'Datto', Reference: 'SIRIS cloud retention', 'Annual Cost': 6000, 'Start Date': d(-700), 'Renewal Date': d(395), 'Notice (days)': 90, 'Auto Renew': 'no' },
      { Vendor: 'Gusto', Reference: 'Gusto Plus for accountants', 'Annual Cost': 3600, 'Renewal Date': d(160), 'Notice (days)': 30, 'Auto Renew': 'yes' },
      { Vendor: 'RingCentral', Reference: 'RingEX Core (35 lines)', 'Annual Cost': 9600, 'Renewal Date': d(60), 'Notice (days)': 30, 'Auto Renew': 'yes' },
      { Vendor: 'WP Engine', Reference: 'Startup plan', 'Annual Cost': 1200, 'Renewal Date': d(300), 'Notice (days)': 0, 'Auto Renew': 'yes' },
    ],
    datasets: [
      { Name: 'Client tax returns and workpapers', Classification: 'restricted', Categories: 'personal; payment', Records: 18500, Countries: 'US', 'Lifecycle Stage': 'store', Retention: '7 years after the tax year', Owner: 'Margaret Finch', Systems: 'UltraTax CS; NetDocuments; HF-SRV-01; HF-BDR-01', Vendors: 'Thomson Reuters; NetDocuments; Datto' },
      { Name: 'Client identity documents', Classification: 'restricted', Categories: 'personal', Records: 2800, Countries: 'US', 'Lifecycle Stage': 'collect', Retention: '7 years after the engagement ends', Owner: 'Margaret Finch', Systems: 'SmartVault client portal; NetDocuments', Vendors: 'SmartVault' },
      { Name: 'Payroll data of bookkeeping clients', Classification: 'restricted', Categories: 'personal; payment', Records: 1150, Countries: 'US', 'Lifecycle Stage': 'use', Retention: '4 years (IRS)', Owner: 'Margaret Finch', Systems: 'Gusto; QuickBooks Online Accountant', Vendors: 'Gusto; Intuit' },
      { Name: 'Staff HR records', Classification: 'confidential', Categories: 'personal; health', Records: 40, Countries: 'US', 'Lifecycle Stage': 'store', Retention: '7 years after employment', Owner: 'Lee Park', Systems: 'Microsoft 365' },
      { Name: 'Engagement letters and billing', Classification: 'confidential', Categories: 'personal; payment', Records: 3100, Countries: 'US', 'Lifecycle Stage': 'use', Retention: '7 years', Owner: 'Margaret Finch', Systems: 'Practice CS' },
      { Name: 'Marketing contacts', Classification: 'internal', Categories: 'personal', Records: 5200, Countries: 'US', 'Lifecycle Stage': 'use', Retention: 'Until unsubscribed', Owner: 'Lee Park', Systems: 'Firm website', Vendors: 'WP Engine' },
    ],
    grants: [
      { 'Data Set': 'Client tax returns and workpapers', Grantee: 'Tax team', 'Grantee Type': 'group', Level: 'write', Reason: 'Prepare and review returns', Owner: margaret, Since: d(-900) },
      { 'Data Set': 'Client tax returns and workpapers', Grantee: 'Seasonal preparers', 'Grantee Type': 'group', Level: 'write', Reason: 'Tax season, January to April', Owner: margaret, Since: d(-300) },
      { 'Data Set': 'Client tax returns and workpapers', Grantee: 'Northbridge helpdesk', 'Grantee Type': 'group', Level: 'admin', Since: d(-500) },
      { 'Data Set': 'Client identity documents', Grantee: 'Client services team', 'Grantee Type': 'group', Level: 'read', Reason: 'Verify identity at onboarding', Owner: margaret, Since: d(-800) },
      { 'Data Set': 'Client identity documents', Grantee: 'Julia Ortiz', 'Grantee Type': 'person', Level: 'read', Owner: tom, Since: d(-1200) },
      { 'Data Set': 'Payroll data of bookkeeping clients', Grantee: 'Bookkeeping team', 'Grantee Type': 'group', Level: 'write', Reason: 'Run client payrolls', Owner: margaret, Since: d(-700) },
      { 'Data Set': 'Payroll data of bookkeeping clients', Grantee: 'Gusto support', 'Grantee Type': 'service', Level: 'read', Reason: 'Support access during onboarding', Owner: tom, Since: d(-400) },
      { 'Data Set': 'Staff HR records', Grantee: 'Lee Park', 'Grantee Type': 'person', Level: 'write', Reason: 'Office manager keeps HR files', Owner: margaret, Since: d(-1000) },
      { 'Data Set': 'Staff HR records', Grantee: 'All staff', 'Grantee Type': 'group', Level: 'read', Owner: tom, Since: d(-600) },
      { System: 'HF-SRV-01', Grantee: 'Domain Admins', 'Grantee Type': 'group', Level: 'admin', Reason: 'Server administration', Owner: tom, Since: d(-1700) },
      { System: 'Microsoft 365', Grantee: 'Global administrators', 'Grantee Type': 'group', Level: 'admin', Reason: 'Tenant administration', Owner: tom, Since: d(-950) },
      { System: 'UltraTax CS', Grantee: 'Tax team', 'Grantee Type': 'group', Level: 'write', Reason: 'Prepare returns', Owner: margaret, Since: d(-1300) },
    ],
    assessments: [
      { vendor: 'NetDocuments', input: { assessedOn: d(-200), score: 86, findings: ['SOC 2 Type II report current', 'Customer-managed keys available but not enabled'], conclusion: 'approved', assessor: 'Sam Okafor' } },
      { vendor: 'Thomson Reuters', input: { assessedOn: d(-400), score: 78, findings: ['No MFA enforced for CS Professional Suite sign-in'], conclusion: 'approved_with_conditions', assessor: 'Sam Okafor' } },
      { vendor: 'Microsoft', input: { assessedOn: d(-100), score: 92, findings: [], conclusion: 'approved', assessor: 'Sam Okafor' } },
    ],
    decisions: [
      { grantee: 'Tax team', by: 'executive', decision: 'certify' },
      { grantee: 'Client services team', by: 'executive', decision: 'certify' },
      { grantee: 'Julia Ortiz', by: 'contributor', decision: 'revoke', note: 'Left the firm in March' },
    ],
  };
}

/** A mid-size manufacturer: ERP and MES on the shop floor, CAD/CAM, an ageing server room. */
function manufacturer(d: (days: number) => string, who: DemoClient['users']): DemoEstate {
  const robert = who.executive!.email;
  const anita = who.contributor!.email;
  return {
    vendors: [
      { Name: 'Epicor', Supplies: 'infrastructure', Offering: 'Kinetic ERP (cloud)', Country: 'US' },
      { Name: 'Tulip Interfaces', Supplies: 'infrastructure', Offering: 'Manufacturing execution apps on the shop floor', Country: 'US' },
      { Name: 'Siemens Digital Industries Software', Supplies: 'infrastructure', Offering: 'NX CAD/CAM and Teamcenter PLM', Country: 'DE' },
      { Name: 'Microsoft', Supplies: 'infrastructure', Offering: 'Microsoft 365 E3 and Windows Server licences', Country: 'US' },
      { Name: 'ADP', Supplies: 'infrastructure', Offering: 'Workforce Now payroll and HR', Country: 'US' },
      { Name: 'ETQ', Supplies: 'infrastructure', Offering: 'Reliance quality management', Country: 'US' },
      { Name: 'CDW', Supplies: 'infrastructure', Offering: 'Hardware reseller and Dell support', Country: 'US' },
      { Name: 'Cisco', Supplies: 'infrastructure', Offering: 'Plant and office network', Country: 'US' },
      { Name: 'Palo Alto Networks', Supplies: 'infrastructure', Offering: 'Firewalls', Country: 'US' },
      { Name: 'Veeam', Supplies: 'infrastructure', Offering: 'Backup software', Country: 'US' },
      { Name: 'Zebra Technologies', Supplies: 'infrastructure', Offering: 'Label printers for traceability', Country: 'US' },
      { Name: 'Microsoft Azure', Relationship: 'fourth party', Offering: 'Cloud hosting', 'Subcontractor Of': 'Epicor' },
      { Name: 'Amazon Web Services', Relationship: 'fourth party', Offering: 'Cloud hosting', 'Subcontractor Of': 'Tulip Interfaces; ETQ' },
      { Name: 'Equinix', Relationship: 'fourth party', Offering: 'Data centre colocation', 'Subcontractor Of': 'ADP' },
    ],
    systems: [
      { Name: 'Epicor Kinetic ERP', Type: 'saas', Status: 'active', Owner: 'Anita Shah', Supplier: 'Epicor', Category: 'ERP' },
      { Name: 'Tulip MES', Type: 'saas', Status: 'active', Owner: 'Plant manager', Supplier: 'Tulip Interfaces', Category: 'MES' },
      { Name: 'Siemens NX (25 seats)', Type: 'software', Status: 'active', Owner: 'Engineering manager', Supplier: 'Siemens Digital Industries Software', Category: 'CAD/CAM' },
      { 'Asset Tag': 'KPM-SRV-PLM', Name: 'Teamcenter PLM server', Type: 'hardware', Status: 'Deployed', Owner: 'Anita Shah', Supplier: 'CDW', Location: 'Plant 1 server room', Manufacturer: 'Dell', Model: 'PowerEdge R750', Category: 'Server', 'Purchase Date': d(-1150), 'Purchase Cost': 18400, 'Warranty (months)': 36, 'EOL Date': d(680), 'Replacement Cost': 21000 },
      { 'Asset Tag': 'KPM-HV-01', Name: 'Hyper-V host 1', Type: 'hardware', Status: 'Deployed', Owner: 'Anita Shah', Supplier: 'CDW', Location: 'Plant 1 server room', Manufacturer: 'Dell', Model: 'PowerEdge R640', Category: 'Server', 'Purchase Date': d(-2100), 'Purchase Cost': 14200, 'Warranty End': d(-275), 'EOL Date': d(25), 'Replacement Cost': 19500 },
      { 'Asset Tag': 'KPM-HV-02', Name: 'Hyper-V host 2', Type: 'hardware', Status: 'Deployed', Owner: 'Anita Shah', Supplier: 'CDW', Location: 'Plant 1 server room', Manufacturer: 'Dell', Model: 'PowerEdge R640', Category: 'Server', 'Purchase Date': d(-2100), 'Purchase Cost': 14200, 'Warranty End': d(-275), 'EOL Date': d(25), 'Replacement Cost': 19500 },
      { 'Asset Tag': 'KPM-FS-01', Name: 'File server (Windows Server 2012 R2)', Type: 'hardware', Status: 'Deployed', Owner: 'Anita Shah', Supplier: 'CDW', Location: 'Plant 1 server room', Manufacturer: 'HPE', Model: 'ProLiant DL380 Gen9', Category: 'Server', 'Purchase Date': d(-3300), 'Purchase Cost': 11800, 'Warranty End': d(-1500), 'EOL Date': d(-410), 'Replacement Cost': 9000 },
      { 'Asset Tag': 'KPM-HIST-01', Name: 'Process historian', Type: 'hardware', Status: 'Deployed', Owner: 'Controls engineer', Supplier: 'CDW', Location: 'Plant 1 control room', Manufacturer: 'Siemens', Model: 'SIMATIC IPC847E', Category: 'Industrial PC', 'Purchase Date': d(-1500), 'Purchase Cost': 7600, 'Warranty End': d(-40), 'EOL Date': d(230), 'Replacement Cost': 8200 },
      { 'Asset Tag': 'KPM-CORE-01', Name: 'Plant core switch', Type: 'hardware', Status: 'Deployed', Owner: 'Anita Shah', Supplier: 'Cisco', Location: 'Plant 1 server room', Manufacturer: 'Cisco', Model: 'Catalyst 9300-48P', Category: 'Network', 'Purchase Date': d(-900), 'Purchase Cost': 8900, 'Warranty End': d(195), 'EOL Date': d(1900), 'Replacement Cost': 9500 },
      { 'Asset Tag': 'KPM-FW-01', Name: 'Perimeter firewall', Type: 'hardware', Status: 'Deployed', Owner: 'Anita Shah', Supplier: 'Palo Alto Networks', Location: 'Plant 1 server room', Manufacturer: 'Palo Alto Networks', Model: 'PA-440', Category: 'Network', 'Purchase Date': d(-600), 'Purchase Cost': 3600, 'Warranty End': d(130), 'EOL Date': d(1500), 'Replacement Cost': 4000 },
      { Name: 'Veeam Backup & Replication', Type: 'software', Status: 'active', Owner: 'Anita Shah', Supplier: 'Veeam', Category: 'Backup' },
      { Name: 'Microsoft 365', Type: 'saas', Status: 'active', Owner: 'Anita Shah', Supplier: 'Microsoft', Category: 'Collaboration' },
      { Name: 'ADP Workforce Now', Type: 'saas', Status: 'active', Owner: 'HR manager', Supplier: 'ADP', Category: 'Payroll and HR' },
      { Name: 'ETQ Reliance QMS', Type: 'saas', Status: 'active', Owner: 'Quality manager', Supplier: 'ETQ', Category: 'Quality' },
      ...[1, 2, 3, 4].map((i) => ({
        'Asset Tag': `KPM-CAD-0${i}`, Name: `CAD workstation ${i}`, Type: 'hardware', Status: 'Deployed', Owner: 'Engineering', Supplier: 'CDW', Location: 'Engineering office', Manufacturer: 'HP', Model: 'Z4 G5',
        Category: 'Workstation', 'Purchase Date': d(-1000 + i * 20), 'Purchase Cost': 4300, 'Warranty (months)': 36, 'EOL Date': d(460 + i * 20), 'Replacement Cost': 4600,
      })),
      ...[1, 2, 3].map((i) => ({
        'Asset Tag': `KPM-LBL-0${i}`, Name: `Label printer line ${i}`, Type: 'hardware', Status: i === 3 ? 'Out for Repair' : 'Deployed', Owner: 'Shipping', Supplier: 'Zebra Technologies', Location: 'Plant 1 shipping',
        Manufacturer: 'Zebra', Model: 'ZT411', Category: 'Printer', 'Purchase Date': d(-1400), 'Purchase Cost': 2100, 'Warranty (months)': 36, 'EOL Date': d(75 + i * 10), 'Replacement Cost': 2300,
      })),
    ],
    services: [
      { Name: 'Production scheduling and shop-floor execution', 'Business Unit': 'Operations', 'Downtime Cost per Hour': 7000, 'Operating Hours': '24x7', 'RTO (hours)': 4, 'RPO (hours)': 1, Criticality: 'critical', Systems: 'Tulip MES; Epicor Kinetic ERP; KPM-CORE-01; KPM-HIST-01' },
      { Name: 'Order to cash', 'Business Unit': 'Finance', 'Downtime Cost per Hour': 1500, 'Operating Hours': 'business hours', 'RTO (hours)': 8, 'RPO (hours)': 1, Criticality: 'critical', Systems: 'Epicor Kinetic ERP; KPM-FW-01' },
      { Name: 'Engineering and CNC programming', 'Business Unit': 'Engineering', 'Downtime Cost per Hour': 900, 'Operating Hours': 'business hours', 'RTO (hours)': 24, 'RPO (hours)': 4, Criticality: 'high', Systems: 'Siemens NX (25 seats); KPM-SRV-PLM; KPM-HV-01; KPM-HV-02' },
      { Name: 'Quality and traceability', 'Business Unit': 'Quality', 'Downtime Cost per Hour': 800, 'Operating Hours': 'business hours', 'RTO (hours)': 24, 'RPO (hours)': 4, Criticality: 'high', Systems: 'ETQ Reliance QMS; KPM-LBL-01; KPM-LBL-02; KPM-LBL-03' },
      { Name: 'Email and collaboration', 'Business Unit': 'Corporate', 'Downtime Cost per Hour': 500, 'Operating Hours': 'business hours', 'RTO (hours)': 8, 'RPO (hours)': 1, Criticality: 'high', Systems: 'Microsoft 365' },
      { Name: 'Payroll and HR', 'Business Unit': 'Human resources', 'Downtime Cost per Hour': 100, 'Operating Hours': 'business hours', 'RTO (hours)': 72, 'RPO (hours)': 24, Criticality: 'medium', Systems: 'ADP Workforce Now' },
      { Name: 'Shared drives', 'Business Unit': 'Corporate', 'Downtime Cost per Hour': 300, 'Operating Hours': 'business hours', 'RTO (hours)': 24, 'RPO (hours)': 24, Criticality: 'medium', Systems: 'KPM-FS-01; KPM-HV-01; Veeam Backup & Replication' },
    ],
    contracts: [
      { Vendor: 'Epicor', Reference: 'Kinetic ERP subscription (120 users)', 'Annual Cost': 168000, 'Start Date': d(-1000), 'Renewal Date': d(95), 'Term (months)': 36, 'Notice (days)': 90, 'Auto Renew': 'yes', Owner: 'Robert Kestrel' },
      { Vendor: 'Tulip Interfaces', Reference: 'Tulip Professional (3 sites)', 'Annual Cost': 54000, 'Start Date': d(-300), 'Renewal Date': d(65), 'Notice (days)': 60, 'Auto Renew': 'yes', Owner: 'Plant manager' },
      { Vendor: 'Siemens Digital Industries Software', Reference: 'NX and Teamcenter maintenance', 'Annual Cost': 96000, 'Renewal Date': d(180), 'Notice (days)': 90, 'Auto Renew': 'yes' },
      { Vendor: 'Microsoft', Reference: 'Enterprise Agreement (M365 E3, 300 seats)', 'Annual Cost': 129600, 'Start Date': d(-730), 'Renewal Date': d(365), 'Term (months)': 36, 'Notice (days)': 30, 'Auto Renew': 'no' },
      { Vendor: 'ADP', Reference: 'Workforce Now', 'Annual Cost': 42000, 'Renewal Date': d(40), 'Notice (days)': 60, 'Auto Renew': 'yes' },
      { Vendor: 'ETQ', Reference: 'Reliance QMS (60 users)', 'Annual Cost': 36000, 'Renewal Date': d(250), 'Notice (days)': 60, 'Auto Renew': 'yes' },
      { Vendor: 'Veeam', Reference: 'Veeam Data Platform Foundation (20 instances)', 'Annual Cost': 7800, 'Renewal Date': d(28), 'Notice (days)': 0, 'Auto Renew': 'no' },
      { Vendor: 'CDW', Reference: 'Dell ProSupport for servers', 'Annual Cost': 9400, 'Renewal Date': d(120), 'Notice (days)': 30, 'Auto Renew': 'no' },
    ],
    datasets: [
      { Name: 'Product designs and CNC programs', Classification: 'restricted', Categories: 'intellectual property', Records: 48000, Countries: 'US', 'Lifecycle Stage': 'use', Retention: 'Life of the part plus 10 years', Owner: 'Engineering manager', Systems: 'KPM-SRV-PLM; Siemens NX (25 seats); KPM-FS-01', Vendors: 'Siemens Digital Industries Software' },
      { Name: 'Customer orders and pricing', Classification: 'confidential', Categories: 'personal', Records: 120000, Countries: 'US; MX', 'Lifecycle Stage': 'use', Retention: '10 years', Owner: 'Finance controller', Systems: 'Epicor Kinetic ERP' },
      { Name: 'Employee HR and payroll', Classification: 'restricted', Categories: 'personal; payment; health', Records: 300, Countries: 'US', 'Lifecycle Stage': 'store', Retention: '7 years after employment', Owner: 'HR manager', Systems: 'ADP Workforce Now', Vendors: 'ADP' },
      { Name: 'Supplier bank details', Classification: 'restricted', Categories: 'payment', Records: 650, Countries: 'US', 'Lifecycle Stage': 'use', Retention: '7 years', Owner: 'Finance controller', Systems: 'Epicor Kinetic ERP', Vendors: 'Epicor' },
      { Name: 'Quality records and certificates', Classification: 'confidential', Categories: '', Records: 35000, Countries: 'US', 'Lifecycle Stage': 'archive', Retention: '15 years (aerospace customers)', Owner: 'Quality manager', Systems: 'ETQ Reliance QMS', Vendors: 'ETQ' },
      { Name: 'Process sensor data', Classification: 'internal', Categories: '', Records: 2100000000, Countries: 'US', 'Lifecycle Stage': 'store', Retention: '2 years', Owner: 'Controls engineer', Systems: 'KPM-HIST-01' },
    ],
    grants: [
      { 'Data Set': 'Product designs and CNC programs', Grantee: 'Engineering', 'Grantee Type': 'group', Level: 'write', Reason: 'Design and programme parts', Owner: robert, Since: d(-1400) },
      { 'Data Set': 'Product designs and CNC programs', Grantee: 'Machinists', 'Grantee Type': 'group', Level: 'read', Reason: 'Load programs on CNC machines', Owner: robert, Since: d(-1400) },
      { 'Data Set': 'Product designs and CNC programs', Grantee: 'Siemens support', 'Grantee Type': 'service', Level: 'read', Owner: anita, Since: d(-500) },
      { 'Data Set': 'Product designs and CNC programs', Grantee: 'Contract engineer (D. Novak)', 'Grantee Type': 'person', Level: 'write', Since: d(-600) },
      { 'Data Set': 'Customer orders and pricing', Grantee: 'Sales and customer service', 'Grantee Type': 'group', Level: 'write', Reason: 'Quote and enter orders', Owner: robert, Since: d(-900) },
      { 'Data Set': 'Employee HR and payroll', Grantee: 'HR', 'Grantee Type': 'group', Level: 'admin', Reason: 'Run payroll and HR', Owner: robert, Since: d(-1100) },
      { 'Data Set': 'Supplier bank details', Grantee: 'Accounts payable', 'Grantee Type': 'group', Level: 'write', Reason: 'Pay suppliers', Owner: robert, Since: d(-1000) },
      { 'Data Set': 'Supplier bank details', Grantee: 'Purchasing', 'Grantee Type': 'group', Level: 'read', Owner: anita, Since: d(-800) },
      { System: 'Epicor Kinetic ERP', Grantee: 'ERP administrators', 'Grantee Type': 'group', Level: 'admin', Reason: 'Configuration and user administration', Owner: anita, Since: d(-1000) },
      { System: 'KPM-FW-01', Grantee: 'Northbridge network team', 'Grantee Type': 'group', Level: 'admin', Reason: 'Managed firewall service', Owner: anita, Since: d(-600) },
      { System: 'KPM-HIST-01', Grantee: 'Automation integrator VPN', 'Grantee Type': 'service', Level: 'write', Since: d(-700) },
    ],
    assessments: [
      { vendor: 'Epicor', input: { assessedOn: d(-150), score: 81, findings: ['Disaster recovery test evidence older than 12 months'], conclusion: 'approved_with_conditions', assessor: 'Priya Raman' } },
      { vendor: 'ADP', input: { assessedOn: d(-300), score: 90, findings: [], conclusion: 'approved', assessor: 'Priya Raman' } },
    ],
    decisions: [
      { grantee: 'Engineering', by: 'executive', decision: 'certify' },
      { grantee: 'Accounts payable', by: 'executive', decision: 'certify' },
    ],
  };
}

/** A SaaS company: the product runs on AWS; most vendors are product sub-processors. */
function saas(d: (days: number) => string, who: DemoClient['users']): DemoEstate {
  const olivia = who.executive!.email;
  const marcus = who.contributor!.email;
  return {
    vendors: [
      { Name: 'Amazon Web Services', Supplies: 'product', Offering: 'Production hosting (EKS, RDS, S3)', Country: 'US', 'Subcontractor Of': 'Snowflake; Okta; Datadog; Zendesk; Salesforce; Stripe; CircleCI' },
      { Name: 'Snowflake', Supplies: 'product', Offering: 'Analytics warehouse behind the product', Country: 'US' },
      { Name: 'Okta', Supplies: 'both', Offering: 'Auth0 for customer sign-in; Okta Workforce for staff', Country: 'US' },
      { Name: 'Cloudflare', Supplies: 'product', Offering: 'CDN, WAF and DNS', Country: 'US' },
      { Name: 'Datadog', Supplies: 'product', Offering: 'Monitoring and logs', Country: 'US' },
      { Name: 'GitHub', Supplies: 'product', Offering: 'Source code and CI', Country: 'US' },
      { Name: 'CircleCI', Supplies: 'product', Offering: 'Build pipelines', Country: 'US' },
      { Name: 'Stripe', Supplies: 'product', Offering: 'Subscription billing and card payments', Country: 'US' },
      { Name: 'Zendesk', Supplies: 'infrastructure', Offering: 'Customer support', Country: 'US' },
      { Name: 'Salesforce', Supplies: 'infrastructure', Offering: 'CRM and Slack', Country: 'US' },
      { Name: 'Google', Supplies: 'infrastructure', Offering: 'Google Workspace', Country: 'US' },
      { Name: 'Apple', Supplies: 'infrastructure', Offering: 'Laptops (Apple Business)', Country: 'US' },
      { Name: 'Microsoft Azure', Relationship: 'fourth party', Offering: 'Cloud hosting', 'Subcontractor Of': 'GitHub' },
      { Name: 'Google Cloud Platform', Relationship: 'fourth party', Offering: 'Cloud hosting', 'Subcontractor Of': 'CircleCI; Datadog' },
      { Name: 'Twilio', Relationship: 'fourth party', Offering: 'SMS and e-mail delivery', 'Subcontractor Of': 'Okta; Zendesk' },
    ],
    systems: [
      { Name: 'AWS production account', Type: 'cloud', Scope: 'product', Status: 'active', Owner: 'Marcus Lee', Supplier: 'Amazon Web Services', Location: 'us-east-1, eu-central-1', Category: 'Cloud', 'Replacement Cost': 0 },
      { Name: 'EKS production cluster', Type: 'cloud', Scope: 'product', Status: 'active', Owner: 'Platform team', Supplier: 'Amazon Web Services', Location: 'us-east-1' },
      { Name: 'RDS PostgreSQL (customer data)', Type: 'cloud', Scope: 'product', Status: 'active', Owner: 'Platform team', Supplier: 'Amazon Web Services', Location: 'us-east-1, eu-central-1' },
      { Name: 'S3 data lake', Type: 'cloud', Scope: 'product', Status: 'active', Owner: 'Data team', Supplier: 'Amazon Web Services', Location: 'us-east-1' },
      { Name: 'Snowflake warehouse', Type: 'saas', Scope: 'product', Status: 'active', Owner: 'Data team', Supplier: 'Snowflake', Location: 'AWS us-east-1' },
      { Name: 'Auth0 tenant', Type: 'saas', Scope: 'product', Status: 'active', Owner: 'Platform team', Supplier: 'Okta' },
      { Name: 'Cloudflare', Type: 'saas', Scope: 'product', Status: 'active', Owner: 'Platform team', Supplier: 'Cloudflare' },
      { Name: 'Datadog', Type: 'saas', Scope: 'product', Status: 'active', Owner: 'Platform team', Supplier: 'Datadog' },
      { Name: 'GitHub organisation', Type: 'saas', Scope: 'product', Status: 'active', Owner: 'Marcus Lee', Supplier: 'GitHub' },
      { Name: 'CircleCI', Type: 'saas', Scope: 'product', Status: 'active', Owner: 'Platform team', Supplier: 'CircleCI' },
      { Name: 'Stripe Billing', Type: 'saas', Scope: 'product', Status: 'active', Owner: 'Finance', Supplier: 'Stripe' },
      { Name: 'Zendesk', Type: 'saas', Scope: 'internal', Status: 'active', Owner: 'Customer success', Supplier: 'Zendesk' },
      { Name: 'Salesforce Sales Cloud', Type: 'saas', Scope: 'internal', Status: 'active', Owner: 'Revenue operations', Supplier: 'Salesforce' },
      { Name: 'Slack', Type: 'saas', Scope: 'internal', Status: 'active', Owner: 'Marcus Lee', Supplier: 'Salesforce' },
      { Name: 'Google Workspace', Type: 'saas', Scope: 'internal', Status: 'active', Owner: 'Marcus Lee', Supplier: 'Google' },
      { Name: 'Okta Workforce', Type: 'saas', Scope: 'internal', Status: 'active', Owner: 'Marcus Lee', Supplier: 'Okta' },
      ...[1, 2, 3, 4, 5].map((i) => ({
        'Asset Tag': `LUM-MBP-${String(i).padStart(3, '0')}`, Name: `MacBook Pro ${i}`, Type: 'hardware', Scope: 'internal', Status: 'Deployed', Owner: 'Engineering', Supplier: 'Apple', Location: 'Remote',
        Manufacturer: 'Apple', Model: 'MacBook Pro 14 M3', Category: 'Laptop', 'Purchase Date': d(-700 + i * 40), 'Purchase Cost': 2399, 'Warranty (months)': 36, 'EOL Date': d(400 + i * 40), 'Replacement Cost': 2499,
      })),
    ],
    services: [
      { Name: 'Lumen analytics platform', 'Business Unit': 'Product', 'Downtime Cost per Hour': 2400, 'Operating Hours': '24x7', 'RTO (hours)': 2, 'RPO (hours)': 0.25, Criticality: 'critical', Systems: 'EKS production cluster; RDS PostgreSQL (customer data); Snowflake warehouse; Auth0 tenant; Cloudflare' },
      { Name: 'Billing and subscriptions', 'Business Unit': 'Finance', 'Downtime Cost per Hour': 600, 'Operating Hours': 'business hours', 'RTO (hours)': 12, 'RPO (hours)': 1, Criticality: 'high', Systems: 'Stripe Billing; Salesforce Sales Cloud' },
      { Name: 'Customer support', 'Business Unit': 'Customer success', 'Downtime Cost per Hour': 400, 'Operating Hours': 'business hours', 'RTO (hours)': 8, 'RPO (hours)': 4, Criticality: 'high', Systems: 'Zendesk; Slack' },
      { Name: 'Engineering delivery', 'Business Unit': 'Engineering', 'Downtime Cost per Hour': 200, 'Operating Hours': 'business hours', 'RTO (hours)': 24, 'RPO (hours)': 4, Criticality: 'medium', Systems: 'GitHub organisation; CircleCI; Datadog' },
      { Name: 'Internal IT and collaboration', 'Business Unit': 'Operations', 'Downtime Cost per Hour': 150, 'Operating Hours': 'business hours', 'RTO (hours)': 8, 'RPO (hours)': 4, Criticality: 'high', Systems: 'Google Workspace; Okta Workforce; Slack' },
    ],
    contracts: [
      { Vendor: 'Amazon Web Services', Reference: 'Enterprise Discount Program', 'Annual Cost': 840000, 'Start Date': d(-400), 'Renewal Date': d(330), 'Term (months)': 36, 'Notice (days)': 90, 'Auto Renew': 'no', Owner: 'Olivia Brandt' },
      { Vendor: 'Snowflake', Reference: 'Capacity agreement', 'Annual Cost': 210000, 'Renewal Date': d(55), 'Notice (days)': 60, 'Auto Renew': 'yes', Owner: 'Data team lead' },
      { Vendor: 'Okta', Reference: 'Auth0 B2B Professional and Workforce Identity', 'Annual Cost': 64000, 'Renewal Date': d(140), 'Notice (days)': 30, 'Auto Renew': 'yes' },
      { Vendor: 'Datadog', Reference: 'Pro plan', 'Annual Cost': 96000, 'Renewal Date': d(35), 'Notice (days)': 30, 'Auto Renew': 'yes' },
      { Vendor: 'GitHub', Reference: 'Enterprise Cloud (60 seats)', 'Annual Cost': 15120, 'Renewal Date': d(210), 'Notice (days)': 30, 'Auto Renew': 'yes' },
      { Vendor: 'Zendesk', Reference: 'Suite Professional (25 agents)', 'Annual Cost': 34500, 'Renewal Date': d(80), 'Notice (days)': 30, 'Auto Renew': 'yes' },
      { Vendor: 'Salesforce', Reference: 'Sales Cloud and Slack Business+', 'Annual Cost': 118000, 'Renewal Date': d(260), 'Notice (days)': 60, 'Auto Renew': 'yes' },
      { Vendor: 'Google', Reference: 'Workspace Business Plus (120 seats)', 'Annual Cost': 31680, 'Renewal Date': d(100), 'Notice (days)': 0, 'Auto Renew': 'yes' },
    ],
    datasets: [
      { Name: 'Customer analytics events', Classification: 'restricted', Categories: 'personal', Records: 8600000, Countries: 'US; DE; GB', 'Lifecycle Stage': 'use', Retention: '25 months, then aggregated', Owner: 'Data team lead', Systems: 'RDS PostgreSQL (customer data); S3 data lake; Snowflake warehouse', Vendors: 'Amazon Web Services; Snowflake; Datadog' },
      { Name: 'Customer accounts and billing', Classification: 'confidential', Categories: 'personal; payment', Records: 1450, Countries: 'US; DE', 'Lifecycle Stage': 'use', Retention: '7 years', Owner: 'Finance', Systems: 'Stripe Billing; Salesforce Sales Cloud', Vendors: 'Stripe; Salesforce' },
      { Name: 'Production secrets and API keys', Classification: 'restricted', Categories: 'credentials', Records: 850, Countries: 'US', 'Lifecycle Stage': 'use', Retention: 'Rotated every 90 days', Owner: 'Platform team', Systems: 'AWS production account; GitHub organisation; CircleCI', Vendors: 'GitHub; CircleCI' },
      { Name: 'Source code', Classification: 'restricted', Categories: 'intellectual property', Records: 310, Countries: 'US', 'Lifecycle Stage': 'use', Retention: 'Indefinite', Owner: 'Marcus Lee', Systems: 'GitHub organisation; CircleCI' },
      { Name: 'Support tickets', Classification: 'confidential', Categories: 'personal', Records: 96000, Countries: 'US; DE', 'Lifecycle Stage': 'store', Retention: '3 years', Owner: 'Customer success', Systems: 'Zendesk', Vendors: 'Zendesk' },
      { Name: 'Employee records', Classification: 'confidential', Categories: 'personal; health', Records: 120, Countries: 'US; DE', 'Lifecycle Stage': 'store', Retention: '7 years after employment', Owner: 'People team', Systems: 'Google Workspace' },
    ],
    grants: [
      { 'Data Set': 'Customer analytics events', Grantee: 'Data team', 'Grantee Type': 'group', Level: 'write', Reason: 'Build and run the analytics pipeline', Owner: olivia, Since: d(-700) },
      { 'Data Set': 'Customer analytics events', Grantee: 'Support engineers', 'Grantee Type': 'group', Level: 'read', Reason: 'Investigate customer tickets', Owner: olivia, Since: d(-500) },
      { 'Data Set': 'Customer analytics events', Grantee: 'Former contractor (Q. Hale)', 'Grantee Type': 'person', Level: 'read', Owner: marcus, Since: d(-420) },
      { 'Data Set': 'Production secrets and API keys', Grantee: 'Platform team', 'Grantee Type': 'group', Level: 'admin', Reason: 'Operate production', Owner: marcus, Since: d(-900) },
      { 'Data Set': 'Production secrets and API keys', Grantee: 'CI deploy role', 'Grantee Type': 'service', Level: 'read', Reason: 'Deploy from CI', Owner: marcus, Since: d(-600) },
      { 'Data Set': 'Source code', Grantee: 'Engineering', 'Grantee Type': 'group', Level: 'write', Reason: 'Develop the product', Owner: marcus, Since: d(-1000) },
      { 'Data Set': 'Source code', Grantee: 'Offshore QA vendor', 'Grantee Type': 'group', Level: 'read', Since: d(-250) },
      { 'Data Set': 'Customer accounts and billing', Grantee: 'Finance', 'Grantee Type': 'group', Level: 'write', Reason: 'Invoicing and collections', Owner: olivia, Since: d(-800) },
      { System: 'AWS production account', Grantee: 'Break-glass admin', 'Grantee Type': 'person', Level: 'admin', Reason: 'Emergency access, sealed', Owner: marcus, Since: d(-900) },
      { System: 'Snowflake warehouse', Grantee: 'BI analysts', 'Grantee Type': 'group', Level: 'read', Owner: olivia, Since: d(-300) },
    ],
    assessments: [
      { vendor: 'Amazon Web Services', input: { assessedOn: d(-120), score: 95, findings: [], conclusion: 'approved', assessor: 'Priya Raman' } },
      { vendor: 'Snowflake', input: { assessedOn: d(-390), score: 88, findings: ['Network policy allows any IP for service users'], conclusion: 'approved_with_conditions', assessor: 'Priya Raman' } },
      { vendor: 'Okta', input: { assessedOn: d(-60), score: 84, findings: ['Review support-access logs after the 2023 incident'], conclusion: 'approved', assessor: 'Priya Raman' } },
    ],
    decisions: [
      { grantee: 'Data team', by: 'executive', decision: 'certify' },
      { grantee: 'Platform team', by: 'contributor', decision: 'certify' },
      { grantee: 'Former contractor (Q. Hale)', by: 'contributor', decision: 'revoke', note: 'Contract ended' },
    ],
  };
}

const ESTATES = { accounting, manufacturer, saas };

function actorFor(user: { id: string; email: string; name: string }, firmId: string, firmRole: Actor['firmRole']): Actor {
  return { userId: user.id, label: `${user.name} <${user.email}>`, firmId, firmRole, email: user.email };
}

/**
 * Each demo client gets an estate for its sector: services with downtime costs, systems (some
 * near end of life), vendors with fourth parties and contracts renewing soon, data sets with
 * restricted data, grants (some without a reason or owner), and an access review half done.
 * Loaded through the CSV import, as a client's own files would be.
 */
export async function seedEstateDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  const row = await getClientRow(ctx, client.id);
  const info = clientInfo(row);
  const advisorUser = client.users.advisor ?? client.users.advisor2 ?? client.users.admin!;
  const advisor = new ClientScope(ctx, info, actorFor(advisorUser, row.firm_id, 'advisor'), 'advisor');
  const system = new ClientScope(ctx, info, systemActor(row.firm_id, 'demo seed'), 'advisor');
  const today = toDateString(ctx.clock.now());
  const estate = ESTATES[client.key]((days) => addDays(today, days), client.users);
  const files: [CsvKind, Row[]][] = [
    ['vendors', estate.vendors],
    ['systems', estate.systems],
    ['services', estate.services],
    ['contracts', estate.contracts],
    ['datasets', estate.datasets],
    ['grants', estate.grants],
  ];
  for (const [kind, rows] of files) {
    const report = await importCsv(system, [csv(rows)], { kind, fileName: `demo-${kind}.csv` });
    if (report.status !== 'imported') throw new Error(`demo ${kind} for ${client.name}: ${JSON.stringify(report.problems.slice(0, 5))}`);
  }
  // The import settings of a client whose asset tool has words of its own, for its next files.
  if (client.key === 'manufacturer') {
    await setValueMap(advisor, { kind: 'systems', field: 'status', value: 'Quarantined', target: 'repair' });
    await setValueMap(advisor, { kind: 'systems', field: 'type', value: 'PLC', target: 'hardware' });
    await setReplacementCost(advisor, 'hardware', 1500);
  }
  const vendors = await advisor.db.selectFrom('estate_vendors').select(['id', 'name']).execute();
  for (const a of estate.assessments) {
    const v = vendors.find((x) => x.name === a.vendor);
    if (v) await addAssessment(advisor, v.id, a.input);
  }
  const review = await startReview(advisor, { name: 'Quarterly access review', dueDate: addDays(today, 14) });
  for (const dcs of estate.decisions) {
    const item = review.items.find((i) => i.grant.grantee === dcs.grantee && i.decision === null);
    const user = client.users[dcs.by];
    if (!item || !user) continue;
    const role: MemberRole = dcs.by === 'executive' ? 'executive' : dcs.by === 'contributor' ? 'contributor' : 'advisor';
    const scope = new ClientScope(ctx, info, actorFor(user, row.firm_id, 'member'), role);
    await decideItem(scope, review.id, item.id, { decision: dcs.decision, note: dcs.note ?? null });
  }
}
