import { clientModules } from '../../modules/registry';
import { auditActionWords } from '../../i18n';
import { PLATFORM_AUDIT_ACTIONS as PLATFORM_ACTIONS } from './audit-actions';

const VERBS: Record<string, string> = {
  create: 'Created',
  add: 'Added',
  update: 'Changed',
  change: 'Changed',
  delete: 'Deleted',
  remove: 'Removed',
  archive: 'Archived',
  restore: 'Restored',
  import: 'Imported',
  approve: 'Approved',
  reject: 'Rejected',
  accept: 'Accepted',
  expire: 'Expired',
  revoke: 'Revoked',
  certify: 'Certified',
};

function humanize(s: string): string {
  return s.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** `risk.update` → "Changed a risk" (or the module's own wording), in the language in use. */
export function describeAction(action: string): string {
  const translated = auditActionWords(action, 'auditActions');
  if (translated) return translated;
  const own = PLATFORM_ACTIONS[action] ?? clientModules.find((m) => m.auditActions?.[action])?.auditActions?.[action];
  if (own) return own;
  const dot = action.lastIndexOf('.');
  if (dot < 0) return humanize(action).replace(/^./, (c) => c.toUpperCase());
  const entity = humanize(action.slice(0, dot));
  const verb = action.slice(dot + 1);
  const translatedVerb = auditActionWords(verb, 'auditVerbs');
  if (translatedVerb) return `${translatedVerb}: ${entity}`;
  const v = VERBS[verb];
  return v ? `${v} ${/^[aeiou]/.test(entity) ? 'an' : 'a'} ${entity}` : `${humanize(verb).replace(/^./, (c) => c.toUpperCase())}: ${entity}`;
}

/** `member` → "Member", `risk_scenario` → "Risk scenario". */
export function describeEntity(entityType: string): string {
  const h = humanize(entityType);
  return h.charAt(0).toUpperCase() + h.slice(1);
}

export interface DiffRow {
  /** Dotted path: `annualRevenue`, `owner.name`, `tags[2]`. */
  path: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
    if (value.length === 0) out.set(prefix, []);
  } else if (prefix) {
    out.set(prefix, value);
  } else {
    out.set('value', value);
  }
}

/**
 * Before and after of an audit entry as rows, one per field, changed fields first. A creation
 * has only "after", a removal only "before".
 */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, '', b);
  if (after !== null && after !== undefined) flatten(after, '', a);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  const rows = paths.map((path) => {
    const bv = b.get(path);
    const av = a.get(path);
    return { path, before: bv, after: av, changed: JSON.stringify(bv) !== JSON.stringify(av) };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

/** A value as it reads in the diff. */
export function showValue(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'empty';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return JSON.stringify(v);
}
