/** One initiative: read it, and (who may) change it, approve it, move it, link priorities, remove it. */
import { Anchor, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { modals } from '@mantine/modals';
import type { InitiativeOut, RoadmapOut } from '@schema/roadmap';
import { KINDS, SEATS, STATUSES } from '@schema/roadmap';
import type { BusinessOut } from '@schema/business';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { roadmapChangeKeys } from './api';

export function usePriorities(clientId: string) {
  return useQuery({ queryKey: [...keys.client(clientId), 'business'], queryFn: ({ signal }) => api.get<BusinessOut>(clientPath(clientId, '/business'), { signal }) });
}

export function InitiativeModal({ clientId, roadmap, item, onClose }: { clientId: string; roadmap: RoadmapOut; item: InitiativeOut; onClose: () => void }) {
  const { t } = useTranslation('roadmap');
  const [draft, setDraft] = useState(() => ({ ...item, priorityIds: item.priorities.map((p) => p.id) }));
  const business = usePriorities(clientId);
  const { href } = useCurrentClient();
  const cur = roadmap.currency;
  const save = useApiMutation({
    mutationFn: () =>
      api.patch<InitiativeOut>(clientPath(clientId, `/roadmap/initiatives/${item.id}`), {
        title: draft.title,
        description: draft.description ?? null,
        ownerSeat: draft.ownerSeat,
        kind: draft.kind,
        scope: draft.scope,
        oneTimeCost: draft.oneTimeCost,
        annualCost: draft.annualCost,
        expectedSaving: draft.expectedSaving,
        expectedRevenue: draft.expectedRevenue,
        targetQuarter: draft.targetQuarter,
        ...(draft.status !== item.status ? { status: draft.status } : {}),
        priorityIds: draft.priorityIds,
      }),
    success: t('modal.saved'),
    notifyError: false,
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onClose,
  });
  const remove = useApiMutation({
    mutationFn: () => api.delete(clientPath(clientId, `/roadmap/initiatives/${item.id}`)),
    success: t('modal.removed'),
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onClose,
  });
  const editable = item.can.edit;
  const quarters = [...new Set([item.targetQuarter, ...roadmap.quarters.map((q) => q.key)])].sort();
  const r = item.riskReduction;
  return (
    <Modal opened onClose={onClose} title={t('modal.title', { ref: item.ref, title: item.title })} size="lg">
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Text size="sm" c="dimmed">
          {t('modal.from', { source: t(`source.${item.source.type}`), label: item.source.label ? t('modal.fromLabel', { label: item.source.label }) : '' })}{' '}
          {item.rank ? (item.manualRank ? t('modal.rankedByAdvisor', { rank: item.rank }) : t('modal.ranked', { rank: item.rank })) : ''}
        </Text>
        {item.outcomes.length > 0 ? (
          <Text size="sm">
            {t('modal.closes', { count: item.outcomes.length })}{' '}
            {item.outcomes.map((o, k) => (
              <Fragment key={`${o.catalogueId}:${o.controlId}`}>
                {k > 0 ? ', ' : ''}
                <Anchor component={Link} to={href(`controls/${o.assessmentId}/gaps`)} size="sm">
                  {o.controlId}
                </Anchor>{' '}
                {t('modal.outcomeFrom', { title: o.title, assessment: o.assessmentTitle })}
              </Fragment>
            ))}
            .
          </Text>
        ) : null}
        {r ? (
          <Text size="sm">
            <Trans
              t={t}
              i18nKey="modal.reduces"
              values={{ scenarios: r.scenarios.map((s) => s.ref).join(', '), treatments: item.treatments.map((x) => x.ref).join(', ') }}
              components={{ mean: <Money amount={r.mean} currency={cur} size="sm" fw={600} />, p95: <Money amount={r.p95} currency={cur} size="sm" fw={600} /> }}
            />
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('modal.noRisk', { note: item.riskNote })}
          </Text>
        )}
        <TextInput label={t('form.title')} value={draft.title} disabled={!editable} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
        <Textarea label={t('form.description')} autosize minRows={2} value={draft.description ?? ''} disabled={!editable} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} />
        <SimpleGrid cols={3}>
          <Select label={t('form.ownerSeat')} data={[...SEATS]} value={draft.ownerSeat} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, ownerSeat: v })} allowDeselect={false} />
          <Select label={t('form.kind')} data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} value={draft.kind} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, kind: v })} allowDeselect={false} />
          <Select label={t('form.moneyLine')} data={[{ value: 'internal', label: t('form.internal') }, { value: 'product', label: t('form.product') }]} value={draft.scope} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, scope: v })} allowDeselect={false} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <NumberInput label={t('form.oneTime')} min={0} thousandSeparator="," value={draft.oneTimeCost} disabled={!editable} onChange={(v) => setDraft({ ...draft, oneTimeCost: Number(v) || 0 })} />
          <NumberInput label={t('form.running')} min={0} thousandSeparator="," value={draft.annualCost} disabled={!editable} onChange={(v) => setDraft({ ...draft, annualCost: Number(v) || 0 })} />
          <NumberInput label={t('form.saves')} min={0} thousandSeparator="," value={draft.expectedSaving} disabled={!editable} onChange={(v) => setDraft({ ...draft, expectedSaving: Number(v) || 0 })} />
          <NumberInput label={t('form.revenue')} min={0} thousandSeparator="," value={draft.expectedRevenue} disabled={!editable} onChange={(v) => setDraft({ ...draft, expectedRevenue: Number(v) || 0 })} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <Select label={t('form.quarter')} data={quarters} value={draft.targetQuarter} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, targetQuarter: v })} allowDeselect={false} />
          <Select
            label={t('form.status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`), disabled: !item.can.approve && s !== 'proposed' && s !== item.status }))}
            value={draft.status}
            disabled={!editable}
            onChange={(v) => v && setDraft({ ...draft, status: v })}
            allowDeselect={false}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('form.priorities')}
          data={(business.data?.priorities ?? []).map((p) => ({ value: p.id, label: t('form.priority', { title: p.title, weight: p.weight }) }))}
          value={draft.priorityIds}
          disabled={!editable}
          onChange={(v) => setDraft({ ...draft, priorityIds: v })}
        />
        {editable ? (
          <Group justify="space-between">
            <Button
              variant="subtle"
              color="red"
              onClick={() => modals.openConfirmModal({ title: t('modal.removeTitle', { ref: item.ref }), children: <Text size="sm">{t('modal.removeText')}</Text>, labels: { confirm: t('modal.remove'), cancel: t('cancel') }, confirmProps: { color: 'red' }, onConfirm: () => remove.mutate() })}
            >
              {t('modal.remove')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('cancel')}
              </Button>
              <Button onClick={() => save.mutate()} loading={save.isPending}>
                {t('modal.save')}
              </Button>
            </Group>
          </Group>
        ) : null}
      </Stack>
    </Modal>
  );
}
