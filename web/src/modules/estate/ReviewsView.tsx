/** The access reviews: each one's progress, and starting the next when none is open. */
import { Anchor, Badge, Button, Group, Modal, Paper, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReviewDetail, ReviewOut } from '@schema/estate/access';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { estateInvalidate, estatePath, useReviews } from './api';

export function ReviewProgress({ review }: { review: ReviewOut }) {
  const { t } = useTranslation('estate');
  const p = review.progress;
  const percent = p.total === 0 ? 100 : Math.round((p.decided / p.total) * 100);
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm">
          {t(p.overdue > 0 ? 'data.progressOverdue' : 'data.progress', { decided: p.decided, total: p.total, certified: p.certified, revoked: p.revoked, overdue: p.overdue })}
        </Text>
        <Text size="sm" c="dimmed">
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} color={review.overdue ? 'red' : 'teal'} aria-label={t('data.progressLabel', { name: review.name })} />
    </Stack>
  );
}

function StartReviewModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('estate');
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { name: '', dueDate: '' } });
  const start = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<ReviewDetail>(estatePath(clientId, '/reviews'), { ...(v.name ? { name: v.name } : {}), dueDate: v.dueDate }),
    success: (r) => t('data.reviewStarted', { name: r.name, count: r.progress.total }),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('data.startTitle')}>
      <form onSubmit={form.onSubmit((v) => start.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {start.isError ? <ErrorAlert error={start.error} /> : null}
          <Text size="sm" c="dimmed">
            {t('data.startIntro')}
          </Text>
          <TextInput label={t('common.name')} placeholder={t('data.reviewNamePlaceholder')} {...form.getInputProps('name')} />
          <TextInput label={t('data.dueDate')} placeholder={t('common.datePlaceholder')} required {...form.getInputProps('dueDate')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={start.isPending}>
              {t('data.startReview')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ReviewsView() {
  const { t } = useTranslation('estate');
  const { clientId, can, href } = useCurrentClient();
  const canAccessReviewManage = can('access.review.manage');
  const reviews = useReviews(clientId);
  const [starting, setStarting] = useState(false);
  if (reviews.isError) return <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} />;
  const open = reviews.data?.some((r) => r.status === 'open');
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('data.reviewsIntro')}
        </Text>
        {canAccessReviewManage && !open ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setStarting(true)}>
            {t('data.startReview')}
          </Button>
        ) : null}
      </Group>
      {reviews.data && reviews.data.length === 0 ? <EmptyState title={t('data.noReviewsTitle')} description={t('data.noReviewsDescription')} /> : null}
      {(reviews.data ?? []).map((r) => (
        <Paper key={r.id} withBorder p="md" component="article" aria-label={r.name}>
          <Group justify="space-between" mb="xs">
            <Anchor component={Link} to={href(`data/reviews/${r.id}`)} fw={600}>
              {r.name}
            </Anchor>
            <Group gap={6}>
              {r.myPending > 0 ? <Badge color="blue">{t('data.forYou', { count: r.myPending })}</Badge> : null}
              <Badge color={r.status === 'open' ? (r.overdue ? 'red' : 'blue') : 'gray'} variant="light">
                {r.status === 'open' ? (r.overdue ? t('common.overdue') : t('data.dueOn', { date: formatDate(r.dueDate) })) : t('data.closedOn', { date: formatDate(r.closedAt) })}
              </Badge>
            </Group>
          </Group>
          <ReviewProgress review={r} />
        </Paper>
      ))}
      {starting ? <StartReviewModal onClose={() => setStarting(false)} /> : null}
    </Stack>
  );
}
