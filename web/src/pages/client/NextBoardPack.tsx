import { Anchor, Skeleton, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { usePacks } from '../../modules/reports/api';

/** "2026Q3" → "Q3 2026". */
function quarterLabel(t: TFunction<'home'>, key: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  return m ? t('pack.quarter', { q: m[2], year: m[1] }) : key;
}

/** Where the board pack stands: this quarter's, in draft or issued, or not started yet. */
export function NextBoardPack() {
  const { t } = useTranslation('home');
  const { clientId, href } = useCurrentClient();
  const packs = usePacks(clientId);
  if (packs.isPending) return <Skeleton height={48} />;
  if (packs.isError) return <Text size="sm" c="dimmed">{t('pack.failed')}</Text>;
  const { packs: list, currentQuarter } = packs.data;
  const current = list.filter((p) => p.quarter === currentQuarter);
  const issued = current.find((p) => p.status === 'issued');
  const draft = current.find((p) => p.status === 'draft' || p.status === 'generating');
  const lastIssued = list.filter((p) => p.status === 'issued').sort((a, b) => (b.issuedAt ?? '').localeCompare(a.issuedAt ?? ''))[0];
  const label = quarterLabel(t, currentQuarter);
  return (
    <Stack gap={4}>
      {issued ? (
        <Text size="sm">
          {t('pack.issued', { label, date: formatDate(issued.issuedAt) })}{' '}
          <Anchor component={Link} to={href(`board-pack/${issued.id}`)} size="sm">
            {t('pack.read')}
          </Anchor>
        </Text>
      ) : draft ? (
        <Text size="sm">
          {draft.status === 'generating' ? t('pack.preparing', { label }) : t('pack.inDraft', { label })}{' '}
          <Anchor component={Link} to={href(`board-pack/${draft.id}`)} size="sm">
            {t('pack.readDraft')}
          </Anchor>
        </Text>
      ) : (
        <Text size="sm">{t('pack.notYet', { label })}</Text>
      )}
      {lastIssued && lastIssued !== issued ? (
        <Text size="xs" c="dimmed">
          {t('pack.lastIssued', { label: quarterLabel(t, lastIssued.quarter), date: formatDate(lastIssued.issuedAt) })}{' '}
          <Anchor component={Link} to={href(`board-pack/${lastIssued.id}`)} size="xs">
            {t('pack.open')}
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  );
}
