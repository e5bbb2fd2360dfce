import { Anchor, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { SCALES } from '@shared/controls/scales';
import { Link } from 'react-router';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { useAssessments } from './api';
import { mean } from './ui';

/** The client home page's controls card: the latest signed-off maturity and the assessment under way. */
export default function ControlsHomeCard() {
  const { clientId, href } = useCurrentClient();
  const q = useAssessments(clientId);
  if (q.isPending) return <Skeleton height={96} />;
  if (q.isError) return <Text size="sm" c="dimmed">The assessments could not be loaded.</Text>;
  const list = q.data.assessments;
  const done = list.find((a) => a.status === 'completed');
  const open = list.find((a) => a.status === 'in_progress');
  if (!done && !open) return <Text size="sm" c="dimmed">No framework assessment yet.</Text>;
  return (
    <Stack gap="sm">
      {done ? (
        <div>
          <Text size="xs" c="dimmed">
            {done.title}, signed off {formatDate(done.completedAt)}
          </Text>
          <Text fw={650} size="lg">
            {SCALES[done.scale].unit} {mean(done.maturity.current)} of {SCALES[done.scale].max}
            <Text span size="sm" c="dimmed">
              {' '}
              (target {mean(done.maturity.target)}, {done.gaps} below target)
            </Text>
          </Text>
        </div>
      ) : null}
      {open ? (
        <div>
          <Anchor component={Link} to={href(`controls/${open.id}`)} size="sm">
            {open.title}
          </Anchor>
          <Progress value={(100 * open.answered) / Math.max(1, open.outcomes)} size="sm" mt={4} aria-label={`${open.answered} of ${open.outcomes} answered`} />
          <Text size="xs" c="dimmed">
            {open.answered} of {open.outcomes} outcomes answered
          </Text>
        </div>
      ) : null}
    </Stack>
  );
}
