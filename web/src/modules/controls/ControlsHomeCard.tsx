import { Anchor, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCALES } from '@shared/controls/scales';
import { Link } from 'react-router';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { useAssessments } from './api';
import { mean, scaleUnit } from './ui';

/** The client home page's controls card: the latest signed-off maturity and the assessment under way. */
export default function ControlsHomeCard() {
  const { t } = useTranslation('controls');
  const { clientId, href } = useCurrentClient();
  const q = useAssessments(clientId);
  if (q.isPending) return <Skeleton height={96} />;
  if (q.isError) return <Text size="sm" c="dimmed">{t('home.failed')}</Text>;
  const list = q.data.assessments;
  const done = list.find((a) => a.status === 'completed');
  const open = list.find((a) => a.status === 'in_progress');
  if (!done && !open) return <Text size="sm" c="dimmed">{t('home.none')}</Text>;
  return (
    <Stack gap="sm">
      {done ? (
        <div>
          <Text size="xs" c="dimmed">
            {t('home.signedOff', { title: done.title, date: formatDate(done.completedAt) })}
          </Text>
          <Text fw={650} size="lg">
            {t('home.level', { unit: scaleUnit(t, done.scale), value: mean(done.maturity.current), max: SCALES[done.scale].max })}
            <Text span size="sm" c="dimmed">
              {' '}
              {t('home.targetBelow', { target: mean(done.maturity.target), gaps: done.gaps })}
            </Text>
          </Text>
        </div>
      ) : null}
      {open ? (
        <div>
          <Anchor component={Link} to={href(`controls/${open.id}`)} size="sm">
            {open.title}
          </Anchor>
          <Progress value={(100 * open.answered) / Math.max(1, open.outcomes)} size="sm" mt={4} aria-label={t('list.answeredOf', { n: open.answered, total: open.outcomes })} />
          <Text size="xs" c="dimmed">
            {t('home.answered', { n: open.answered, total: open.outcomes })}
          </Text>
        </div>
      ) : null}
    </Stack>
  );
}
