/** An outcome's links to the risk register: the scenarios its gap leaves exposed and the treatments that implement it (advisors link). */
import { Badge, Button, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetailOut, OutcomeOut, RiskLinkOut } from '@schema/controls';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath, useRiskTargets } from './api';

function LinkEditor({ detail, outcome, onDone }: { detail: AssessmentDetailOut; outcome: OutcomeOut; onDone: () => void }) {
  const { t } = useTranslation('controls');
  const { clientId, client } = useCurrentClient();
  const targets = useRiskTargets(clientId);
  const [scenarios, setScenarios] = useState(outcome.links.filter((l) => l.kind === 'scenario' && l.exists).map((l) => l.id));
  const [treatments, setTreatments] = useState(outcome.links.filter((l) => l.kind === 'treatment' && l.exists).map((l) => l.id));
  const save = useApiMutation({
    mutationFn: () => api.put<{ links: RiskLinkOut[] }>(controlsPath(clientId, `/assessments/${detail.assessment.id}/outcomes/${encodeURIComponent(outcome.controlId)}/links`), { scenarioIds: scenarios, treatmentIds: treatments }),
    notifyError: false,
    success: t('links.saved', { id: outcome.controlId }),
    invalidate: controlChangeKeys(clientId),
    onSuccess: onDone,
  });
  const list = targets.data?.scenarios ?? [];
  const money = (m: number | null) => (m === null ? '' : t('links.aYear', { amount: formatMoney(m, client.currency, { compact: true }) }));
  return (
    <Stack gap="xs">
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <MultiSelect
        label={t('links.scenarios')}
        data={list.map((s) => ({ value: s.id, label: `${s.ref} ${s.title}${money(s.mean)}` }))}
        value={scenarios}
        onChange={setScenarios}
        searchable
        placeholder={targets.isPending ? t('links.loading') : t('links.chooseScenarios')}
      />
      <MultiSelect
        label={t('links.treatments')}
        data={list.flatMap((s) => s.treatments.map((tr) => ({ value: tr.id, label: t('links.treatmentFor', { ref: tr.ref, name: tr.name, scenario: s.ref }) })))}
        value={treatments}
        onChange={setTreatments}
        searchable
        placeholder={t('links.chooseTreatments')}
      />
      <Group gap="xs" justify="flex-end">
        <Button size="xs" variant="default" onClick={onDone}>
          {t('cancel')}
        </Button>
        <Button size="xs" loading={save.isPending} onClick={() => save.mutate()}>
          {t('links.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function RiskLinksPanel({ detail, outcome }: { detail: AssessmentDetailOut; outcome: OutcomeOut }) {
  const { t } = useTranslation('controls');
  const { client } = useCurrentClient();
  const [editing, setEditing] = useState(false);
  const may = detail.can.manage;
  if (!may && outcome.links.length === 0) return null;
  return (
    <Stack gap={6} role="group" aria-label={t('links.group', { id: outcome.controlId })}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {t('links.title')}
      </Text>
      {editing ? (
        <LinkEditor detail={detail} outcome={outcome} onDone={() => setEditing(false)} />
      ) : (
        <Group gap="xs">
          {outcome.links.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('links.none')}
            </Text>
          ) : (
            outcome.links.map((l) => (
              <Badge key={`${l.kind}:${l.id}`} variant="light" color={l.exists ? (l.kind === 'scenario' ? 'red' : 'blue') : 'gray'} tt="none">
                {l.kind === 'treatment' ? t('links.treatment') : ''}
                {l.label}
                {l.mean !== null ? t('links.perYear', { amount: formatMoney(l.mean, client.currency, { compact: true }) }) : ''}
                {l.exists ? '' : t('links.deleted')}
              </Badge>
            ))
          )}
          {may ? (
            <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
              {outcome.links.length === 0 ? t('links.link') : t('links.change')}
            </Button>
          ) : null}
        </Group>
      )}
    </Stack>
  );
}
