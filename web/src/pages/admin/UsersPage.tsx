import { Badge, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconLock, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
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
import { FIRM_ROLE_LABELS, firmRoleOptions } from '../../components/Roles';
import { TableSkeleton } from '../../components/Skeletons';
import { useSession } from '../../layout/session';

function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useForm({
    initialValues: { name: '', email: '', password: '', firmRole: 'advisor' as FirmRole },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter their name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an e-mail address'),
      password: (v) => (v.length >= 10 ? null : 'At least 10 characters'),
    },
  });
  const add = useApiMutation({
    mutationFn: (input: NewUserInput) => api.post<User>('/api/users', input),
    success: (u) => `${u.name} can now sign in.`,
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
    <Modal opened={opened} onClose={close} title="Add a user to the firm">
      <form onSubmit={form.onSubmit((v) => add.mutate({ ...v, name: v.name.trim(), email: v.email.trim() }, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {add.isError ? <ErrorAlert error={add.error} /> : null}
          <TextInput label="Full name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput label="E-mail" type="email" required {...form.getInputProps('email')} />
          <PasswordInput label="First password" description="At least 10 characters; they can change it under Your account." autoComplete="new-password" required {...form.getInputProps('password')} />
          <Select
            label="Firm role"
            data={firmRoleOptions}
            allowDeselect={false}
            description="Firm admins manage accounts and see every client; advisors serve the clients they are members of; client users only see their own company."
            {...form.getInputProps('firmRole')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The firm's accounts (firm admins): add people, change their firm role, disable them. */
export function UsersPage() {
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
    success: (_r, u) => `${u.name}'s two-step sign-in was removed; they set it up again when they next sign in.`,
    invalidate: [keys.users()],
  });
  const confirmResetMfa = (u: User) =>
    modals.openConfirmModal({
      title: `Reset ${u.name}'s two-step sign-in?`,
      children: <Text size="sm">For a lost phone and lost recovery codes. {u.name} is signed out and sets up two-step sign-in again (or signs in with the password alone if your firm does not require it).</Text>,
      labels: { confirm: 'Reset two-step sign-in', cancel: 'Keep' },
      confirmProps: { color: 'red' },
      onConfirm: () => resetMfa.mutate(u),
    });

  const update = useApiMutation({
    mutationFn: ({ user, patch }: { user: User; patch: UserPatch }) => api.patch<User>(`/api/users/${encodeURIComponent(user.id)}`, patch),
    success: (u, { patch }) =>
      patch.disabled === true ? `${u.name} can no longer sign in.` : patch.disabled === false ? `${u.name} can sign in again.` : `${u.name} is now ${FIRM_ROLE_LABELS[u.firmRole].toLowerCase()}.`,
    invalidate: [keys.users()],
  });

  const list = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = users.data ?? [];
    return q ? all.filter((u) => u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q)) : all;
  }, [users.data, filter]);

  if (!isAdmin) {
    return <EmptyState icon={<IconLock size={24} />} title="For firm admins" description="Only your firm's administrators manage user accounts." />;
  }

  const confirmDisable = (u: User) =>
    modals.openConfirmModal({
      title: `Disable ${u.name}?`,
      children: <Text size="sm">{u.name} is signed out at once and cannot sign in until enabled again. Their memberships and history stay.</Text>,
      labels: { confirm: 'Disable user', cancel: 'Keep active' },
      confirmProps: { color: 'red' },
      onConfirm: () => update.mutate({ user: u, patch: { disabled: true } }),
    });

  return (
    <>
      <PageHeader
        eyebrow={firm.name}
        title="Firm users"
        description="Everyone who can sign in to your firm's Triad: advisors, administrators and client users."
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={open}>
            Add user
          </Button>
        }
      />
      <Stack gap="md">
        <TextInput aria-label="Search users" placeholder="Search by name or e-mail" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={{ base: '100%', sm: 320 }} />
        {users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
        {users.isPending ? <TableSkeleton /> : null}
        {users.isSuccess ? (
          <TriadTable<User>
            aria-label="Users" exportAs="Users"
            records={list}
            idAccessor="id"
            noRecordsText="No user matches"
            columns={[
              {
                accessor: 'name',
                title: 'Name',
                render: (u) => (
                  <div>
                    <Text size="sm" fw={600} c={u.disabled ? 'dimmed' : undefined}>
                      {u.name}
                      {u.id === me.id ? (
                        <Text span size="xs" c="dimmed" fw={400}>
                          {' '}
                          (you)
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
                title: 'Firm role',
                width: 200,
                render: (u) => (
                  <Select
                    aria-label={`Firm role of ${u.name}`}
                    data={firmRoleOptions}
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
              { accessor: 'disabled', title: 'Status', render: (u) => (u.disabled ? <Badge color="gray">Disabled</Badge> : <Badge color="teal">Active</Badge>) },
              {
                accessor: 'mfa',
                title: 'Two-step',
                render: (u) =>
                  mfa.data?.has(u.id) ? (
                    <Group gap={6} wrap="nowrap">
                      <Badge color="teal" variant="light">On</Badge>
                      {u.id === me.id ? null : (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => confirmResetMfa(u)} aria-label={`Reset two-step sign-in of ${u.name}`}>
                          Reset
                        </Button>
                      )}
                    </Group>
                  ) : (
                    <Text size="xs" c="dimmed">Off</Text>
                  ),
              },
              { accessor: 'createdAt', title: 'Since', render: (u) => formatDate(u.createdAt) },
              {
                accessor: 'actions',
                title: '',
                textAlign: 'right',
                render: (u) =>
                  u.id === me.id ? null : u.disabled ? (
                    <Button size="compact-sm" variant="subtle" onClick={() => update.mutate({ user: u, patch: { disabled: false } })} aria-label={`Enable ${u.name}`}>
                      Enable
                    </Button>
                  ) : (
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => confirmDisable(u)} aria-label={`Disable ${u.name}`}>
                      Disable
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
