/** A new initiative: by hand, or from a source (a security option, a system, a contract, treatments of the register, a framework gap). */
import type { ReactNode } from 'react';
import { Anchor, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { CandidatesOut, InitiativeOut, RoadmapOut } from '@schema/roadmap';
import { KIND_LABELS, KINDS, SEATS } from '@schema/roadmap';
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

function ByHand({ clientId, roadmap, onDone }: { clientId: string; roadmap: RoadmapOut; onDone: () => void }) {
  const [d, setD] = useState({ title: '', description: '', ownerSeat: 'CIO', kind: 'infrastructure', scope: 'internal', oneTimeCost: 0, annualCost: 0, expectedSaving: 0, expectedRevenue: 0, targetQuarter: roadmap.quarters[1]?.key ?? roadmap.currentQuarter, priorityIds: [] as string[] });
  const business = usePriorities(clientId);
  const save = useApiMutation({
    mutationFn: () => api.post<InitiativeOut>(clientPath(clientId, '/roadmap/initiatives'), { ...d, description: d.description || null }),
    success: (i) => `${i.ref} ${i.title} proposed.`,
    notifyError: false,
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onDone,
  });
  return (
    <Stack gap="sm">
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <TextInput label="Title" required value={d.title} onChange={(e) => setD({ ...d, title: e.currentTarget.value })} data-autofocus />
      <Textarea label="Description" autosize minRows={2} value={d.description} onChange={(e) => setD({ ...d, description: e.currentTarget.value })} />
      <SimpleGrid cols={3}>
        <Select label="Owner seat" data={[...SEATS]} value={d.ownerSeat} onChange={(v) => v && setD({ ...d, ownerSeat: v, scope: v === 'CTO' ? 'product' : 'internal' })} allowDeselect={false} />
        <Select label="Kind" data={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} value={d.kind} onChange={(v) => v && setD({ ...d, kind: v })} allowDeselect={false} />
        <Select label="Money line" data={[{ value: 'internal', label: 'Internal IT (bottom line)' }, { value: 'product', label: 'Product (top line)' }]} value={d.scope} onChange={(v) => v && setD({ ...d, scope: v })} allowDeselect={false} />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <NumberInput label="One-time cost" min={0} thousandSeparator="," value={d.oneTimeCost} onChange={(v) => setD({ ...d, oneTimeCost: Number(v) || 0 })} />
        <NumberInput label="Running cost a year" min={0} thousandSeparator="," value={d.annualCost} onChange={(v) => setD({ ...d, annualCost: Number(v) || 0 })} />
        <NumberInput label="Saves a year (bottom line)" min={0} thousandSeparator="," value={d.expectedSaving} onChange={(v) => setD({ ...d, expectedSaving: Number(v) || 0 })} />
        <NumberInput label="Revenue it enables a year (top line)" min={0} thousandSeparator="," value={d.expectedRevenue} onChange={(v) => setD({ ...d, expectedRevenue: Number(v) || 0 })} />
      </SimpleGrid>
      <Select label="Quarter" data={roadmap.quarters.map((q) => ({ value: q.key, label: q.label }))} value={d.targetQuarter} onChange={(v) => v && setD({ ...d, targetQuarter: v })} allowDeselect={false} />
      <MultiSelect label="Business priorities it serves" data={(business.data?.priorities ?? []).map((p) => ({ value: p.id, label: `${p.title} (${p.weight} %)` }))} value={d.priorityIds} onChange={(v) => setD({ ...d, priorityIds: v })} />
      <Group justify="flex-end">
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!d.title.trim()}>
          Propose
        </Button>
      </Group>
    </Stack>
  );
}

/** Gaps listed here, largest money at stake first; the assessment's own page lists every one. */
const GAPS_SHOWN = 10;

