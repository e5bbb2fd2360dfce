import { Anchor, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { usePacks } from '../../modules/reports/api';

/** "2026Q3" → "Q3 2026". */
function quarterLabel(key: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  return m ? `Q${m[2]} ${m[1]}` : key;
}

/** Where the board pack stands: this quarter's, in draft or issued, or not started yet. */
export function NextBoardPack() {
  const { clientId, href } = useCurrentClient();
  const packs = usePacks(clientId);
  if (packs.isPending) return <Skeleton height={48} />;
  if (packs.isError) return <Text size="sm" c="dimmed">The board packs could not be loaded.</Text>;
  const { packs: list, currentQuarter } = packs.data;
  const current = list.filter((p) => p.quarter === currentQuarter);
  const issued = current.find((p) => p.status === 'issued');
  const draft = current.find((p) => p.status === 'draft' || p.status === 'generating');
  const lastIssued = list.filter((p) => p.status === 'issued').sort((a, b) => (b.issuedAt ?? '').localeCompare(a.issuedAt ?? ''))[0];
  const label = quarterLabel(currentQuarter);
  return (
    <Stack gap={4}>
      {issued ? (
        <Text size="sm">
          The {label} board pack was issued on {formatDate(issued.issuedAt)}.{' '}
          <Anchor component={Link} to={href(`board-pack/${issued.id}`)} size="sm">
            Read it
          </Anchor>
        </Text>
      ) : draft ? (
        <Text size="sm">
          The {label} board pack is {draft.status === 'generating' ? 'being prepared' : 'in draft'}.{' '}
          <Anchor component={Link} to={href(`board-pack/${draft.id}`)} size="sm">
            Read the draft
          </Anchor>
        </Text>
      ) : (
        <Text size="sm">The {label} board pack is not prepared yet; your advisor generates it before the board meets.</Text>
      )}
      {lastIssued && lastIssued !== issued ? (
        <Text size="xs" c="dimmed">
          Last issued: {quarterLabel(lastIssued.quarter)}, on {formatDate(lastIssued.issuedAt)}.{' '}
          <Anchor component={Link} to={href(`board-pack/${lastIssued.id}`)} size="xs">
            Open
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  );
}
