import { Anchor, Button, Group, Modal, MultiSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { AcceptanceOut } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NextPageButton } from '../../components/NextPageButton';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { useScenarioChoices } from '../risks/api';
import { govInvalidate, govPath, useAcceptances, useGovSettings } from './api';
import { AcceptanceStatusBadge, AUTHORITY_LABELS } from './ui';

function RequestModal({ onClose }: { onClose: () => void }) {
  const { clientId, href } = useCurrentClient();
  const navigate = useNavigate();
  // Open scenarios of the register (not proposals), all of them, for the picker.
  const open = useScenarioChoices(clientId, { statuses: ['open', 'treating'], proposals: false });
  const settings = useGovSettings(clientId);
  const months = settings.data?.defaultAcceptanceMonths ?? 6;
  const max = settings.data?.maxAcceptanceMonths ?? 12;
  const form = useForm({
    initialValues: { riskIds: [] as string[], justification: '', expiresOn: dayjs().add(months, 'month').format('YYYY-MM-DD') },
    validate: {
      riskIds: (v) => (v.length > 0 ? null : 'Choose at least one risk scenario'),
      justification: (v) => (v.trim() ? null : 'Say why the risk should be accepted'),
      expiresOn: (v) => (v ? null : 'Every acceptance has an expiry'),
    },
  });
  const request = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<AcceptanceOut>(govPath(clientId, '/acceptances'), v),
    success: 'The request was sent for approval.',
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: (a) => navigate(href(`governance/acceptances/${a.id}`)),
  });
  const risks = (open.data ?? []).map((s) => ({ value: s.id, label: `${s.ref} ${s.title}` }));
  return (
    <Modal opened onClose={onClose} title="Request a risk acceptance" size="lg">
      <form onSubmit={form.onSubmit((v) => request.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {request.isError ? <ErrorAlert error={request.error} /> : null}
          <MultiSelect label="Risk scenarios" required searchable data={risks} nothingFoundMessage="No open scenario matches" {...form.getInputProps('riskIds')} />
          <Textarea label="Justification" required autosize minRows={3} description="Why the business should bear this risk rather than treat it." {...form.getInputProps('justification')} />
          <TextInput type="date" label="Expires on" required w={220} description={`At most ${max} months ahead; the risk reopens on that day.`} {...form.getInputProps('expiresOn')} />
          <Text size="xs" c="dimmed">
            Someone other than you approves it: within the risk appetite the CISO&rsquo;s advisor or an executive, above it an executive.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={request.isPending}>
              Send for approval
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Risk acceptances: who asked, on whose authority, until when. */
export function AcceptancesPage() {
  const { clientId, can, href } = useCurrentClient();
  const acceptances = useAcceptances(clientId);
  const [requesting, setRequesting] = useState(false);
  if (acceptances.isError) return <ErrorAlert error={acceptances.error} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          A risk is accepted for a time, by someone other than who asked, with the authority its size needs. On expiry it reopens by itself.
        </Text>
        {can('governance.acceptance.request') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setRequesting(true)}>
            Request acceptance
          </Button>
        ) : null}
      </Group>
      <TriadTable
        records={acceptances.rows}
        fetching={acceptances.isPending}
        idAccessor="id"
        noRecordsText="No risk acceptances yet"
        aria-label="Risk acceptances" exportAs="Risk acceptances"
        columns={[
          {
            accessor: 'title',
            title: 'Acceptance',
            render: (a) => (
              <Anchor component={Link} to={href(`governance/acceptances/${a.id}`)} fw={600} size="sm">
                {a.title}
              </Anchor>
            ),
          },
          { accessor: 'status', title: 'Status', render: (a) => <AcceptanceStatusBadge acceptance={a} /> },
          { accessor: 'requiredAuthority', title: 'Approved by', render: (a) => (a.approvedBy ? `${a.approvedBy.name} (${a.approvedBy.role})` : AUTHORITY_LABELS[a.requiredAuthority]) },
          { accessor: 'expiresOn', title: 'Expires', render: (a) => `${formatDate(a.expiresOn)}${a.status === 'approved' ? ` (${a.daysLeft} days)` : ''}` },
        ]}
      />
      <NextPageButton {...acceptances} shown={acceptances.rows.length} total={acceptances.first?.total} noun="acceptances" />
      {requesting ? <RequestModal onClose={() => setRequesting(false)} /> : null}
    </Stack>
  );
}
