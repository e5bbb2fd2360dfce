import { Anchor, Avatar, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowRight, IconDownload, IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, clientPath } from '../../api/client';
import { useMembers } from '../../api/hooks';
import { keys } from '../../api/keys';
import type { AuditPage, MemberRole } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber, fromNow, parseActor } from '../../components/format';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { MemberRoleBadge } from '../../components/Roles';
import { useCurrentClient } from '../../layout/client-context';
import { useSession } from '../../layout/session';
import { initials } from '../../layout/UserMenu';
import { visibleModules } from '../../modules/registry';
import type { ClientModule } from '../../modules/types';
import { describeAction } from './audit-format';
import { EditClientModal } from './EditClientModal';
import { HomeSection } from './HomeSection';
import { NextBoardPack } from './NextBoardPack';
import { WaitingForYou } from './WaitingForYou';

const ROLES = ['advisor', 'executive', 'contributor', 'viewer'] as const satisfies readonly MemberRole[];

// The risk card draws a chart: ECharts loads with it, not with the home page.
const RiskAgainstAppetite = lazy(() => import('../../modules/risks/RiskAgainstAppetite'));

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" mt={2} component="div">
        {children}
      </Text>
    </div>
  );
}

function ProfileCard() {
  const { t } = useTranslation('home');
  const { client, can } = useCurrentClient();
  const { user } = useSession();
  const [editing, { open, close }] = useDisclosure(false);
  const canEdit = can('client.edit');
  return (
    <HomeSection
      title={t('profile.title')}
      action={
        <Group gap="xs" wrap="nowrap">
          {user.firmRole === 'admin' ? (
            // The whole client as one JSON file (docs/client-export.md): a plain download with the session cookie.
            <Tooltip label={t('profile.exportHelp')}>
              <Button component="a" href={`/api/firm/clients/${encodeURIComponent(client.id)}/export`} download variant="subtle" size="compact-sm" leftSection={<IconDownload size={14} />}>
                {t('profile.export')}
              </Button>
            </Tooltip>
          ) : null}
          {canEdit ? (
            <Button variant="subtle" size="compact-sm" leftSection={<IconPencil size={14} />} onClick={open}>
              {t('profile.edit')}
            </Button>
          ) : null}
        </Group>
      }
    >
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Field label={t('profile.sector')}>{client.sector}</Field>
        <Field label={t('profile.employees')}>{formatNumber(client.employees)}</Field>
        <Field label={t('profile.annualRevenue')}>
          <Money amount={client.annualRevenue} currency={client.currency} size="sm" />
        </Field>
        <Field label={t('profile.currency')}>{client.currency}</Field>
        <Field label={t('profile.clientSince')}>{formatDate(client.createdAt)}</Field>
        <Field label={t('profile.yourRole')}>
          <MemberRoleBadge role={client.role} />
        </Field>
      </SimpleGrid>
      <EditClientModal client={client} opened={editing} onClose={close} />
    </HomeSection>
  );
}

function MembersCard() {
  const { t } = useTranslation('home');
  const { clientId, can, href } = useCurrentClient();
  const members = useMembers(clientId, can('members.read'));
  const canManage = can('members.manage');
  if (!can('members.read')) return null;
  const counts = new Map<MemberRole, number>();
  for (const m of members.data ?? []) counts.set(m.role, (counts.get(m.role) ?? 0) + 1);
  return (
    <HomeSection
      title={t('people.title')}
      action={
        <Anchor component={Link} to={href('members')} size="sm">
          {canManage ? t('people.manage') : t('people.see')}
        </Anchor>
      }
    >
      {members.isPending ? <Skeleton height={60} /> : null}
      {members.isError ? <ErrorAlert error={members.error} /> : null}
      {members.data ? (
        <Stack gap="md">
          <Avatar.Group spacing="xs">
            {members.data.slice(0, 8).map((m) => (
              <Tooltip key={m.userId} label={t('people.memberRole', { name: m.name, role: t(`roles.${m.role}`).toLowerCase() })}>
                <Avatar radius="xl" color="triad">
                  {initials(m.name)}
                </Avatar>
              </Tooltip>
            ))}
            {members.data.length > 8 ? <Avatar radius="xl">{t('people.more', { count: members.data.length - 8 })}</Avatar> : null}
          </Avatar.Group>
          <Group gap="xs">
            {ROLES.filter((r) => counts.get(r))
              .map((r) => (
                <Badge key={r} variant="default" size="lg" radius="sm" fw={500} tt="none">
                  {t(`people.roleCount.${r}`, { count: counts.get(r) ?? 0 })}
                </Badge>
              ))}
          </Group>
        </Stack>
      ) : null}
    </HomeSection>
  );
}

