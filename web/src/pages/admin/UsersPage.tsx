import { Badge, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconLock, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors } from '../../api/client';
import { useUsers } from '../../api/hooks';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import type { FirmRole, NewUserInput, User, UserPatch } from '../../api/types';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { useSession } from '../../layout/session';

const FIRM_ROLES = ['admin', 'advisor', 'member'] as const satisfies readonly FirmRole[];

function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const form = useForm({
    initialValues: { name: '', email: '', password: '', firmRole: 'advisor' as FirmRole },
    validate: {
      name: (v) => (v.trim() ? null : t('users.enterName')),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('users.enterEmail')),
      password: (v) => (v.length >= 10 ? null : t('users.atLeast10')),
    },
  });
  const add = useApiMutation({
    mutationFn: (input: NewUserInput) => api.post<User>('/api/users', input),
    success: (u) => t('users.canSignIn', { name: u.name }),
    notifyError: false,
    invalidate: [keys.users()],
    onSuccess: () => {
      form.reset();
      onClose();
    },
  });
  const close = () => {
    add.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('users.addTitle')}>
      <form onSubmit={form.onSubmit((v) => add.mutate({ ...v, name: v.name.trim(), email: v.email.trim() }, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {add.isError ? <ErrorAlert error={add.error} /> : null}
          <TextInput label={t('users.fullName')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('users.email')} type="email" required {...form.getInputProps('email')} />
          <PasswordInput label={t('users.firstPassword')} description={t('users.firstPasswordHelp')} autoComplete="new-password" required {...form.getInputProps('password')} />
          <Select
            label={t('users.firmRole')}
            data={FIRM_ROLES.map((value) => ({ value, label: t(`firmRoles.${value}`) }))}
            allowDeselect={false}
            description={t('users.firmRoleHelp')}
            {...form.getInputProps('firmRole')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('users.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The firm's accounts (firm admins): add people, change their firm role, disable them. */
export function UsersPage() {
  const { t } = useTranslation('admin');
  const { user: me, firm } = useSession();
  const isAdmin = me.firmRole === 'admin';
  const users = useUsers(isAdmin);
  const [adding, { open, close }] = useDisclosure(false);
  const [filter, setFilter] = useState('');
  const mfa = useQuery({
    queryKey: [...keys.users(), 'mfa'],
    queryFn: async ({ signal }) => new Set((await api.get<{ users: { userId: string }[] }>('/api/users/mfa', { signal })).users.map((u) => u.userId)),
    enabled: isAdmin,
  });
  const resetMfa = useApiMutation({
    mutationFn: (u: User) => api.post(`/api/users/${encodeURIComponent(u.id)}/mfa/reset`),
    success: (_r, u) => t('users.mfaRemoved', { name: u.name }),
    invalidate: [keys.users()],
  });
  const confirmResetMfa = (u: User) =>
    modals.openConfirmModal({
      title: t('users.resetTitle', { name: u.name }),
      children: <Text size="sm">{t('users.resetText', { name: u.name })}</Text>,
      labels: { confirm: t('users.resetConfirm'), cancel: t('common.keep') },
      confirmProps: { color: 'red' },
      onConfirm: () => resetMfa.mutate(u),
    });

  const update = useApiMutation({
    mutationFn: ({ user, patch }: { user: User; patch: UserPatch }) => api.patch<User>(`/api/users/${encodeURIComponent(user.id)}`, patch),
    success: (u, { patch }) =>
      patch.disabled === true ? t('users.disabled', { name: u.name }) : patch.disabled === false ? t('users.enabled', { name: u.name }) : t('users.roleChanged', { name: u.name, role: t(`firmRoles.${u.firmRole}`).toLowerCase() }),
    invalidate: [keys.users()],
  });

  const list = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = users.data ?? [];
    return q ? all.filter((u) => u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q)) : all;
  }, [users.data, filter]);

  if (!isAdmin) {
    return <EmptyState icon={<IconLock size={24} />} title={t('common.forAdmins')} description={t('users.adminsOnly')} />;
  }

  const confirmDisable = (u: User) =>
    modals.openConfirmModal({
      title: t('users.disableTitle', { name: u.name }),
      children: <Text size="sm">{t('users.disableText', { name: u.name })}</Text>,
      labels: { confirm: t('users.disableConfirm'), cancel: t('users.keepActive') },
      confirmProps: { color: 'red' },
      onConfirm: () => update.mutate({ user: u, patch: { disabled: true } }),
    });

  return (
    <>
      <PageHeader
        eyebrow={firm.name}
        title={t('users.title')}
        description={t('users.description')}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={open}>
            {t('users.add')}
          </Button>
        }
      />
      <Stack gap="md">
        <TextInput aria-label={t('users.search')} placeholder={t('users.searchPlaceholder')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={{ base: '100%', sm: 320 }} />
        {users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
        {users.isPending ? <TableSkeleton /> : null}
        {users.isSuccess ? (
          <TriadTable<User>
            aria-label={t('users.table')} exportAs={t('users.table')}
            records={list}
            idAccessor="id"
            noRecordsText={t('users.noneMatch')}
            columns={[
              {
                accessor: 'name',
                title: t('common.name'),
                render: (u) => (
                  <div>
                    <Text size="sm" fw={600} c={u.disabled ? 'dimmed' : undefined}>
                      {u.name}
                      {u.id === me.id ? (
                        <Text span size="xs" c="dimmed" fw={400}>
                          {' '}
                          {t('users.you')}
                        </Text>
                      ) : null}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {u.email}
                    </Text>
                  </div>
                ),
              },
              {
                accessor: 'firmRole',
                title: t('users.firmRole'),
                width: 200,
                render: (u) => (
                  <Select
                    aria-label={t('users.roleOf', { name: u.name })}
                    data={FIRM_ROLES.map((value) => ({ value, label: t(`firmRoles.${value}`) }))}
                    value={u.firmRole}
                    allowDeselect={false}
                    size="xs"
                    disabled={u.id === me.id || u.disabled}
                    onChange={(role) => {
                      if (role && role !== u.firmRole) update.mutate({ user: u, patch: { firmRole: role } });
                    }}
                  />
                ),
              },
              { accessor: 'disabled', title: t('common.status'), render: (u) => (u.disabled ? <Badge color="gray">{t('users.disabledBadge')}</Badge> : <Badge color="teal">{t('users.activeBadge')}</Badge>) },
              {
                accessor: 'mfa',
                title: t('users.twoStep'),
                render: (u) =>
                  mfa.data?.has(u.id) ? (
                    <Group gap={6} wrap="nowrap">
                      <Badge color="teal" variant="light">{t('common.on')}</Badge>
                      {u.id === me.id ? null : (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => confirmResetMfa(u)} aria-label={t('users.resetLabel', { name: u.name })}>
                          {t('users.reset')}
                        </Button>
                      )}
                    </Group>
                  ) : (
                    <Text size="xs" c="dimmed">{t('common.off')}</Text>
                  ),
              },
              { accessor: 'createdAt', title: t('users.since'), render: (u) => formatDate(u.createdAt) },
              {
                accessor: 'actions',
                title: '',
                textAlign: 'right',
                render: (u) =>
                  u.id === me.id ? null : u.disabled ? (
                    <Button size="compact-sm" variant="subtle" onClick={() => update.mutate({ user: u, patch: { disabled: false } })} aria-label={t('users.enableLabel', { name: u.name })}>
                      {t('users.enable')}
                    </Button>
                  ) : (
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => confirmDisable(u)} aria-label={t('users.disableLabel', { name: u.name })}>
                      {t('users.disable')}
                    </Button>
                  ),
              },
            ]}
          />
        ) : null}
      </Stack>
      <AddUserModal opened={adding} onClose={close} />
    </>
  );
}

export default UsersPage;
