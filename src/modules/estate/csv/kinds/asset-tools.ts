/**
 * The columns and words of the asset and device exports advisors bring, written from each tool's
 * public documentation and sample files:
 *
 * - Snipe-IT: the sample import files (sample_csvs/assets-sample.csv, MOCK_ASSETS.csv) and the
 *   importer's own aliases: Company, Name or item Name, Asset Tag, Category, Supplier,
 *   Manufacturer, Location, Order Number, Model or Model name, Model Number, Serial Number,
 *   Asset Notes, Purchase Date, Purchase Cost, Warranty Months, Asset EOL Date, Status,
 *   Checked Out To…; statuses Ready to Deploy, Deployed, Pending, Pending Diagnostics,
 *   Undeployable, Archived, Lost/Stolen, Broken.
 * - Lansweeper: report columns of tblAssets, tblAssetCustom and tsysAssetTypes (AssetName,
 *   AssetTypename, Manufacturer, Model, Serialnumber, PurchaseDate, Warrantydate, Location,
 *   Contact, Username, State, Description, BarCode) and their usual report aliases
 *   ("Warranty Expiration", "Purchase Date"); asset types Windows, Linux, Apple Mac, Switch,
 *   Router, Firewall, Printer, Monitor, VMware Guest…; states Active, Non-active, Stock, Broken.
 * - NinjaOne: the device list export and IT Asset Management fields (Display Name, System Name,
 *   Device Type, Role, Organization, Location, Serial Number, Manufacturer, Model, Last Logged In
 *   User, Purchase Date, Purchase Amount, Warranty End Date, End of Life Date, Asset Status).
 * - Datto RMM: the device list export (Hostname, Description, Site Name, Device Type, Serial
 *   Number, Manufacturer, Model, Last User, Warranty Expiry, Warranty Date); device types Desktop,
 *   Laptop, Server, ESXi Host, Network Device, Printer.
 * - ScalePad Lifecycle Manager: the hardware asset export (Name, Client, Hardware Type, Serial
 *   Number, Manufacturer, Model, Purchase Date, Warranty Expiry, Warranty Status, Replacement
 *   Date, Replacement Cost).
 * - Microsoft Intune (Devices, All devices, Export) and Entra ID devices: Device name,
 *   Serial number, Manufacturer, Model, OS, Ownership, Primary user display name, Primary user
 *   UPN, Enrollment date, Last check-in, Category; displayName, manufacturer, model,
 *   operatingSystem, registeredOwners.
 *
 * Aliases are in order of preference: when a file has two columns for one field, the earlier
 * one is used and the other set aside (named in the report).
 */

export const SYSTEM_ALIASES = {
  assetTag: ['Tag', 'Asset ID', 'Asset Number', 'Asset No', 'Asset Tag Number', 'BarCode', 'Barcode', 'Inventory Number'],
  name: ['Asset Name', 'item Name', 'Item', 'System', 'System Name', 'AssetName', 'Hostname', 'Device Name', 'Display Name', 'Device', 'Computer Name', 'displayName', 'Hardware Name'],
  type: ['System Type', 'Asset Type', 'AssetTypename', 'Device Type', 'Hardware Type', 'Device Class', 'Role', 'Kind'],
  scope: ['Internal or Product', 'Seat'],
  status: ['Status Label', 'Asset Status', 'State', 'Lifecycle Status', 'Device state'],
  owner: [
    'Assigned To', 'Checked Out To', 'Business Owner', 'System Owner', 'Full Name', 'Checked Out To: Username', 'Checked Out To: Email', 'Primary user display name', 'Primary user UPN',
    'Primary user email address', 'Last Logged In User', 'Last User', 'Contact', 'Username', 'registeredOwners', 'Email',
  ],
  vendor: ['Supplier', 'Provider', 'Purchased From', 'Reseller'],
  location: ['Site', 'Site Name', 'Office', 'Building', 'Region'],
  manufacturer: ['Make', 'Brand', 'manufacturer'],
  model: ['Model Name', 'Model No', 'Model Number', 'Product Name', 'SystemSKU'],
  serial: ['Serial Number', 'Serialnumber', 'Serial No', 'S/N', 'Identifying Number'],
  category: ['Asset Category', 'Device Category'],
  purchaseDate: ['Purchased', 'Purchased At', 'Order Date', 'Acquired', 'Acquisition Date', 'PurchaseDate'],
  purchaseCost: ['Cost', 'Price', 'Purchase Price', 'Purchase Amount', 'Purchase Value'],
  warrantyMonths: ['Warranty Months', 'Warranty'],
  warrantyEnd: [
    'Warranty Expires', 'Warranty Expiration', 'Warranty End Date', 'Warranty Expiration Date', 'Warranty Expiry', 'Warranty Expiry Date', 'Warrantydate', 'Warranty Date', 'Warranty End',
    'Warranty Expires At',
  ],
  endOfLife: ['EOL Date', 'Asset EOL Date', 'End of Life Date', 'EOL', 'End of Support', 'Replacement Date', 'End of Life'],
  replacementCost: ['Replacement Value', 'Replacement Price'],
  notes: ['Comments', 'Asset Notes', 'Description'],
} as const;

/** Status words of asset tools, mapped to Triad's (compared loosely: case, spaces, hyphens). */
export const STATUS_WORDS: Record<string, 'planned' | 'active' | 'spare' | 'repair' | 'retired'> = {
  deployed: 'active',
  'in use': 'active',
  'in service': 'active',
  production: 'active',
  live: 'active',
  managed: 'active',
  assigned: 'active',
  'ready to deploy': 'spare',
  deployable: 'spare',
  'in stock': 'spare',
  stock: 'spare',
  available: 'spare',
  spare: 'spare',
  pending: 'planned',
  ordered: 'planned',
  'on order': 'planned',
  staged: 'planned',
  'pending diagnostics': 'repair',
  'out for repair': 'repair',
  'out for diagnostics': 'repair',
  'in repair': 'repair',
  broken: 'repair',
  maintenance: 'repair',
  archived: 'retired',
  disposed: 'retired',
  decommissioned: 'retired',
  'lost stolen': 'retired',
  lost: 'retired',
  stolen: 'retired',
  undeployable: 'retired',
  'non active': 'retired',
  inactive: 'retired',
};

/** Device and asset types of these tools: the devices are hardware. */
export const TYPE_WORDS: Record<string, 'hardware' | 'software' | 'saas' | 'cloud'> = {
  hw: 'hardware',
  device: 'hardware',
  sw: 'software',
  application: 'software',
  license: 'software',
  licence: 'software',
  'software as a service': 'saas',
  iaas: 'cloud',
  paas: 'cloud',
  'cloud service': 'cloud',
  ...Object.fromEntries(
    [
      'windows', 'windows server', 'windows workstation', 'windows desktop', 'windows laptop', 'linux', 'linux server', 'linux workstation', 'apple mac', 'mac', 'macos', 'mac workstation',
      'workstation', 'desktop', 'laptop', 'notebook', 'server', 'switch', 'router', 'firewall', 'printer', 'monitor', 'network device', 'nas', 'san', 'ups', 'access point',
      'wireless access point', 'esxi host', 'vmware host', 'vmware esxi host', 'hyper v host', 'mobile', 'phone', 'ip phone', 'voip phone', 'tablet', 'ipad', 'iphone', 'android', 'ios',
      'ipados', 'camera', 'scanner', 'computer',
    ].map((w) => [w, 'hardware' as const]),
  ),
};
