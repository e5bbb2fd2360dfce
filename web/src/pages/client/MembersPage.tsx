import { ActionIcon, Button, Select, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconTrash, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { useMembers } from '../../api/hooks';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import type { Member, MemberRole } from '../../api/types';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { MemberRoleBadge } from '../../components/Roles';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useSession } from '../../layout/session';
import { AddMemberModal } from './AddMemberModal';

/** The client's people and their roles; advisors add, re-role and remove them. */
const ROLES = ['advisor', 'executive', 'contributor', 'viewer'] as const satisfies readonly MemberRole[];

export function MembersPage() {
  const { t } = useTranslation('home');
  const { client, clientId, can } = useCurrentClient();
  const { user } = useSession();
  const members = useMembers(clientId);
  const [adding, { open, close }] = useDisclosure(false);
  const manage = can('members.manage');

  const changeRole = useApiMutation({
    mutationFn: ({ member, role }: { member: Member; role: MemberRole }) => api.patch<Member>(clientPath(clientId, `/members/${encodeURIComponent(member.userId)}`), { role }),
    success: (m) => t('members.roleChanged', { name: m.name, role: t(`roles.${m.role}`).toLowerCase() }),
    invalidate: [keys.client(clientId), keys.me()],
  });
  const remove = useApiMutation({
    mutationFn: (member: Member) => api.delete(clientPath(clientId, `/members/${encodeURIComponent(member.userId)}`)),
    success: (_r, m) => t('members.removed', { name: m.name, client: client.name }),
    invalidate: [keys.client(clientId), keys.me()],
  });

  const confirmRemove = (m: Member) =>
    modals.openConfirmModal({
      title: t('members.removeTitle', { name: m.name }),
      children: (
        <Text size="sm">
          {t('members.removeText', { name: m.name, client: client.name })}
        </Text>
      ),
      labels: { confirm: t('members.removeConfirm'), cancel: t('members.keep') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(m),
    });

  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('members.title')}
        description={t('members.description')}
        documentTitle={t('members.documentTitle', { client: client.name })}
        actions={
          manage ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={open}>
              {t('members.add')}
            </Button>
          ) : null
        }
      />
      {members.isError ? <ErrorAlert error={members.error} onRetry={() => void members.refetch()} /> : null}
      {members.isPending ? <TableSkeleton rows={4} /> : null}
      {members.isSuccess && members.data.length === 0 ? (
        <EmptyState icon={<IconUsersGroup size={24} />} title={t('members.emptyTitle')} description={t('members.emptyDescription')} action={manage ? <Button onClick={open}>{t('members.add')}</Button> : undefined} />
      ) : null}
      {members.isSuccess && members.data.length > 0 ? (
        <TriadTable<Member>
          aria-label={t('members.table')} exportAs={t('members.table')}
          records={members.data}
          idAccessor="userId"
          columns={[
            {
              accessor: 'name',
              title: t('members.name'),
              render: (m) => (
                <div>
                  <Text size="sm" fw={600}>
                    {m.name}
                    {m.userId === user.id ? (
                      <Text span size="xs" c="dimmed" fw={400}>
                        {' '}
                        {t('members.you')}
                      </Text>
                    ) : null}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {m.email}
                  </Text>
                </div>
              ),
            },
            {
              accessor: 'role',
              title: t('members.role'),
              width: 200,
              render: (m) =>
                manage ? (
                  <Select
                    aria-label={t('members.roleOf', { name: m.name })}
                    data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
                    value={m.role}
                    allowDeselect={false}
                    size="xs"
                    disabled={changeRole.isPending && changeRole.variables?.member.userId === m.userId}
                    onChange={(role) => {
                      if (role && role !== m.role) changeRole.mutate({ member: m, role: role });
                    }}
                  />
                ) : (
                  <MemberRoleBadge role={m.role} />
                ),
            },
            { accessor: 'firmRole', title: t('members.account'), render: (m) => <Text size="sm" c="dimmed">{t(`firmRoles.${m.firmRole}`)}</Text> },
            { accessor: 'since', title: t('members.since'), render: (m) => <Text size="sm">{formatDate(m.since)}</Text> },
            ...(manage
              ? [
                  {
                    accessor: 'actions',
                    title: '',
                    width: 56,
                    textAlign: 'right' as const,
                    render: (m: Member) => (
                      <Tooltip label={t('members.remove', { name: m.name })}>
                        <ActionIcon variant="subtle" color="red" aria-label={t('members.remove', { name: m.name })} onClick={() => confirmRemove(m)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {manage ? <AddMemberModal clientId={clientId} clientName={client.name} opened={adding} onClose={close} /> : null}
    </>
  );
}

export default MembersPage;
