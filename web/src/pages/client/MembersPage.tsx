import { ActionIcon, Button, Select, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconTrash, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
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
import { FIRM_ROLE_LABELS, MEMBER_ROLE_LABELS, MemberRoleBadge, memberRoleOptions } from '../../components/Roles';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useSession } from '../../layout/session';
import { AddMemberModal } from './AddMemberModal';

/** The client's people and their roles; advisors add, re-role and remove them. */
export function MembersPage() {
  const { client, clientId, can } = useCurrentClient();
  const { user } = useSession();
  const members = useMembers(clientId);
  const [adding, { open, close }] = useDisclosure(false);
  const manage = can('members.manage');

  const changeRole = useApiMutation({
    mutationFn: ({ member, role }: { member: Member; role: MemberRole }) => api.patch<Member>(clientPath(clientId, `/members/${encodeURIComponent(member.userId)}`), { role }),
    success: (m) => `${m.name} is now ${MEMBER_ROLE_LABELS[m.role].toLowerCase()}.`,
    invalidate: [keys.client(clientId), keys.me()],
  });
  const remove = useApiMutation({
    mutationFn: (member: Member) => api.delete(clientPath(clientId, `/members/${encodeURIComponent(member.userId)}`)),
    success: (_r, m) => `${m.name} was removed from ${client.name}.`,
    invalidate: [keys.client(clientId), keys.me()],
  });

  const confirmRemove = (m: Member) =>
    modals.openConfirmModal({
      title: `Remove ${m.name}?`,
      children: (
        <Text size="sm">
          {m.name} will no longer see {client.name}. Their account stays; you can add them again later.
        </Text>
      ),
      labels: { confirm: 'Remove member', cancel: 'Keep' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(m),
    });

  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Members"
        description="Who works in this client's workspace, and in what role."
        documentTitle={`Members · ${client.name}`}
        actions={
          manage ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={open}>
              Add member
            </Button>
          ) : null
        }
      />
      {members.isError ? <ErrorAlert error={members.error} onRetry={() => void members.refetch()} /> : null}
      {members.isPending ? <TableSkeleton rows={4} /> : null}
      {members.isSuccess && members.data.length === 0 ? (
        <EmptyState icon={<IconUsersGroup size={24} />} title="No members yet" description="Add the client's people so they can work here." action={manage ? <Button onClick={open}>Add member</Button> : undefined} />
      ) : null}
      {members.isSuccess && members.data.length > 0 ? (
        <TriadTable<Member>
          aria-label="Members" exportAs="Members"
          records={members.data}
          idAccessor="userId"
          columns={[
            {
              accessor: 'name',
              title: 'Name',
              render: (m) => (
                <div>
                  <Text size="sm" fw={600}>
                    {m.name}
                    {m.userId === user.id ? (
                      <Text span size="xs" c="dimmed" fw={400}>
                        {' '}
                        (you)
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
              title: 'Role',
              width: 200,
              render: (m) =>
                manage ? (
                  <Select
                    aria-label={`Role of ${m.name}`}
                    data={memberRoleOptions}
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
            { accessor: 'firmRole', title: 'Account', render: (m) => <Text size="sm" c="dimmed">{FIRM_ROLE_LABELS[m.firmRole]}</Text> },
            { accessor: 'since', title: 'Member since', render: (m) => <Text size="sm">{formatDate(m.since)}</Text> },
            ...(manage
              ? [
                  {
                    accessor: 'actions',
                    title: '',
                    width: 56,
                    textAlign: 'right' as const,
                    render: (m: Member) => (
                      <Tooltip label={`Remove ${m.name}`}>
                        <ActionIcon variant="subtle" color="red" aria-label={`Remove ${m.name}`} onClick={() => confirmRemove(m)}>
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
