/**
 * How an import read the file: its format, encoding, delimiter, decimal mark and date format
 * (given or guessed), the first rows as read ("10.01.2022 → 10 January 2022"), the columns set
 * aside, what it filled in, and the words it does not know, each mappable on the spot.
 */
import { Alert, Badge, Button, Group, List, Select, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '@schema/estate';
import { call, triad } from '../../api/typed';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../components/format';
import { estateKeys } from './api';


export function ReadingSummary({ report }: { report: ImportReport }) {
  const { t } = useTranslation('estate');
  const r = report.reading;
  if (!r) return null;
  const delimiter = t(`import.delimiter.${r.delimiter === '\t' ? 'tab' : r.delimiter === ';' ? 'semicolon' : 'comma'}`);
  return (
    <Stack gap={6} role="region" aria-label={t('import.howRead')}>
      <Text size="sm">
        {r.format === 'xlsx' ? t('import.workbook', { sheet: r.sheet ?? '' }) : t('import.csv', { encoding: r.encoding ?? '', source: t(`import.source.${r.encodingSource ?? 'detected'}`), delimiter })}{' '}
        {r.dateFormat
          ? t('import.decimalDates', { mark: r.decimal, source: t(`import.source.${r.decimalSource}`), dates: t(`import.dateLabels.${r.dateFormat}`), dateSource: t(`import.source.${r.dateFormatSource ?? 'guessed'}`) })
          : t('import.decimal', { mark: r.decimal, source: t(`import.source.${r.decimalSource}`) })}
      </Text>
      {report.sample.length > 0 ? (
        <Table withTableBorder striped fz="xs" aria-label={t('import.firstRows')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t('common.line')}</Table.Th>
              <Table.Th>{t('import.asRead')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.sample.map((row) => (
              <Table.Tr key={row.line}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>
                  <Group gap="md">
                    {row.cells
                      .filter((c) => c.raw !== '')
                      .map((c) => (
                        <Text key={c.column} size="xs" c={c.problem ? 'red' : undefined}>
                          <b>{c.column}</b>: {c.raw}
                          {c.raw !== c.read ? (
                            <>
                              {' '}
                              <IconArrowRight size={10} aria-label={t('import.readAs')} /> {c.problem ?? c.read}
                            </>
                          ) : null}
                        </Text>
                      ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {report.setAside.length > 0 ? (
        <List size="sm" spacing={2}>
          {report.setAside.map((a) => (
            <List.Item key={a.column}>
              {t('import.setAside', { column: a.column, used: a.used, field: a.field })}
            </List.Item>
          ))}
        </List>
      ) : null}
      {report.notes.map((n) => (
        <Text size="sm" key={n.note}>
          {t('import.note', { note: n.note, count: n.rows, formatted: formatNumber(n.rows) })}
        </Text>
      ))}
    </Stack>
  );
}

/** Words of the file Triad does not know yet: map each to one of the choices, then check again. */
export function UnknownValues({ clientId, report, canMap, onMapped }: { clientId: string; report: ImportReport; canMap: boolean; onMapped: () => void }) {
  const { t } = useTranslation('estate');
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  if (report.unknownValues.length === 0) return null;
  const key = (u: ImportReport['unknownValues'][number]): string => `${u.field}:${u.value}`;
  const save = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      for (const u of report.unknownValues) {
        const target = chosen[key(u)];
        if (!target) continue;
        await call(triad.PUT('/api/clients/{clientId}/estate/import-settings/value-maps', { params: { path: { clientId } }, body: { kind: 'systems', field: u.field as 'status' | 'type', value: u.value, target } }));
      }
      await queryClient.invalidateQueries({ queryKey: estateKeys.importSettings(clientId) });
      onMapped();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Alert color="yellow" title={t('import.unknownTitle')} role="region" aria-label={t('import.unknownRegion')}>
      <Stack gap="xs">
        <Text size="sm">{t('import.unknownIntro')}</Text>
        {report.unknownValues.map((u) => (
          <Group key={key(u)} gap="sm" wrap="nowrap">
            <Text size="sm" w={260}>
              {t('import.quoted', { label: u.column, value: u.value })} <Badge variant="light" color="gray">{t('import.unknownRows', { n: formatNumber(u.rows) })}</Badge>
            </Text>
            <Select
              aria-label={t('import.mapTo', { field: u.field, value: u.value })}
              placeholder={t('import.aField', { field: u.field })}
              data={u.choices}
              value={chosen[key(u)] ?? null}
              onChange={(v) => setChosen((c) => ({ ...c, [key(u)]: v ?? '' }))}
              disabled={!canMap}
              w={180}
            />
          </Group>
        ))}
        {canMap ? (
          <Group>
            <Button size="xs" onClick={() => void save()} loading={saving} disabled={Object.values(chosen).every((v) => !v)}>
              {t('import.saveMapping')}
            </Button>
          </Group>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
      </Stack>
    </Alert>
  );
}
