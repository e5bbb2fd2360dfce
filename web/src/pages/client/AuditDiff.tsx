import { Badge, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { diffRows, showValue } from './audit-format';

/** The before and after of one audit entry, field by field, with what changed highlighted. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = diffRows(entry.before, entry.after);
  const kind = entry.before == null ? 'created' : entry.after == null ? 'removed' : 'changed';
  return (
    <Stack gap="sm" p="md" bg="gray.0" data-testid={`audit-diff-${entry.seq}`}>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noDetails')}
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders bg="white" fz="sm" layout="fixed" aria-label={t('audit.changesIn', { seq: entry.seq })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">{t('audit.field')}</Table.Th>
              {kind !== 'created' ? <Table.Th>{t('audit.before')}</Table.Th> : null}
              {kind !== 'removed' ? <Table.Th>{t('audit.after')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const highlight = kind === 'changed' && r.changed;
              return (
                <Table.Tr key={r.path} data-changed={highlight || undefined}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" ff="monospace" truncate>
                        {r.path}
                      </Text>
                      {highlight ? (
                        <Badge size="xs" color="orange">
                          {t('audit.changed')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  {kind !== 'created' ? (
                    <Table.Td bg={highlight ? 'red.0' : undefined} style={{ wordBreak: 'break-word' }}>
                      {highlight ? <s>{showValue(r.before)}</s> : showValue(r.before)}
                    </Table.Td>
                  ) : null}
                  {kind !== 'removed' ? (
                    <Table.Td bg={highlight ? 'green.0' : undefined} fw={highlight ? 600 : undefined} style={{ wordBreak: 'break-word' }}>
                      {showValue(r.after)}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="lg">
        {entry.entityId ? (
          <Text size="xs" c="dimmed">
            {t('audit.recordId')} <Code>{entry.entityId}</Code>
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('audit.hash')} <Code>{entry.hash.slice(0, 16)}…</Code>
        </Text>
      </Group>
    </Stack>
  );
}
