import { Badge } from '@mantine/core';
import type { InitiativeOut } from '@schema/roadmap';
import { STATUS_LABELS } from '@schema/roadmap';

const STATUS_COLORS: Record<InitiativeOut['status'], string> = { proposed: 'orange', approved: 'blue', in_progress: 'violet', done: 'teal', dropped: 'gray' };

export function StatusBadge({ status }: { status: InitiativeOut['status'] }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** "4.20 a year per 1 spent", or what stands in for it. */
export function perCost(i: InitiativeOut): string {
  if (i.riskPerCost === null) return '—';
  if (!Number.isFinite(i.riskPerCost)) return 'at no cost';
  return i.riskPerCost.toFixed(2);
}
