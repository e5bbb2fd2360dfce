/** A new initiative: by hand, or from a source (a security option, a system, a contract, treatments of the register, a framework gap). */
import type { ReactNode } from 'react';
import { Anchor, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CandidatesOut, InitiativeOut, RoadmapOut } from '@schema/roadmap';
import { KINDS, SEATS } from '@schema/roadmap';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { roadmapChangeKeys, useCandidates } from './api';
import { GapPlan, InitiativeLink } from './GapInitiative';
import { usePriorities } from './InitiativeModal';
import { treatmentStatus } from './ui';

function ByHand({ clientId, roadmap, onDone }: { clientId: string; roadmap: RoadmapOut; onDone: () => void }) {
  const { t } = useTranslation('roadmap');
  const [d, setD] = useState({ title: '', description: '', ownerSeat: 'CIO', kind: 'infrastructure', scope: 'internal', oneTimeCost: 0, annualCost: 0, expectedSaving: 0, expectedRevenue: 0, targetQuarter: roadmap.quarters[1]?.key ?? roadmap.currentQuarter, priorityIds: [] as string[] });
  const business = usePriorities(clientId);
  const save = useApiMutation({
    mutationFn: () => api.post<InitiativeOut>(clientPath(clientId, '/roadmap/initiatives'), { ...d, description: d.description || null }),
    success: (i) => t('newModal.proposed', { ref: i.ref, title: i.title }),
    notifyError: false,
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onDone,
  });
  return (
    <Stack gap="sm">
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <TextInput label={t('form.title')} required value={d.title} onChange={(e) => setD({ ...d, title: e.currentTarget.value })} data-autofocus />
      <Textarea label={t('form.description')} autosize minRows={2} value={d.description} onChange={(e) => setD({ ...d, description: e.currentTarget.value })} />
      <SimpleGrid cols={3}>
        <Select label={t('form.ownerSeat')} data={[...SEATS]} value={d.ownerSeat} onChange={(v) => v && setD({ ...d, ownerSeat: v, scope: v === 'CTO' ? 'product' : 'internal' })} allowDeselect={false} />
        <Select label={t('form.kind')} data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} value={d.kind} onChange={(v) => v && setD({ ...d, kind: v })} allowDeselect={false} />
        <Select label={t('form.moneyLine')} data={[{ value: 'internal', label: t('form.internal') }, { value: 'product', label: t('form.product') }]} value={d.scope} onChange={(v) => v && setD({ ...d, scope: v })} allowDeselect={false} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <NumberInput label={t('form.oneTime')} min={0} thousandSeparator="," value={d.oneTimeCost} onChange={(v) => setD({ ...d, oneTimeCost: Number(v) || 0 })} />
        <NumberInput label={t('form.running')} min={0} thousandSeparator="," value={d.annualCost} onChange={(v) => setD({ ...d, annualCost: Number(v) || 0 })} />
        <NumberInput label={t('form.saves')} min={0} thousandSeparator="," value={d.expectedSaving} onChange={(v) => setD({ ...d, expectedSaving: Number(v) || 0 })} />
        <NumberInput label={t('form.revenue')} min={0} thousandSeparator="," value={d.expectedRevenue} onChange={(v) => setD({ ...d, expectedRevenue: Number(v) || 0 })} />
      </SimpleGrid>
      <Select label={t('form.quarter')} data={roadmap.quarters.map((q) => ({ value: q.key, label: q.label }))} value={d.targetQuarter} onChange={(v) => v && setD({ ...d, targetQuarter: v })} allowDeselect={false} />
      <MultiSelect label={t('form.priorities')} data={(business.data?.priorities ?? []).map((p) => ({ value: p.id, label: t('form.priority', { title: p.title, weight: p.weight }) }))} value={d.priorityIds} onChange={(v) => setD({ ...d, priorityIds: v })} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!d.title.trim()}>
          {t('newModal.propose')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Gaps listed here, largest money at stake first; the assessment's own page lists every one. */
const GAPS_SHOWN = 10;

function FromSource({ clientId, currency, onDone }: { clientId: string; currency: string; onDone: () => void }) {
  const { t } = useTranslation('roadmap');
  const candidates = useCandidates(clientId, true);
  const { href } = useCurrentClient();
  const make = useApiMutation({
    mutationFn: (body: unknown) => api.post<InitiativeOut>(clientPath(clientId, '/roadmap/initiatives/from-source'), body),
    success: (i) => t('newModal.onRoadmap', { ref: i.ref, title: i.title, quarter: i.targetQuarterLabel }),
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onDone,
  });
  if (candidates.isPending) return <Text size="sm">{t('newModal.loading')}</Text>;
  if (candidates.isError) return <ErrorAlert error={candidates.error} />;
  const c: CandidatesOut = candidates.data;
  const section = (title: string, count: number, body: ReactNode, empty: string) => (
    <Stack gap={4}>
      <Title order={3} fz="sm">
        {title}
      </Title>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        body
      )}
    </Stack>
  );
  // What each source's button sends: the source and its id.
  const bodies = {
    option: (o: CandidatesOut['options'][number]) => ({ type: 'option', setId: o.setId, optionId: o.optionId }),
    system: (s: CandidatesOut['systems'][number]) => ({ type: 'system', systemId: s.id }),
    contract: (k: CandidatesOut['contracts'][number]) => ({ type: 'contract', contractId: k.id }),
    treatment: (x: CandidatesOut['treatments'][number]) => ({ type: 'treatments', treatmentIds: [x.id] }),
  };
  const row = (key: string, cells: ReactNode[], label: string, body: unknown, allowed = true) => (
    <Table.Tr key={key}>
      {cells.map((x, i) => (
        <Table.Td key={i}>{x}</Table.Td>
      ))}
      <Table.Td ta="right">
        <Button size="compact-xs" variant="light" disabled={!allowed} loading={make.isPending} aria-label={label} onClick={() => make.mutate(body)}>
          {t('newModal.make')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="md">
      {section(
        t('newModal.options'),
        c.options.length,
        <Table>
          <Table.Tbody>
            {c.options.map((o) =>
              row(o.optionId, [t('newModal.optionName', { set: o.setTitle, option: o.optionName }), <Money key="a" amount={o.oneTimeCost} currency={currency} size="sm" />, o.reduction !== null ? <Text key="r" size="sm" c="teal.8">−<Money amount={o.reduction} currency={currency} size="sm" /> {t('newModal.riskYear')}</Text> : '—'], t('newModal.adopt', { set: o.setTitle, option: o.optionName }), bodies.option(o), c.can.adoptOptions),
            )}
          </Table.Tbody>
        </Table>,
        t('newModal.noOption'),
      )}
      {section(
        t('newModal.systems'),
        c.systems.length,
        <Table>
          <Table.Tbody>{c.systems.map((s) => row(s.id, [s.name, s.reason, s.replacementCost !== null ? <Money key="c" amount={s.replacementCost} currency={currency} size="sm" /> : '—'], t('newModal.replace', { name: s.name }), bodies.system(s)))}</Table.Tbody>
        </Table>,
        t('newModal.noSystem'),
      )}
      {section(
        t('newModal.contracts'),
        c.contracts.length,
        <Table>
          <Table.Tbody>{c.contracts.map((k) => row(k.id, [t('newModal.contract', { vendor: k.vendor, reference: k.reference }), t('newModal.renews', { date: k.renewalDate }), <Money key="c" amount={k.annualCost} currency={currency} size="sm" />], t('newModal.renew', { vendor: k.vendor, reference: k.reference }), bodies.contract(k)))}</Table.Tbody>
        </Table>,
        t('newModal.noContract'),
      )}
      {section(
        t('newModal.treatments'),
        c.treatments.length,
        <Table>
          <Table.Tbody>{c.treatments.map((x) => row(x.id, [`${x.ref} ${x.name}`, `${x.scenarioRef} ${x.scenarioTitle}`, treatmentStatus(t, x.status)], t('newModal.carry', { ref: x.ref, name: x.name }), bodies.treatment(x)))}</Table.Tbody>
        </Table>,
        t('newModal.noTreatment'),
      )}
      {section(
        c.gaps.assessment ? t('newModal.gapsOf', { title: c.gaps.assessment.title, status: c.gaps.assessment.status === 'completed' ? t('newModal.signedOff') : t('newModal.inProgress') }) : t('newModal.gaps'),
        c.gaps.gaps.length,
        <Table aria-label={t('newModal.gaps')}>
          <Table.Tbody>
            {c.gaps.gaps.slice(0, GAPS_SHOWN).map((g) => (
              <Table.Tr key={g.controlId}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {g.controlId}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {g.statement ?? g.title}
                  </Text>
                </Table.Td>
                <Table.Td>{g.scenarios.length > 0 ? <Money amount={g.atStake} currency={currency} size="sm" /> : <Text size="xs" c="dimmed">{t('newModal.noRiskLinked')}</Text>}</Table.Td>
                <Table.Td>{g.initiative ? null : <GapPlan gap={g} currency={currency} compact />}</Table.Td>
                <Table.Td ta="right">
                  {g.initiative ? (
                    <InitiativeLink item={g.initiative} onFollow={onDone} />
                  ) : (
                    <Button size="compact-xs" variant="light" disabled={!c.gaps.can.propose} loading={make.isPending} aria-label={t('newModal.closeGap', { id: g.controlId })} onClick={() => make.mutate({ type: 'gap', controlId: g.controlId, assessmentId: c.gaps.assessment!.id })}>
                      {t('newModal.make')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {c.gaps.gaps.length > GAPS_SHOWN && c.gaps.assessment ? (
            <Table.Caption>
              {t('newModal.largest', { shown: GAPS_SHOWN, total: c.gaps.gaps.length })}{' '}
              <Anchor component={Link} to={href(`controls/${c.gaps.assessment.id}/gaps`)} size="sm" onClick={onDone}>
                {t('newModal.everyGap')}
              </Anchor>
            </Table.Caption>
          ) : null}
        </Table>,
        c.gaps.assessment ? t('newModal.noGap') : t('newModal.notAssessed'),
      )}
    </Stack>
  );
}

export function NewInitiativeModal({ clientId, roadmap, onClose }: { clientId: string; roadmap: RoadmapOut; onClose: () => void }) {
  const { t } = useTranslation('roadmap');
  return (
    <Modal opened onClose={onClose} title={t('newModal.title')} size="xl">
      <Tabs defaultValue="source">
        <Tabs.List mb="md">
          <Tabs.Tab value="source">{t('newModal.fromSource')}</Tabs.Tab>
          <Tabs.Tab value="hand">{t('newModal.byHand')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="source">
          <FromSource clientId={clientId} currency={roadmap.currency} onDone={onClose} />
        </Tabs.Panel>
        <Tabs.Panel value="hand">
          <ByHand clientId={clientId} roadmap={roadmap} onDone={onClose} />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}

