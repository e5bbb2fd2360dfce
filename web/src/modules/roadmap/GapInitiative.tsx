/**
 * A framework gap and the roadmap: what the initiative made from it would be (owner, kind, the
 * treatments it carries and their cost), a modal to make it, and the initiative that closes the
 * gap already, linked to the roadmap. Used by the assessment's ranked gaps and the roadmap's
 * new-initiative flow.
 */
import { Anchor, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import type { GapCandidate, InitiativeOut, InitiativeRef } from '@schema/roadmap';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { roadmapChangeKeys, useRoadmap } from './api';

/** "I8 · Q1 2027 · Proposed", a link that opens it on the roadmap. */
export function InitiativeLink({ item, onFollow }: { item: InitiativeRef; onFollow?: () => void }) {
  const { t } = useTranslation('roadmap');
  const { href } = useCurrentClient();
  return (
    <Anchor component={Link} to={`${href('roadmap')}?initiative=${encodeURIComponent(item.id)}`} size="sm" onClick={onFollow}>
      {t('gap.link', { ref: item.ref, quarter: item.targetQuarterLabel, status: t(`status.${item.status}`) })}
    </Anchor>
  );
}

/** What an initiative from the gap would be, in a sentence or two (`compact`: one short line and the treatments). */
export function GapPlan({ gap, currency, compact = false }: { gap: GapCandidate; currency: string; compact?: boolean }) {
  const { t } = useTranslation('roadmap');
  return (
    <Stack gap={compact ? 0 : 4}>
      <Text size={compact ? 'xs' : 'sm'}>
        {t('gap.owner', { seat: gap.ownerSeat, kind: t(`kind.${gap.kind}`) })}
        {compact ? '' : ` · ${gap.levels}`}
      </Text>
      {gap.carries.length > 0 ? (
        <Text size={compact ? 'xs' : 'sm'}>
          <Trans
            t={t}
            i18nKey="gap.carries"
            values={{ list: gap.carries.map((x) => `${x.ref} ${x.name}`).join(', ') }}
            components={{ once: <Money amount={gap.oneTimeCost} currency={currency} size={compact ? 'xs' : 'sm'} />, year: <Money amount={gap.annualCost} currency={currency} size={compact ? 'xs' : 'sm'} /> }}
          />
          {compact ? '' : t('gap.fromEngine')}
        </Text>
      ) : (
        <Text size={compact ? 'xs' : 'sm'} c="dimmed">
          {compact ? t('gap.noTreatmentShort') : t('gap.noTreatment')}
        </Text>
      )}
      {gap.notCarried.length > 0 && !compact ? (
        <Text size="xs" c="dimmed">
          {t('gap.notCarried', { list: gap.notCarried.map((x) => `${x.ref} ${x.name} (${x.reason})`).join('; ') })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Makes the initiative that closes a gap, for the quarter chosen (next quarter unless changed). */
export function GapInitiativeModal({ gap, assessmentId, currency, onClose }: { gap: GapCandidate; assessmentId: string; currency: string; onClose: () => void }) {
  const { t } = useTranslation('roadmap');
  const { clientId } = useCurrentClient();
  const roadmap = useRoadmap(clientId);
  const [quarter, setQuarter] = useState<string | null>(null);
  const quarters = roadmap.data?.quarters ?? [];
  const chosen = quarter ?? quarters[1]?.key ?? null;
  const make = useApiMutation({
    mutationFn: () => api.post<InitiativeOut>(clientPath(clientId, '/roadmap/initiatives/from-source'), { type: 'gap', controlId: gap.controlId, assessmentId, ...(chosen ? { targetQuarter: chosen } : {}) }),
    success: (i) => t('gap.onRoadmap', { ref: i.ref, title: i.title, quarter: i.targetQuarterLabel }),
    notifyError: false,
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('gap.turn', { id: gap.controlId })} size="lg">
      <Stack gap="sm">
        {make.isError ? <ErrorAlert error={make.error} title={t('gap.notMade')} /> : null}
        <Text size="sm">{gap.statement ?? gap.title}</Text>
        {gap.scenarios.length > 0 ? (
          <Text size="sm">
            <Trans t={t} i18nKey="gap.atStake" values={{ scenarios: gap.scenarios.map((s) => `${s.ref} ${s.title}`).join('; ') }} components={{ amount: <Money amount={gap.atStake} currency={currency} size="sm" fw={600} /> }} />
          </Text>
        ) : null}
        <GapPlan gap={gap} currency={currency} />
        {gap.earlier.length > 0 ? (
          <List size="xs" c="dimmed">
            {gap.earlier.map((i) => (
              <List.Item key={i.id}>
                {t('gap.earlier', { ref: i.ref, title: i.title, status: t(`statusInText.${i.status}`) })}
              </List.Item>
            ))}
          </List>
        ) : null}
        <Select label={t('gap.quarter')} data={quarters.map((q) => ({ value: q.key, label: q.label }))} value={chosen} onChange={(v) => v && setQuarter(v)} allowDeselect={false} disabled={quarters.length === 0} />
        <Text size="xs" c="dimmed">
          {t('gap.proposedNote')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button onClick={() => make.mutate()} loading={make.isPending}>
            {t('gap.propose')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
