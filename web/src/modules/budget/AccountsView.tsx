/** How the accounting accounts map to budget categories and seats: set once per client, used by every import. */
import { ActionIcon, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { AccountOut } from '@schema/budget';
import { CATEGORIES, SEATS } from '@schema/budget';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAccounts } from './api';

export function AccountsView({ clientId, canEdit }: { clientId: string; canEdit: boolean }) {
  const { t } = useTranslation('budget');
  const accounts = useAccounts(clientId);
  const [d, setD] = useState({ account: '', category: 'software_saas', seat: 'CIO' });
  const save = useApiMutation({ mutationFn: () => api.put<AccountOut>(clientPath(clientId, '/budget/accounts'), d), success: t('accounts.mapped'), notifyError: false, invalidate: [keys.client(clientId)], onSuccess: () => setD({ ...d, account: '' }) });
  const remove = useApiMutation({ mutationFn: (id: string) => api.delete(clientPath(clientId, `/budget/accounts/${id}`)), success: t('accounts.removed'), invalidate: [keys.client(clientId)] });
  return (
    <Stack gap="md">
      {canEdit ? (
        <Card withBorder>
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <TextInput label={t('common.account')} placeholder={t('accounts.placeholder')} value={d.account} onChange={(e) => setD({ ...d, account: e.currentTarget.value })} />
            <Select label={t('common.category')} data={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} value={d.category} onChange={(v) => v && setD({ ...d, category: v })} allowDeselect={false} />
            <Select label={t('common.seat')} data={[...SEATS]} value={d.seat} onChange={(v) => v && setD({ ...d, seat: v })} allowDeselect={false} />
            <Group align="flex-end">
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!d.account.trim()}>
                {t('accounts.map')}
              </Button>
            </Group>
          </SimpleGrid>
        </Card>
      ) : null}
      <Text size="sm" c="dimmed">
        {t('accounts.intro')}
      </Text>
      <TriadTable<AccountOut>
        aria-label={t('accounts.table')} exportAs={t('accounts.table')}
        records={accounts.data ?? []}
        fetching={accounts.isPending}
        idAccessor="id"
        noRecordsText={t('accounts.none')}
        columns={[
          { accessor: 'account', title: t('common.account') },
          { accessor: 'category', title: t('common.category'), render: (a) => t(`categories.${a.category}`) },
          { accessor: 'seat', title: t('common.seat') },
          { accessor: 'scope', title: t('accounts.line'), render: (a) => t(`scopeLines.${a.scope}`) },
          ...(canEdit
            ? [{ accessor: 'actions', title: '', width: 60, render: (a: AccountOut) => <ActionIcon variant="subtle" color="red" aria-label={t('accounts.remove', { account: a.account })} onClick={() => remove.mutate(a.id)}><IconTrash size={14} /></ActionIcon> }]
            : []),
        ]}
      />
    </Stack>
  );
}
