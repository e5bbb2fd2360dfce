/**
 * How an import read the file: its format, encoding, delimiter, decimal mark and date format
 * (given or guessed), the first rows as read ("10.01.2022 → 10 January 2022"), the columns set
 * aside, what it filled in, and the words it does not know, each mappable on the spot.
 */
import { Alert, Badge, Button, Group, List, Select, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportReport } from '@schema/estate';
import { call, triad } from '../../api/typed';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../components/format';
import { estateKeys } from './api';

const DATE_LABELS: Record<string, string> = { DMY: 'day first (DD/MM/YYYY, DD.MM.YYYY)', MDY: 'month first (MM/DD/YYYY)', YMD: 'year first (YYYY-MM-DD)' };
const SOURCE: Record<string, string> = { bom: 'from its byte-order mark', detected: 'detected', given: 'as you chose', guessed: 'guessed from the file', workbook: 'as the workbook holds it' };

export function ReadingSummary({ report }: { report: ImportReport }) {
  const r = report.reading;
  if (!r) return null;
  const delimiter = r.delimiter === '\t' ? 'tabs' : r.delimiter === ';' ? 'semicolons' : 'commas';
  return (
    <Stack gap={6} role="region" aria-label="How the file was read">
      <Text size="sm">
        {r.format === 'xlsx' ? `An Excel workbook, sheet "${r.sheet ?? ''}".` : `CSV in ${r.encoding ?? ''} (${SOURCE[r.encodingSource ?? 'detected']}), separated by ${delimiter}.`}{' '}
        Decimal mark &ldquo;{r.decimal}&rdquo; ({SOURCE[r.decimalSource]}){r.dateFormat ? `; dates ${DATE_LABELS[r.dateFormat]} (${SOURCE[r.dateFormatSource ?? 'guessed']})` : ''}.
      </Text>
      {report.sample.length > 0 ? (
        <Table withTableBorder striped fz="xs" aria-label="The first rows as read">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>Line</Table.Th>
              <Table.Th>As read</Table.Th>
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
                              <IconArrowRight size={10} aria-label="read as" /> {c.problem ?? c.read}
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
              Column &ldquo;{a.column}&rdquo; not used: &ldquo;{a.used}&rdquo; gives the {a.field}.
            </List.Item>
          ))}
        </List>
      ) : null}
      {report.notes.map((n) => (
        <Text size="sm" key={n.note}>
          {n.note} on {formatNumber(n.rows)} {n.rows === 1 ? 'row' : 'rows'}.
        </Text>
      ))}
    </Stack>
  );
}

/** Words of the file Triad does not know yet: map each to one of the choices, then check again. */
export function UnknownValues({ clientId, report, canMap, onMapped }: { clientId: string; report: ImportReport; canMap: boolean; onMapped: () => void }) {
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
    <Alert color="yellow" title="Words Triad does not know yet" role="region" aria-label="Unknown values">
      <Stack gap="xs">
        <Text size="sm">Map each once for this client; the mapping is kept for its next imports (Import settings).</Text>
        {report.unknownValues.map((u) => (
          <Group key={key(u)} gap="sm" wrap="nowrap">
            <Text size="sm" w={260}>
              {u.column} &ldquo;{u.value}&rdquo; <Badge variant="light" color="gray">{formatNumber(u.rows)} rows</Badge>
            </Text>
            <Select
              aria-label={`Map ${u.field} ${u.value} to`}
              placeholder={`a ${u.field}`}
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
              Save the mapping and check again
            </Button>
          </Group>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
      </Stack>
    </Alert>
  );
}
