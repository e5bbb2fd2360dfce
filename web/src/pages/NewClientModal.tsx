import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { api, fieldErrors } from '../api/client';
import { keys } from '../api/keys';
import { useApiMutation } from '../api/mutation';
import type { Client, ClientInput } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'JPY', 'SGD', 'ZAR', 'INR', 'BRL', 'MXN'];

/** Adds a client company (firm admins and advisors); opens its workspace after. */
export function NewClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { name: '', sector: '', employees: 50 as number | string, annualRevenue: 0 as number | string, currency: 'USD' },
    validate: { name: (v) => (v.trim() ? null : 'Give the client a name') },
  });
  const create = useApiMutation({
    mutationFn: (input: ClientInput) => api.post<Client>('/api/clients', input),
    success: (c) => `${c.name} was added.`,
    notifyError: false,
    invalidate: [keys.clients(), keys.me()],
    onSuccess: async (c) => {
      form.reset();
      onClose();
      await navigate(`/clients/${encodeURIComponent(c.id)}`);
    },
  });
  const submit = form.onSubmit((v) => {
    create.mutate(
      {
        name: v.name.trim(),
        ...(v.sector.trim() ? { sector: v.sector.trim() } : {}),
        employees: Number(v.employees) || 1,
        annualRevenue: Number(v.annualRevenue) || 0,
        currency: v.currency,
      },
      { onError: (err) => form.setErrors(fieldErrors(err)) },
    );
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Add a client" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <TextInput label="Company name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput label="Sector" description="Optional" placeholder="e.g. Accounting and tax services" {...form.getInputProps('sector')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label="Employees" min={1} thousandSeparator="," allowDecimal={false} {...form.getInputProps('employees')} />
            <NumberInput label="Annual revenue" min={0} thousandSeparator="," {...form.getInputProps('annualRevenue')} />
            <Select label="Currency" data={CURRENCIES} searchable allowDeselect={false} {...form.getInputProps('currency')} />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add client
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
