/** How the accounting accounts map to budget categories and seats: set once per client, used by every import. */
import { ActionIcon, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { AccountOut } from '@schema/budget';
import { CATEGORIES, CATEGORY_LABELS, SEATS } from '@schema/budget';
import { useState } from 'react';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAccounts } from './api';

export function AccountsView({ clientId, canEdit }: { clientId: string; canEdit: boolean }) {
  const accounts = useAccounts(clientId);
  const [d, setD] = useState({ account: '', category: 'software_saas', seat: 'CIO' });
  const save = useApiMutation({ mutationFn: () => api.put<AccountOut>(clientPath(clientId, '/budget/accounts'), d), success: 'Account mapped.', notifyError: false, invalidate: [keys.client(clientId)], onSuccess: () => setD({ ...d, account: '' }) });
  const remove = useApiMutation({ mutationFn: (id: string) => api.delete(clientPath(clientId, `/budget/accounts/${id}`)), success: 'Mapping removed.', invalidate: [keys.client(clientId)] });
  return (
    <Stack gap="md">
      {canEdit ? (
        <Card withBorder>
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <TextInput label="Account" placeholder="6120 Software subscriptions" value={d.account} onChange={(e) => setD({ ...d, account: e.currentTarget.value })} />
            <Select label="Category" data={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} value={d.category} onChange={(v) => v && setD({ ...d, category: v })} allowDeselect={false} />
            <Select label="Seat" data={[...SEATS]} value={d.seat} onChange={(v) => v && setD({ ...d, seat: v })} allowDeselect={false} />
            <Group align="flex-end">
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!d.account.trim()}>
                Map
              </Button>
            </Group>
          </SimpleGrid>
        </Card>
      ) : null}
      <Text size="sm" c="dimmed">
        An import reads each line&apos;s account here; an account not mapped refuses its line, so nothing is booked to the wrong category.
      </Text>
      <TriadTable<AccountOut>
        aria-label="Account map" exportAs="Account map"
        records={accounts.data ?? []}
        fetching={accounts.isPending}
        idAccessor="id"
        noRecordsText="No account mapped yet"
        columns={[
          { accessor: 'account', title: 'Account' },
          { accessor: 'category', title: 'Category', render: (a) => CATEGORY_LABELS[a.category] },
          { accessor: 'seat', title: 'Seat' },
          { accessor: 'scope', title: 'Line', render: (a) => (a.scope === 'product' ? 'Product (top line)' : 'Internal IT (bottom line)') },
          ...(canEdit
            ? [{ accessor: 'actions', title: '', width: 60, render: (a: AccountOut) => <ActionIcon variant="subtle" color="red" aria-label={`Remove the mapping of ${a.account}`} onClick={() => remove.mutate(a.id)}><IconTrash size={14} /></ActionIcon> }]
            : []),
        ]}
      />
    </Stack>
  );
}
