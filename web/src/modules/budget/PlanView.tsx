/** The plan of a fiscal year: its lines, month by month, and (advisors) a new line. */
import { ActionIcon, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { LineOut, YearOut } from '@schema/budget';
import { CATEGORIES, SEATS } from '@schema/budget';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';

function NewLine({ clientId, year, onClose }: { clientId: string; year: YearOut; onClose: () => void }) {
  const { t } = useTranslation('budget');
  const [d, setD] = useState({ name: '', category: 'software_saas', seat: 'CIO', annual: 0 });
  const save = useApiMutation({
    mutationFn: () => api.post<LineOut>(clientPath(clientId, '/budget/lines'), { fiscalYear: year.fiscalYear, ...d }),
    success: t('plan.added'),
    notifyError: false,
    invalidate: [keys.client(clientId)],
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('plan.newTitle', { year: year.label })}>
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <TextInput label={t('plan.paysFor')} value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} data-autofocus />
        <Select label={t('common.category')} data={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} value={d.category} onChange={(v) => v && setD({ ...d, category: v, seat: v === 'product_engineering' ? 'CTO' : v === 'security' ? 'CISO' : d.seat })} allowDeselect={false} />
        <Select label={t('common.seat')} data={[...SEATS]} value={d.seat} onChange={(v) => v && setD({ ...d, seat: v })} allowDeselect={false} />
        <NumberInput label={t('plan.forYear')} min={0} thousandSeparator="," decimalScale={2} value={d.annual} onChange={(v) => setD({ ...d, annual: Number(v) || 0 })} />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!d.name.trim()}>
            {t('plan.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function PlanView({ clientId, year }: { clientId: string; year: YearOut }) {
  const { t } = useTranslation('budget');
  const [adding, setAdding] = useState(false);
  const cur = year.currency;
  const remove = useApiMutation({ mutationFn: (id: string) => api.delete(clientPath(clientId, `/budget/lines/${id}`)), success: t('plan.removed'), invalidate: [keys.client(clientId)] });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('plan.intro', { year: year.label, range: year.range })}
        </Text>
        {year.can.plan ? (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            {t('plan.newLine')}
          </Button>
        ) : null}
      </Group>
      {/* Twelve months of exact amounts: the seat sits under the line's name and the cells keep
          narrow margins, so a year fits the screen. */}
      <Table.ScrollContainer minWidth={960}>
        <Table withTableBorder striped aria-label={t('plan.table')} fz="xs" horizontalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.line')}</Table.Th>
              {year.months.map((m) => (
                <Table.Th key={m.month} ta="right">
                  {m.label}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('plan.year')}</Table.Th>
              {year.can.plan ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {year.lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Text size="xs" fw={600}>
                    {l.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {l.seat} · {t(`categories.${l.category}`)}
                    {l.covers.contract ? ` · ${l.covers.contract.label}` : ''}
                  </Text>
                </Table.Td>
                {l.months.map((a, i) => (
                  <Table.Td key={i} ta="right">
                    <Money amount={a} currency={cur} size="xs" />
                  </Table.Td>
                ))}
                <Table.Td ta="right">
                  <Money amount={l.total} currency={cur} size="xs" fw={600} />
                </Table.Td>
                {year.can.plan ? (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('plan.remove', { name: l.name })} onClick={() => remove.mutate(l.id)}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td fw={700}>{t('plan.actual')}</Table.Td>
              {year.months.map((m) => (
                <Table.Td key={m.month} ta="right">
                  {m.actual === null ? <Text size="xs" c={m.missingActuals ? 'orange.8' : 'dimmed'}>{m.missingActuals ? t('plan.missing') : '—'}</Text> : <Money amount={m.actual} currency={cur} size="xs" fw={600} />}
                </Table.Td>
              ))}
              <Table.Td ta="right">
                <Money amount={year.totals.actual} currency={cur} size="xs" fw={700} />
              </Table.Td>
              {year.can.plan ? <Table.Td /> : null}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {adding ? <NewLine clientId={clientId} year={year} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
