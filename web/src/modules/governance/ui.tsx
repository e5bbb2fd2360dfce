/** Small pieces the governance pages share: labels and badges. */
import { Badge, Tooltip } from '@mantine/core';
import type { AcceptanceOut, CheckOut, DecisionOut, PositionOut, ReportsTo, Seat } from '@schema/governance';

export const SEAT_NAMES: Record<Seat, string> = {
  CIO: 'Chief Information Officer',
  CTO: 'Chief Technology Officer',
  CISO: 'Chief Information Security Officer',
};
export const REPORTS_TO_LABELS: Record<ReportsTo, string> = { CEO: 'the CEO', board: 'the board', CIO: 'the CIO', CFO: 'the CFO', other: 'someone else' };

const SEVERITY_COLORS: Record<CheckOut['severity'], string> = { high: 'red', medium: 'orange', low: 'yellow' };
export function SeverityBadge({ severity }: { severity: CheckOut['severity'] }) {
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant="light" style={{ flexShrink: 0 }}>
      {severity}
    </Badge>
  );
}

const STANCE_COLORS: Record<NonNullable<PositionOut['stance']>, string> = { supports: 'teal', opposes: 'red', abstains: 'gray' };
export function StanceBadge({ stance }: { stance: PositionOut['stance'] }) {
  if (!stance) {
    return (
      <Badge color="gray" variant="outline">
        No position yet
      </Badge>
    );
  }
  return (
    <Badge color={STANCE_COLORS[stance]} variant="filled">
      {stance}
    </Badge>
  );
}

export function DecisionStatusBadge({ decision }: { decision: Pick<DecisionOut, 'status' | 'awaitingExecutive' | 'escalated' | 'overdue'> }) {
  if (decision.awaitingExecutive) {
    return (
      <Tooltip label="The seats disagree: only an executive can decide it.">
        <Badge color="red">Awaiting an executive</Badge>
      </Tooltip>
    );
  }
  if (decision.status === 'open') return <Badge color={decision.overdue ? 'orange' : 'blue'} variant="light">{decision.overdue ? 'Open, overdue' : 'Open'}</Badge>;
  if (decision.status === 'decided') return <Badge color={decision.overdue ? 'orange' : 'teal'} variant="light">{decision.overdue ? 'Decided, revisit due' : 'Decided'}</Badge>;
  return (
    <Badge color="gray" variant="light">
      Withdrawn
    </Badge>
  );
}

const ACCEPTANCE_LABELS: Record<AcceptanceOut['status'], string> = { requested: 'Awaiting approval', approved: 'Accepted', rejected: 'Rejected', withdrawn: 'Withdrawn', expired: 'Expired' };
const ACCEPTANCE_COLORS: Record<AcceptanceOut['status'], string> = { requested: 'blue', approved: 'grape', rejected: 'gray', withdrawn: 'gray', expired: 'orange' };
export function AcceptanceStatusBadge({ acceptance }: { acceptance: Pick<AcceptanceOut, 'status' | 'reapprovalRequired'> }) {
  if (acceptance.reapprovalRequired) return <Badge color="red">Re-approval needed</Badge>;
  return (
    <Badge color={ACCEPTANCE_COLORS[acceptance.status]} variant="light">
      {ACCEPTANCE_LABELS[acceptance.status]}
    </Badge>
  );
}

export const AUTHORITY_LABELS: Record<AcceptanceOut['requiredAuthority'], string> = {
  executive: 'An executive (the board)',
  'ciso-advisor-or-executive': 'The CISO\u2019s advisor or an executive',
};
