import { Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCALES } from '@shared/controls/scales';
import type { Client } from '../../api/types';
import { usePortfolioControls } from './api';
import { mean } from './ui';

/** The portfolio's maturity cell: the latest signed-off maturity against its target, and the assessment under way. */
export function MaturityCell({ client }: { client: Client }) {
  const { t } = useTranslation('controls');
  const q = usePortfolioControls();
  if (q.isPending) return <Skeleton height={14} width={80} />;
  const row = q.data?.find((r) => r.clientId === client.id);
  if (!row) return <Text size="sm" c="dimmed">—</Text>;
  const max = SCALES[row.scale].max;
  return (
    <Stack gap={0} style={{ whiteSpace: 'nowrap' }}>
      {row.latest ? (
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {t('cell.ofMax', { value: mean(row.latest.current), max })}
          <Text span size="xs" c="dimmed">
            {' '}
            {t('cell.target', { target: mean(row.latest.target) })}
          </Text>
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('cell.notSignedOff')}
        </Text>
      )}
      {row.inProgress ? (
        <Text size="xs" c="dimmed">
          {t('cell.next', { answered: row.inProgress.answered, outcomes: row.inProgress.outcomes })}
        </Text>
      ) : null}
    </Stack>
  );
}
