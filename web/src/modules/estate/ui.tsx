/** Small pieces the estate pages share: badges, and the closed lists whose values they label. */
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServiceOut, SystemOut } from '@schema/estate';
import type { DatasetOut, GrantOut } from '@schema/estate/access';
import type { VendorDetail, VendorOut } from '@schema/estate/vendors';

type Classification = DatasetOut['classification'];
type Criticality = ServiceOut['criticality'];
type Flag = GrantOut['flags'][number];

/** The stored values a person picks from, in the order the web app shows them (labels in words/). */
export const SYSTEM_TYPES = ['hardware', 'software', 'saas', 'cloud'] as const satisfies readonly SystemOut['type'][];
export const SYSTEM_STATUSES = ['planned', 'active', 'spare', 'repair', 'retired'] as const satisfies readonly SystemOut['status'][];
export const SYSTEM_SCOPES = ['internal', 'product'] as const satisfies readonly SystemOut['scope'][];
export const SUPPLIES = ['infrastructure', 'product', 'both'] as const satisfies readonly VendorOut['supplies'][];
export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Criticality[];
export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const satisfies readonly Classification[];
export const CATEGORIES = ['personal', 'health', 'payment', 'credentials', 'intellectual_property'] as const satisfies readonly DatasetOut['categories'][number][];
export const TIERS = [1, 2, 3, 4] as const satisfies readonly VendorOut['tier'][];
const isTier = (n: number): n is (typeof TIERS)[number] => (TIERS as readonly number[]).includes(n);
export const CONCLUSIONS = ['approved', 'approved_with_conditions', 'rejected'] as const satisfies readonly VendorDetail['assessments'][number]['conclusion'][];
export const GRANTEE_TYPES = ['person', 'group', 'service'] as const satisfies readonly GrantOut['granteeType'][];
export const ACCESS_LEVELS = ['read', 'write', 'admin'] as const satisfies readonly GrantOut['level'][];

export const TIER_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'gray' };
export const ASSESSMENT_COLORS: Record<VendorOut['assessment']['status'], string> = {
  current: 'teal',
  due: 'yellow',
  overdue: 'red',
  never: 'orange',
  not_required: 'gray',
};

/** `Tier 1 · critical`; `compact` (in tables) shows `Tier 1` with the rest on hover. */
export function TierBadge({ tier, reasons, compact = false }: { tier: number; reasons?: string[]; compact?: boolean }) {
  const { t } = useTranslation('estate');
  const badge = (
    <Badge color={TIER_COLORS[tier] ?? 'gray'} variant="light" style={{ flexShrink: 0 }}>
      {compact || !isTier(tier) ? t('common.tier', { tier }) : t('common.tierNamed', { tier, name: t(`values.tierName.tier${tier}`) })}
    </Badge>
  );
  return reasons && reasons.length > 0 ? (
    <Tooltip label={reasons.slice(0, 4).join(' · ')} multiline w={320}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

export const CLASSIFICATION_COLORS: Record<string, string> = { restricted: 'red', confidential: 'orange', internal: 'blue', public: 'gray' };

export function ClassificationBadge({ value }: { value: Classification }) {
  const { t } = useTranslation('estate');
  return (
    <Badge color={CLASSIFICATION_COLORS[value] ?? 'gray'} variant="light">
      {t(`values.classification.${value}`)}
    </Badge>
  );
}

export const CRITICALITY_COLORS: Record<string, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' };

export function CriticalityBadge({ value }: { value: Criticality }) {
  const { t } = useTranslation('estate');
  return (
    <Badge color={CRITICALITY_COLORS[value] ?? 'gray'} variant="light">
      {t(`values.criticality.${value}`)}
    </Badge>
  );
}

export function FlagBadges({ flags }: { flags: Flag[] }) {
  const { t } = useTranslation('estate');
  return (
    <>
      {flags.map((f) => (
        <Badge key={f} color="orange" variant="outline" size="sm" mr={4}>
          {t(`values.flag.${f}`)}
        </Badge>
      ))}
    </>
  );
}
