/** The client's import settings: its own words for statuses and types, and replacement costs by system type. */
import { ActionIcon, Badge, Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, triad } from '../../api/typed';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { estateKeys, useImportSettings } from './api';

export function ImportSettingsPanel() {
  const { t } = useTranslation('estate');
  const { clientId, client, can } = useCurrentClient();
  const settings = useImportSettings(clientId);
  const queryClient = useQueryClient();
  const [costs, setCosts] = useState<Record<string, number | ''>>({});
  const [error, setError] = useState<unknown>(null);
  const editable = can('estate.import');
  const refresh = () => queryClient.invalidateQueries({ queryKey: estateKeys.importSettings(clientId) });
  const run = async (fn: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await fn();
      await refresh();
    } catch (err) {
      setError(err);
    }
  };
  if (!settings.data) return settings.error ? <ErrorAlert error={settings.error} /> : null;
  const custom = settings.data.vocabularies.flatMap((v) => v.custom.map((c) => ({ ...c, label: v.label })));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('import.settings')}>
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('import.settings')}
        </Title>
        <Text size="sm" c="dimmed" maw={720}>
          {t('import.settingsIntro')}
        </Text>
        {custom.length > 0 ? (
          <Table withTableBorder fz="sm" aria-label={t('import.valueMapping')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.inTheFile')}</Table.Th>
                <Table.Th>{t('import.means')}</Table.Th>
                <Table.Th w={60} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {custom.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {t('import.quoted', { label: c.label, value: c.value })}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{c.target}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {editable ? (
                      <ActionIcon variant="subtle" color="red" aria-label={t('import.removeMapping', { value: c.value })} onClick={() => void run(() => call(triad.DELETE('/api/clients/{clientId}/estate/import-settings/value-maps/{mapId}', { params: { path: { clientId, mapId: c.id } } })))}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">{t('import.noOwnWords')}</Text>
        )}
        <Group align="end" gap="sm">
          {settings.data.replacementCosts.map((r) => (
            <NumberInput
              key={r.type}
              label={t('import.replacementCostOf', { type: t(`values.systemType.${r.type}`) })}
              w={170}
              min={0}
              thousandSeparator=","
              suffix={` ${client.currency}`}
              disabled={!editable}
              value={costs[r.type] ?? r.amount ?? ''}
              onChange={(v) => setCosts((c) => ({ ...c, [r.type]: typeof v === 'number' ? v : '' }))}
            />
          ))}
          {editable ? (
            <Button
              variant="default"
              onClick={() =>
                void run(async () => {
                  for (const [type, amount] of Object.entries(costs)) {
                    await call(triad.PUT('/api/clients/{clientId}/estate/import-settings/replacement-costs/{type}', { params: { path: { clientId, type: type as 'hardware' } }, body: { amount: amount === '' ? null : amount } }));
                  }
                  setCosts({});
                })
              }
              disabled={Object.keys(costs).length === 0}
            >
              {t('import.saveCosts')}
            </Button>
          ) : null}
        </Group>
        {error ? <ErrorAlert error={error} /> : null}
      </Stack>
    </Paper>
  );
}
