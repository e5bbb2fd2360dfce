import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { ScenarioDetailOut } from '@schema/risks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { riskChangeKeys } from './api';

/**
 * A scenario's title, description, threat, owner and status. 'Accepted' is not offered: a risk is
 * accepted through a risk acceptance request in Governance.
 */
export function DetailsModal({ clientId, scenario, canSetStatus, onClose }: { clientId: string; scenario: ScenarioDetailOut; canSetStatus: boolean; onClose: () => void }) {
  const { t } = useTranslation('risks');
  const [title, setTitle] = useState(scenario.title);
  const [description, setDescription] = useState(scenario.description ?? '');
  const [threat, setThreat] = useState(scenario.threat ?? '');
  const [owner, setOwner] = useState(scenario.ownerSeat);
  const [status, setStatus] = useState(scenario.status);
  const [reason, setReason] = useState(scenario.statusReason ?? '');
  const accepted = scenario.status === 'accepted';
  const statuses = (accepted ? (['accepted', 'closed'] as const) : (['open', 'treating', 'closed'] as const)).map((s) => ({ value: s, label: t(`status.${s}`) }));
  const save = useApiMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<ScenarioDetailOut>(clientPath(clientId, `/risks/${scenario.id}`), body),
    success: t('details.saved'),
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('details.title', { ref: scenario.ref })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            title: title.trim(),
            description: description.trim() || null,
            threat: threat.trim() || null,
            ownerSeat: owner,
            ...(canSetStatus && status !== scenario.status ? { status, statusReason: reason.trim() || null } : {}),
          });
        }}
      >
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('details.titleLabel')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus />
          <Textarea label={t('details.whatHappens')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <TextInput label={t('details.threat')} value={threat} onChange={(e) => setThreat(e.currentTarget.value)} />
          <Select label={t('details.ownerSeat')} data={['CIO', 'CTO', 'CISO']} value={owner} allowDeselect={false} onChange={(v) => v && setOwner(v)} />
          {canSetStatus ? (
            <>
              <Select label={t('details.status')} data={statuses} value={status} allowDeselect={false} onChange={(v) => v && setStatus(v)} />
              {status !== scenario.status ? <Textarea label={t('details.why')} autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} /> : null}
              <Alert color="gray" variant="light">
                {accepted
                  ? t('details.acceptedHelp')
                  : t('details.acceptHelp')}
              </Alert>
            </>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('details.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!title.trim()}>
              {t('details.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
