import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconApi, IconChevronDown, IconLogout, IconUserCircle, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession, useSignOut } from './session';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

export function UserMenu() {
  const { user, firm } = useSession();
  const signOut = useSignOut();
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.accountMenu')} px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="triad">
              {initials(user.name)}
            </Avatar>
            <Box visibleFrom="sm" style={{ lineHeight: 1.1 }}>
              <Text size="sm" fw={600}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`shell.firmRole.${user.firmRole}`)} · {firm.name}
              </Text>
            </Box>
            <IconChevronDown size={14} stroke={1.6} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
          {t('shell.yourAccount')}
        </Menu.Item>
        {user.firmRole === 'admin' ? (
          <Menu.Item component={Link} to="/admin/users" leftSection={<IconUsers size={16} />}>
            {t('shell.firmUsers')}
          </Menu.Item>
        ) : null}
        <Menu.Item component="a" href="/api/docs" target="_blank" rel="noreferrer" leftSection={<IconApi size={16} />}>
          {t('shell.apiReference')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
