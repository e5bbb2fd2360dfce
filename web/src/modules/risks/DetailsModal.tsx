import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { ScenarioDetailOut } from '@schema/risks';
import { useState } from 'react';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { riskChangeKeys } from './api';
import { STATUS_LABELS } from './ui';

/**
 * A scenario's title, description, threat, owner and status. 'Accepted' is not offered: a risk is
 * accepted through a risk acceptance request in Governance.
 */
export function DetailsModal({ clientId, scenario, canSetStatus, onClose }: { clientId: string; scenario: ScenarioDetailOut; canSetStatus: boolean; onClose: () => void }) {
  const [title, setTitle] = useState(scenario.title);
  const [description, setDescription] = useState(scenario.description ?? '');
  const [threat, setThreat] = useState(scenario.threat ?? '');
  const [owner, setOwner] = useState(scenario.ownerSeat);
  const [status, setStatus] = useState(scenario.status);
  const [reason, setReason] = useState(scenario.statusReason ?? '');
  const accepted = scenario.status === 'accepted';
  const statuses = (accepted ? (['accepted', 'closed'] as const) : (['open', 'treating', 'closed'] as const)).map((s) => ({ value: s, label: STATUS_LABELS[s] }));
  const save = useApiMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<ScenarioDetailOut>(clientPath(clientId, `/risks/${scenario.id}`), body),
    success: 'Scenario saved.',
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={`Edit ${scenario.ref}`} size="lg">
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
          <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus />
          <Textarea label="What happens" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <TextInput label="Threat" value={threat} onChange={(e) => setThreat(e.currentTarget.value)} />
          <Select label="Owner seat" data={['CIO', 'CTO', 'CISO']} value={owner} allowDeselect={false} onChange={(v) => v && setOwner(v)} />
          {canSetStatus ? (
            <>
              <Select label="Status" data={statuses} value={status} allowDeselect={false} onChange={(v) => v && setStatus(v)} />
              {status !== scenario.status ? <Textarea label="Why" autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} /> : null}
              <Alert color="gray" variant="light">
                {accepted
                  ? 'This risk is accepted; it reopens when its acceptance lapses or is withdrawn in Governance, or it can be closed here.'
                  : 'To accept a risk, request a risk acceptance in Governance: it records who accepts it, on what authority and until when.'}
              </Alert>
            </>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!title.trim()}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