function RecentChangesCard() {
  const { t } = useTranslation('home');
  const { clientId, can, href } = useCurrentClient();
  const recent = useQuery({
    queryKey: [...keys.client(clientId), 'audit-recent'],
    queryFn: ({ signal }) => api.get<AuditPage>(clientPath(clientId, '/audit'), { signal, query: { limit: 5 } }),
    enabled: can('audit.read'),
  });
  if (!can('audit.read')) return null;
  return (
    <HomeSection
      title={t('recent.title')}
      action={
        <Anchor component={Link} to={href('audit')} size="sm">
          {t('recent.seeAll')}
        </Anchor>
      }
    >
      {recent.isPending ? <Skeleton height={100} /> : null}
      {recent.data ? (
        <Stack gap={10}>
          {recent.data.entries.map((e) => (
            <div key={e.seq}>
              <Text size="sm" lineClamp={1}>
                {describeAction(e.action)}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {t('recent.byWhen', { who: parseActor(e.actor).name, when: fromNow(e.at) })}
              </Text>
            </div>
          ))}
        </Stack>
      ) : null}
    </HomeSection>
  );
}

/** A module's place on the home page: its own summary card, or a "coming soon" card. */
function ModuleCard({ module }: { module: ClientModule }) {
  const { t } = useTranslation(['home', 'translation']);
  const { href } = useCurrentClient();
  const Icon = module.icon;
  const HomeCard = module.homeCard;
  const planned = module.status === 'planned';
  const label = t(`shell.modules.${module.id}`, { ns: 'translation', defaultValue: module.label });
  return (
    <Card style={{ display: 'flex', flexDirection: 'column' }} bg={planned ? 'gray.0' : undefined} aria-label={label} component="section">
      <Group gap="sm" wrap="nowrap" mb="sm">
        <ThemeIcon variant="light" size={36} radius="md" color={planned ? 'gray' : 'triad'}>
          <Icon size={20} stroke={1.6} />
        </ThemeIcon>
        <Text fw={600} lh={1.3}>
          {label}
        </Text>
      </Group>
      <div style={{ flex: 1 }}>
        {HomeCard ? (
          <Suspense fallback={<Skeleton height={72} />}>
            <HomeCard />
          </Suspense>
        ) : (
          <Text size="sm" c="dimmed">
            {t(`moduleDescriptions.${module.id}`, { defaultValue: module.description })}
          </Text>
        )}
      </div>
      <Group justify="space-between" mt="md">
        <Anchor component={Link} to={href(module.path)} size="sm">
          <Group gap={4}>
            {t('home.open')} <IconArrowRight size={14} />
          </Group>
        </Anchor>
        {planned ? <Badge color="gray">{t('home.comingSoon')}</Badge> : null}
      </Group>
    </Card>
  );
}

/**
 * The client's home, for the person opening it: first what waits for them (decisions to make,
 * acceptances to approve, positions and concerns owed, reviews to certify, answers owed),
 * then the risk against the appetite in one sentence and one chart and where the board pack
 * stands; then the profile, people, recent changes and each module's summary.
 */
export function ClientHomePage() {
  const { t } = useTranslation('home');
  const { client, permissions, can } = useCurrentClient();
  const modules = visibleModules(permissions);
  const role = client.role;
  const canReports = can('reports.read');
  const canRisks = can('risks.read');
  return (
    <>
      <PageHeader
        eyebrow={t('home.eyebrow')}
        title={client.name}
        description={t('home.description', { sector: client.sector, count: client.employees, formatted: formatNumber(client.employees) })}
        documentTitle={client.name}
      />
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Stack gap="lg" style={{ minWidth: 0 }}>
            {role !== 'viewer' ? <WaitingForYou title={role === 'contributor' ? t('home.yourTasks') : t('home.waitingForYou')} /> : null}
            {canReports && role !== 'contributor' ? (
              <HomeSection title={t('home.nextBoardPack')}>
                <NextBoardPack />
              </HomeSection>
            ) : null}
          </Stack>
          {canRisks ? (
            <HomeSection title={t('home.riskAgainstAppetite')}>
              <Suspense fallback={<Skeleton height={260} />}>
                <RiskAgainstAppetite />
              </Suspense>
            </HomeSection>
          ) : null}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} spacing="lg">
          <ProfileCard />
          <MembersCard />
          <RecentChangesCard />
        </SimpleGrid>
        {modules.length > 0 ? (
          <section aria-labelledby="workspace-heading">
            <Title order={2} id="workspace-heading" mb="md">
              {t('home.workspace')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
              {modules.map((m) => (
                <ModuleCard key={m.id} module={m} />
              ))}
            </SimpleGrid>
          </section>
        ) : null}
      </Stack>
    </>
  );
}

export default ClientHomePage;