function FromSource({ clientId, currency, onDone }: { clientId: string; currency: string; onDone: () => void }) {
  const candidates = useCandidates(clientId, true);
  const { href } = useCurrentClient();
  const make = useApiMutation({
    mutationFn: (body: unknown) => api.post<InitiativeOut>(clientPath(clientId, '/roadmap/initiatives/from-source'), body),
    success: (i) => `${i.ref} ${i.title} is on the roadmap (${i.targetQuarterLabel}).`,
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onDone,
  });
  if (candidates.isPending) return <Text size="sm">Loading…</Text>;
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
  const row = (key: string, cells: ReactNode[], label: string, body: unknown, allowed = true) => (
    <Table.Tr key={key}>
      {cells.map((x, i) => (
        <Table.Td key={i}>{x}</Table.Td>
      ))}
      <Table.Td ta="right">
        <Button size="compact-xs" variant="light" disabled={!allowed} loading={make.isPending} aria-label={label} onClick={() => make.mutate(body)}>
          Make initiative
        </Button>
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="md">
      {section(
        'Security options (adopting one plans its measures in the risk register)',
        c.options.length,
        <Table>
          <Table.Tbody>
            {c.options.map((o) =>
              row(o.optionId, [`${o.setTitle}: ${o.optionName}`, <Money key="a" amount={o.oneTimeCost} currency={currency} size="sm" />, o.reduction !== null ? <Text key="r" size="sm" c="teal.8">−<Money amount={o.reduction} currency={currency} size="sm" /> risk a year</Text> : '—'], `Adopt ${o.setTitle}: ${o.optionName} as an initiative`, { type: 'option', setId: o.setId, optionId: o.optionId }, c.can.adoptOptions),
            )}
          </Table.Tbody>
        </Table>,
        'No security option to adopt.',
      )}
      {section(
        'Systems at end of life or out of warranty',
        c.systems.length,
        <Table>
          <Table.Tbody>{c.systems.map((s) => row(s.id, [s.name, s.reason, s.replacementCost !== null ? <Money key="c" amount={s.replacementCost} currency={currency} size="sm" /> : '—'], `Plan the replacement of ${s.name}`, { type: 'system', systemId: s.id }))}</Table.Tbody>
        </Table>,
        'No system is due for replacement within the next eight quarters.',
      )}
      {section(
        'Contracts up for renewal',
        c.contracts.length,
        <Table>
          <Table.Tbody>{c.contracts.map((k) => row(k.id, [`${k.vendor}: ${k.reference}`, `renews ${k.renewalDate}`, <Money key="c" amount={k.annualCost} currency={currency} size="sm" />], `Plan the renewal of ${k.vendor}: ${k.reference}`, { type: 'contract', contractId: k.id }))}</Table.Tbody>
        </Table>,
        'No contract renews within the next eight quarters.',
      )}
      {section(
        'Treatments of the risk register not on the roadmap',
        c.treatments.length,
        <Table>
          <Table.Tbody>{c.treatments.map((t) => row(t.id, [`${t.ref} ${t.name}`, `${t.scenarioRef} ${t.scenarioTitle}`, t.status], `Carry ${t.ref} ${t.name}`, { type: 'treatments', treatmentIds: [t.id] }))}</Table.Tbody>
        </Table>,
        'Every treatment of the register is on the roadmap or in place.',
      )}
      {section(
        c.gaps.assessment ? `Framework gaps of ${c.gaps.assessment.title} (${c.gaps.assessment.status === 'completed' ? 'signed off' : 'in progress'}), largest money at stake first` : 'Framework gaps',
        c.gaps.gaps.length,
        <Table aria-label="Framework gaps">
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
                <Table.Td>{g.scenarios.length > 0 ? <Money amount={g.atStake} currency={currency} size="sm" /> : <Text size="xs" c="dimmed">no risk linked</Text>}</Table.Td>
                <Table.Td>{g.initiative ? null : <GapPlan gap={g} currency={currency} compact />}</Table.Td>
                <Table.Td ta="right">
                  {g.initiative ? (
                    <InitiativeLink item={g.initiative} onFollow={onDone} />
                  ) : (
                    <Button size="compact-xs" variant="light" disabled={!c.gaps.can.propose} loading={make.isPending} aria-label={`Close ${g.controlId} with an initiative`} onClick={() => make.mutate({ type: 'gap', controlId: g.controlId, assessmentId: c.gaps.assessment!.id })}>
                      Make initiative
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {c.gaps.gaps.length > GAPS_SHOWN && c.gaps.assessment ? (
            <Table.Caption>
              The {GAPS_SHOWN} largest of {c.gaps.gaps.length} gaps.{' '}
              <Anchor component={Link} to={href(`controls/${c.gaps.assessment.id}/gaps`)} size="sm" onClick={onDone}>
                Every gap of the assessment
              </Anchor>
            </Table.Caption>
          ) : null}
        </Table>,
        c.gaps.assessment ? 'No outcome of the assessment is below its target.' : 'Framework gaps become initiatives here once the client\u2019s controls are assessed.',
      )}
    </Stack>
  );
}

export function NewInitiativeModal({ clientId, roadmap, onClose }: { clientId: string; roadmap: RoadmapOut; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title="New initiative" size="xl">
      <Tabs defaultValue="source">
        <Tabs.List mb="md">
          <Tabs.Tab value="source">From a source</Tabs.Tab>
          <Tabs.Tab value="hand">By hand</Tabs.Tab>
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

