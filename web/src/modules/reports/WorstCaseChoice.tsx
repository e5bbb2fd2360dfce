/** Which ransomware scenario of the register the worst case is priced from, and the client's gross margin (advisors change both). */
import { Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import type { WorstCaseOut } from '@schema/risks';
import { formatMoney } from '@shared/money';
import { useState } from 'react';
import { api, clientPath, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { riskChangeKeys, useWorstCase as useRegisterWorstCase } from '../risks/api';
import { reportKeys } from './api';

interface Saved {
  worstCase: WorstCaseOut;
  rebuilt: string[];
  leftAsEntered: string[];
}

export function WorstCaseChoice() {
  const { clientId, client, can } = useCurrentClient();
  const w = useRegisterWorstCase(clientId);
  const edit = can('risks.edit');
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const [margin, setMargin] = useState<number | string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useApiMutation({
    mutationFn: (body: object) => api.put<Saved>(clientPath(clientId, '/risks/worst-case'), body),
    success: (r) => `The worst case is priced from ${r.worstCase.scenario?.ref ?? 'the chosen scenario'}${r.rebuilt.length ? `; ${r.rebuilt.join(', ')} rebuilt with the new gross margin` : ''}.`,
    notifyError: false,
    invalidate: [...riskChangeKeys(clientId), reportKeys.worstCase(clientId)],
    onSuccess: () => {
      setScenarioId(null);
      setMargin(null);
      setErrors({});
    },
  });
  if (!w.data) return null;
  const d = w.data;
  const chosen = scenarioId ?? d.chosenId;
  const shownMargin = margin ?? (d.grossMargin === null ? '' : Math.round(d.grossMargin * 1000) / 10);
  const money = (x: number | null) => (x === null ? 'not yet computed' : `${formatMoney(x, client.currency)} a year`);
  if (!edit) {
    return (
      <Text size="sm" c="dimmed">
        Priced from the register&apos;s {d.scenario ? `${d.scenario.ref} ${d.scenario.title}` : 'ransomware scenario'}; gross margin {d.grossMargin === null ? 'not set (all lost revenue counted)' : `${Math.round(d.grossMargin * 100)} %`}. Advisors change these.
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-label="What the worst case is priced from">
      {save.isError && Object.keys(fieldErrors(save.error)).length === 0 ? <ErrorAlert error={save.error} /> : null}
      <Group align="flex-end" gap="sm">
        <Select
          label="Priced from the register's scenario"
          w={420}
          data={d.candidates.map((c) => ({ value: c.id, label: `${c.ref} ${c.title} (${money(c.mean)})` }))}
          value={chosen}
          onChange={setScenarioId}
          allowDeselect={false}
          placeholder={d.candidates.length === 0 ? 'No ransomware scenario in the register' : 'Choose one'}
          error={errors.scenarioId}
        />
        <NumberInput
          label="Gross margin"
          description="Share of lost revenue actually lost"
          w={200}
          suffix=" %"
          min={0}
          max={100}
          clampBehavior="none"
          decimalScale={1}
          value={shownMargin}
          onChange={setMargin}
          error={errors.grossMargin}
        />
        <Button
          loading={save.isPending}
          disabled={scenarioId === null && margin === null}
          onClick={() => {
            const body: Record<string, unknown> = {};
            if (scenarioId !== null && scenarioId !== d.chosenId) body.scenarioId = scenarioId;
            if (margin !== null) body.grossMargin = margin === '' ? null : Number(margin) / 100;
            save.mutate(body, { onError: (err) => setErrors(fieldErrors(err)) });
          }}
        >
          Save
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        The largest ransomware scenario is chosen when the register is first computed; afterwards the worst case stays on the chosen one until an advisor changes it. A new gross margin rebuilds the ransomware scenarios made from the template.
      </Text>
    </Stack>
  );
}
