import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { InitiativeOut } from '@schema/roadmap';

const STATUS_COLORS: Record<InitiativeOut['status'], string> = { proposed: 'orange', approved: 'blue', in_progress: 'violet', done: 'teal', dropped: 'gray' };

export function StatusBadge({ status }: { status: InitiativeOut['status'] }) {
  const { t } = useTranslation('roadmap');
  return (
    <Badge variant="light" color={STATUS_COLORS[status]}>
      {t(`status.${status}`)}
    </Badge>
  );
}

const TREATMENT_STATUSES = ['proposed', 'planned', 'in_place'] as const;
/** A treatment's status in words (a status the app does not know is shown as it is). */
export function treatmentStatus(t: TFunction<'roadmap'>, status: string): string {
  const known = TREATMENT_STATUSES.find((s) => s === status);
  return known ? t(`treatmentStatus.${known}`) : status;
}

/** "4.20 a year per 1 spent", or what stands in for it. */
export function perCost(t: TFunction<'roadmap'>, i: InitiativeOut): string {
  if (i.riskPerCost === null) return '—';
  if (!Number.isFinite(i.riskPerCost)) return t('atNoCost');
  return i.riskPerCost.toFixed(2);
}
