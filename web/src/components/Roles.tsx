import { Badge } from '@mantine/core';
import type { FirmRole, MemberRole } from '../api/types';

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  advisor: 'Advisor',
  executive: 'Executive',
  contributor: 'Contributor',
  viewer: 'Viewer',
};

export const MEMBER_ROLE_HELP: Record<MemberRole, string> = {
  advisor: 'Holds a leadership seat for the client; can change everything',
  executive: 'CEO or board member; reads, decides what is escalated',
  contributor: 'Keeps assets, vendors and data current',
  viewer: 'Reads only',
};

export const FIRM_ROLE_LABELS: Record<FirmRole, string> = {
  admin: 'Firm admin',
  advisor: 'Advisor',
  member: 'Client user',
};

const MEMBER_COLORS: Record<MemberRole, string> = { advisor: 'triad', executive: 'grape', contributor: 'teal', viewer: 'gray' };
const FIRM_COLORS: Record<FirmRole, string> = { admin: 'orange', advisor: 'triad', member: 'gray' };

export function MemberRoleBadge({ role }: { role: MemberRole }) {
  return <Badge color={MEMBER_COLORS[role]}>{MEMBER_ROLE_LABELS[role]}</Badge>;
}

export function FirmRoleBadge({ role }: { role: FirmRole }) {
  return <Badge color={FIRM_COLORS[role]}>{FIRM_ROLE_LABELS[role]}</Badge>;
}

export const memberRoleOptions = (Object.keys(MEMBER_ROLE_LABELS) as MemberRole[]).map((r) => ({ value: r, label: MEMBER_ROLE_LABELS[r] }));
export const firmRoleOptions = (Object.keys(FIRM_ROLE_LABELS) as FirmRole[]).map((r) => ({ value: r, label: FIRM_ROLE_LABELS[r] }));
