import { Badge, Box, Divider, NavLink, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { IconApi, IconHistory, IconLayoutDashboard, IconLayoutGrid, IconShieldLock, IconWebhook, IconUserCircle, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useClient } from '../api/hooks';
import { modulesBySection, visibleModules } from '../modules/registry';
import { useClientIdInPath } from './client-context';
import { useSession } from './session';

interface ItemProps {
  to: string;
  label: ReactNode;
  icon: ReactNode;
  /** Active for every path below `to` too (module pages with sub-pages). */
  prefix?: boolean;
  badge?: ReactNode;
  onNavigate?: () => void;
}

function Item({ to, label, icon, prefix = false, badge, onNavigate }: ItemProps) {
  const { pathname } = useLocation();
  const active = prefix ? pathname === to || pathname.startsWith(`${to}/`) : pathname === to;
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      rightSection={badge}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
      variant="light"
      styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontSize: 'var(--mantine-font-size-sm)' } }}
    />
  );
}

function SectionLabel({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4} style={{ letterSpacing: '0.05em' }}>
      {children}
    </Text>
  );
}

const ICON = { size: 18, stroke: 1.6 } as const;

/** The open client's pages: overview, the modules by section, then members and the audit trail. */
function ClientNav({ clientId, onNavigate }: { clientId: string; onNavigate?: () => void }) {
  const detail = useClient(clientId);
  const { t } = useTranslation();
  if (detail.isPending) {
    return (
      <Stack gap={8} px="sm" pt="md" aria-busy="true">
        <Skeleton height={12} width="60%" />
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={28} />
        ))}
      </Stack>
    );
  }
  if (detail.isError) return null;
  const { client, permissions } = detail.data;
  const base = `/clients/${encodeURIComponent(client.id)}`;
  const sections = modulesBySection(visibleModules(permissions));
  return (
    <nav aria-label={t('shell.clientPages', { client: client.name })}>
      <Text size="sm" fw={650} px="sm" pt="lg" pb={6} lineClamp={2}>
        {client.name}
      </Text>
      <Item to={base} label={t('shell.overview')} icon={<IconLayoutDashboard {...ICON} />} onNavigate={onNavigate} />
      {sections.map((s) => (
        <Box key={s.id}>
          <SectionLabel>{t(`shell.sections.${s.id}`, { defaultValue: s.label })}</SectionLabel>
          {s.modules.map((m) => (
            <Item
              key={m.id}
              to={`${base}/${m.path}`}
              prefix
              label={t(`shell.modules.${m.id}`, { defaultValue: m.label })}
              icon={<m.icon {...ICON} />}
              badge={m.status === 'planned' ? <Badge size="xs" color="gray" variant="light">{t('common.soon')}</Badge> : undefined}
              onNavigate={onNavigate}
            />
          ))}
        </Box>
      ))}
      <SectionLabel>{t('shell.clientAdministration')}</SectionLabel>
      {permissions['members.read'] ? <Item to={`${base}/members`} label={t('shell.members')} icon={<IconUsersGroup {...ICON} />} onNavigate={onNavigate} /> : null}
      {permissions['audit.read'] ? <Item to={`${base}/audit`} label={t('shell.auditTrail')} icon={<IconHistory {...ICON} />} onNavigate={onNavigate} /> : null}
    </nav>
  );
}

/** The left navigation: the portfolio, the open client's pages, then the firm and account. */
export function Navbar({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useSession();
  const clientId = useClientIdInPath();
  const { t } = useTranslation();
  return (
    <>
      <ScrollArea style={{ flex: 1 }} px="sm" pt="sm" type="scroll">
        <Item to="/" label={t('shell.portfolio')} icon={<IconLayoutGrid {...ICON} />} onNavigate={onNavigate} />
        {clientId ? <ClientNav clientId={clientId} onNavigate={onNavigate} /> : null}
        <Box h="md" />
      </ScrollArea>
      <Divider />
      <Stack gap={0} p="sm">
        {user.firmRole === 'admin' ? <Item to="/admin/users" label={t('shell.firmUsers')} icon={<IconUsers {...ICON} />} onNavigate={onNavigate} /> : null}
        {user.firmRole === 'admin' ? <Item to="/admin/security" label={t('shell.signInSecurity')} icon={<IconShieldLock {...ICON} />} onNavigate={onNavigate} /> : null}
        {user.firmRole === 'admin' ? <Item to="/admin/webhooks" label={t('shell.webhooks')} icon={<IconWebhook {...ICON} />} onNavigate={onNavigate} /> : null}
        <Item to="/account" label={t('shell.yourAccount')} icon={<IconUserCircle {...ICON} />} onNavigate={onNavigate} />
        <NavLink
          component="a"
          href="/api/docs"
          target="_blank"
          rel="noreferrer"
          label={t('shell.apiReference')}
          leftSection={<IconApi {...ICON} />}
          styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontSize: 'var(--mantine-font-size-sm)' } }}
        />
      </Stack>
    </>
  );
}
