import { AppShell, Box, Burger, Divider, Group, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { PageSkeleton } from '../components/Skeletons';
import { Brand } from './Brand';
import { GlobalSearch } from './GlobalSearch';
import { ClientSwitcher } from './ClientSwitcher';
import { Navbar } from './Navbar';
import { Preferences } from './Preferences';
import { useSession } from './session';
import { UserMenu } from './UserMenu';
import { NotificationBell } from '../modules/notifications/NotificationBell';

/** The signed-in frame: header with the client switcher and account menu, navigation, page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { firm } = useSession();
  const { t } = useTranslation();
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 272, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', md: 'xl' }}
      bg="var(--triad-canvas)"
    >
      <a href="#main" className="triad-skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
            <UnstyledButton component={Link} to="/" aria-label={t('shell.home')}>
              <Brand />
            </UnstyledButton>
            <Box visibleFrom="md">
              <Group gap="md" wrap="nowrap">
                <Divider orientation="vertical" h={24} style={{ alignSelf: 'center' }} />
                <Text size="sm" c="dimmed" truncate maw={200}>
                  {firm.name}
                </Text>
              </Group>
            </Box>
            <ClientSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <GlobalSearch />
            <NotificationBell />
            <Preferences />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <Navbar onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1280} mx="auto">
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
