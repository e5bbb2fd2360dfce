/** Which ransomware scenario of the register the worst case is priced from, and the client's gross margin (advisors change both). */
import { Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import type { WorstCaseOut } from '@schema/risks';
import { formatMoney } from '../../components/Money';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('reports');
  const { clientId, client, can } = useCurrentClient();
  const w = useRegisterWorstCase(clientId);
  const edit = can('risks.edit');
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const [margin, setMargin] = useState<number | string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useApiMutation({
    mutationFn: (body: object) => api.put<Saved>(clientPath(clientId, '/risks/worst-case'), body),
    success: (r) => t(r.rebuilt.length ? 'worstCase.savedRebuilt' : 'worstCase.saved', { ref: r.worstCase.scenario?.ref ?? t('worstCase.chosenScenario'), rebuilt: r.rebuilt.join(', ') }),
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
  const money = (x: number | null) => (x === null ? t('worstCase.notComputed') : t('worstCase.perYear', { money: formatMoney(x, client.currency) }));
  if (!edit) {
    return (
      <Text size="sm" c="dimmed">
        {t('worstCase.readOnly', {
          scenario: d.scenario ? `${d.scenario.ref} ${d.scenario.title}` : t('worstCase.ransomwareScenario'),
          margin: d.grossMargin === null ? t('worstCase.marginUnset') : `${Math.round(d.grossMargin * 100)} %`,
        })}
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-label={t('worstCase.section')}>
      {save.isError && Object.keys(fieldErrors(save.error)).length === 0 ? <ErrorAlert error={save.error} /> : null}
      <Group align="flex-end" gap="sm">
        <Select
          label={t('worstCase.scenario')}
          w={420}
          data={d.candidates.map((c) => ({ value: c.id, label: `${c.ref} ${c.title} (${money(c.mean)})` }))}
          value={chosen}
          onChange={setScenarioId}
          allowDeselect={false}
          placeholder={d.candidates.length === 0 ? t('worstCase.noScenario') : t('worstCase.choose')}
          error={errors.scenarioId}
        />
        <NumberInput
          label={t('worstCase.margin')}
          description={t('worstCase.marginHelp')}
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
          {t('worstCase.save')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('worstCase.help')}
      </Text>
    </Stack>
  );
}
