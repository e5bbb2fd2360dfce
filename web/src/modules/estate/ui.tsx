/** Small pieces the estate pages share: badges and labels. */
import { Badge, Tooltip } from '@mantine/core';

export const TIER_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'gray' };
export const TIER_NAMES: Record<number, string> = { 1: 'critical', 2: 'high', 3: 'moderate', 4: 'low' };

/** `Tier 1 · critical`; `compact` (in tables) shows `Tier 1` with the rest on hover. */
export function TierBadge({ tier, reasons, compact = false }: { tier: number; reasons?: string[]; compact?: boolean }) {
  const badge = (
    <Badge color={TIER_COLORS[tier] ?? 'gray'} variant="light" style={{ flexShrink: 0 }}>
      Tier {tier}
      {compact ? '' : ` · ${TIER_NAMES[tier]}`}
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

export function ClassificationBadge({ value }: { value: string }) {
  return (
    <Badge color={CLASSIFICATION_COLORS[value] ?? 'gray'} variant="light">
      {value}
    </Badge>
  );
}

export const CRITICALITY_COLORS: Record<string, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' };

export function CriticalityBadge({ value }: { value: string }) {
  return (
    <Badge color={CRITICALITY_COLORS[value] ?? 'gray'} variant="light">
      {value}
    </Badge>
  );
}

export const FLAG_LABELS: Record<string, string> = { no_reason: 'No reason', no_owner: 'No owner', owner_not_member: 'Owner has left' };

export function FlagBadges({ flags }: { flags: string[] }) {
  return (
    <>
      {flags.map((f) => (
        <Badge key={f} color="orange" variant="outline" size="sm" mr={4}>
          {FLAG_LABELS[f] ?? f}
        </Badge>
      ))}
    </>
  );
}

/** Words as people read them: `intellectual_property` → `intellectual property`. */
export const words = (s: string): string => s.replace(/_/g, ' ');

/** Stored values as people read them. */
export const SYSTEM_TYPE_LABELS: Record<string, string> = { hardware: 'Hardware', software: 'Software', saas: 'SaaS', cloud: 'Cloud' };
export const SYSTEM_STATUS_LABELS: Record<string, string> = { planned: 'Planned', active: 'In use', spare: 'Spare', repair: 'In repair', retired: 'Retired' };
export const SUPPLIES_LABELS: Record<string, string> = { infrastructure: 'Infrastructure', product: 'Product', both: 'Infrastructure and product' };

/** A stored value's label, or the value in plain words when no label is known. */
export const labelOf = (labels: Record<string, string>, value: string): string => labels[value] ?? words(value);

/** Options for a Select over stored values, labelled. */
export const labelledOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
