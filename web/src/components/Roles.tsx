import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FirmRole, MemberRole } from '../api/types';
import i18n from '../i18n';

const MEMBER_ROLES = ['advisor', 'executive', 'contributor', 'viewer'] as const satisfies readonly MemberRole[];
const FIRM_ROLES = ['admin', 'advisor', 'member'] as const satisfies readonly FirmRole[];

/**
 * The roles' labels in the language in use (the frame's words, roles.*), read each time they are
 * used, so a page follows a change of language.
 */
function labels<R extends string>(roles: readonly R[], label: (r: R) => string): Record<R, string> {
  const out = {} as Record<R, string>;
  for (const r of roles) Object.defineProperty(out, r, { enumerable: true, get: () => label(r) });
  return out;
}

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = labels(MEMBER_ROLES, (r) => i18n.t(`roles.member.${r}`));
export const MEMBER_ROLE_HELP: Record<MemberRole, string> = labels(MEMBER_ROLES, (r) => i18n.t(`roles.memberHelp.${r}`));
export const FIRM_ROLE_LABELS: Record<FirmRole, string> = labels(FIRM_ROLES, (r) => i18n.t(`roles.firm.${r}`));

const MEMBER_COLORS: Record<MemberRole, string> = { advisor: 'triad', executive: 'grape', contributor: 'teal', viewer: 'gray' };
const FIRM_COLORS: Record<FirmRole, string> = { admin: 'orange', advisor: 'triad', member: 'gray' };

export function MemberRoleBadge({ role }: { role: MemberRole }) {
  const { t } = useTranslation();
  return <Badge color={MEMBER_COLORS[role]}>{t(`roles.member.${role}`)}</Badge>;
}

export function FirmRoleBadge({ role }: { role: FirmRole }) {
  const { t } = useTranslation();
  return <Badge color={FIRM_COLORS[role]}>{t(`roles.firm.${role}`)}</Badge>;
}

/** Options for a role picker; each label is read in the language in use when it is shown. */
export const memberRoleOptions: { value: MemberRole; label: string }[] = MEMBER_ROLES.map((r) => ({ value: r, get label() { return MEMBER_ROLE_LABELS[r]; } }));
export const firmRoleOptions: { value: FirmRole; label: string }[] = FIRM_ROLES.map((r) => ({ value: r, get label() { return FIRM_ROLE_LABELS[r]; } }));
