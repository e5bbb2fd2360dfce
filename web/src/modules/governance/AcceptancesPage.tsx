import { Anchor, Button, Group, Modal, MultiSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
import { LoadMore } from '../../components/LoadMore';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { useScenarioChoices } from '../risks/api';
import { govInvalidate, govPath, useAcceptances, useGovSettings } from './api';
import { AcceptanceStatusBadge, roleLabel } from './ui';

function RequestModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('governance');
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
      riskIds: (v) => (v.length > 0 ? null : t('acceptances.chooseRisk')),
      justification: (v) => (v.trim() ? null : t('acceptances.sayWhy')),
      expiresOn: (v) => (v ? null : t('acceptances.needsExpiry')),
    },
  });
  const request = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<AcceptanceOut>(govPath(clientId, '/acceptances'), v),
    success: t('acceptances.sent'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: (a) => navigate(href(`governance/acceptances/${a.id}`)),
  });
  const risks = (open.data ?? []).map((s) => ({ value: s.id, label: `${s.ref} ${s.title}` }));
  return (
    <Modal opened onClose={onClose} title={t('acceptances.requestTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => request.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {request.isError ? <ErrorAlert error={request.error} /> : null}
          <MultiSelect label={t('acceptances.scenarios')} required searchable data={risks} nothingFoundMessage={t('acceptances.noScenario')} {...form.getInputProps('riskIds')} />
          <Textarea label={t('acceptances.justification')} required autosize minRows={3} description={t('acceptances.justificationHelp')} {...form.getInputProps('justification')} />
          <TextInput type="date" label={t('acceptances.expiresOn')} required w={220} description={t('acceptances.expiresHelp', { max })} {...form.getInputProps('expiresOn')} />
          <Text size="xs" c="dimmed">
            {t('acceptances.whoApproves')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={request.isPending}>
              {t('acceptances.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Risk acceptances: who asked, on whose authority, until when. */
export function AcceptancesPage() {
  const { t } = useTranslation('governance');
  const { clientId, can, href } = useCurrentClient();
  const acceptances = useAcceptances(clientId);
  const [requesting, setRequesting] = useState(false);
  const mayRequest = can('governance.acceptance.request');
  if (acceptances.isError) return <ErrorAlert error={acceptances.error} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('acceptances.intro')}
        </Text>
        {mayRequest ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setRequesting(true)}>
            {t('acceptances.request')}
          </Button>
        ) : null}
      </Group>
      <TriadTable
        records={acceptances.rows}
        fetching={acceptances.isPending}
        idAccessor="id"
        noRecordsText={t('acceptances.none')}
        aria-label={t('acceptances.table')} exportAs={t('acceptances.table')}
        columns={[
          {
            accessor: 'title',
            title: t('acceptances.column.acceptance'),
            render: (a) => (
              <Anchor component={Link} to={href(`governance/acceptances/${a.id}`)} fw={600} size="sm">
                {a.title}
              </Anchor>
            ),
          },
          { accessor: 'status', title: t('acceptances.column.status'), render: (a) => <AcceptanceStatusBadge acceptance={a} /> },
          { accessor: 'requiredAuthority', title: t('acceptances.column.approvedBy'), render: (a) => (a.approvedBy ? t('acceptances.approvedBy', { name: a.approvedBy.name, role: roleLabel(t, a.approvedBy.role) }) : t(`authority.${a.requiredAuthority}`)) },
          { accessor: 'expiresOn', title: t('acceptances.column.expires'), render: (a) => (a.status === 'approved' ? t('acceptances.daysLeft', { date: formatDate(a.expiresOn), count: a.daysLeft }) : formatDate(a.expiresOn)) },
        ]}
      />
      <LoadMore list={acceptances} noun={t('acceptances.noun')} />
      {requesting ? <RequestModal onClose={() => setRequesting(false)} /> : null}
    </Stack>
  );
}
