/** Small pieces the governance pages share: labels and badges. */
import { Badge, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AcceptanceOut, CheckOut, DecisionOut, PositionOut } from '@schema/governance';

const ROLES = ['executive', 'advisor', 'contributor', 'viewer'] as const;
/** A member's role in the client, in words (a role the app does not know is shown as it is). */
export function roleLabel(t: TFunction<'governance'>, role: string | null | undefined): string {
  if (!role) return '';
  const known = ROLES.find((r) => r === role);
  return known ? t(`roles.${known}`) : role;
}

const SEVERITY_COLORS: Record<CheckOut['severity'], string> = { high: 'red', medium: 'orange', low: 'yellow' };
export function SeverityBadge({ severity }: { severity: CheckOut['severity'] }) {
  const { t } = useTranslation('governance');
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant="light" style={{ flexShrink: 0 }}>
      {t(`severity.${severity}`)}
    </Badge>
  );
}

const STANCE_COLORS: Record<NonNullable<PositionOut['stance']>, string> = { supports: 'teal', opposes: 'red', abstains: 'gray' };
export function StanceBadge({ stance }: { stance: PositionOut['stance'] }) {
  const { t } = useTranslation('governance');
  if (!stance) {
    return (
      <Badge color="gray" variant="outline">
        {t('noPositionYet')}
      </Badge>
    );
  }
  return (
    <Badge color={STANCE_COLORS[stance]} variant="filled">
      {t(`stance.${stance}`)}
    </Badge>
  );
}

export function DecisionStatusBadge({ decision }: { decision: Pick<DecisionOut, 'status' | 'awaitingExecutive' | 'escalated' | 'overdue'> }) {
  const { t } = useTranslation('governance');
  if (decision.awaitingExecutive) {
    return (
      <Tooltip label={t('decisionStatus.disagreeTooltip')}>
        <Badge color="red">{t('decisionStatus.awaitingExecutive')}</Badge>
      </Tooltip>
    );
  }
  if (decision.status === 'open') return <Badge color={decision.overdue ? 'orange' : 'blue'} variant="light">{decision.overdue ? t('decisionStatus.openOverdue') : t('decisionStatus.open')}</Badge>;
  if (decision.status === 'decided') return <Badge color={decision.overdue ? 'orange' : 'teal'} variant="light">{decision.overdue ? t('decisionStatus.decidedRevisitDue') : t('decisionStatus.decided')}</Badge>;
  return (
    <Badge color="gray" variant="light">
      {t('decisionStatus.withdrawn')}
    </Badge>
  );
}

const ACCEPTANCE_COLORS: Record<AcceptanceOut['status'], string> = { requested: 'blue', approved: 'grape', rejected: 'gray', withdrawn: 'gray', expired: 'orange' };
export function AcceptanceStatusBadge({ acceptance }: { acceptance: Pick<AcceptanceOut, 'status' | 'reapprovalRequired'> }) {
  const { t } = useTranslation('governance');
  if (acceptance.reapprovalRequired) return <Badge color="red">{t('reapprovalNeeded')}</Badge>;
  return (
    <Badge color={ACCEPTANCE_COLORS[acceptance.status]} variant="light">
      {t(`acceptanceStatus.${acceptance.status}`)}
    </Badge>
  );
}
