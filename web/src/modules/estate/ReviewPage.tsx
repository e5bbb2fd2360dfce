/** One access review: its grants, each certified or revoked, and closing the review. */
import { Anchor, Badge, Button, Group, Stack, Switch } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReviewDetail, ReviewItemOut } from '@schema/estate/access';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { estateInvalidate, estatePath, useReview } from './api';
import { ReviewProgress } from './ReviewsView';
import { FlagBadges } from './ui';

function DecisionButtons({ review, item }: { review: ReviewDetail; item: ReviewItemOut }) {
  const { t } = useTranslation('estate');
  const { clientId } = useCurrentClient();
  const decide = useApiMutation({
    mutationFn: (decision: 'certify' | 'revoke') => api.post<ReviewDetail>(estatePath(clientId, `/reviews/${review.id}/items/${item.id}/decision`), { decision }),
    success: (_r, decision) => (decision === 'certify' ? t('data.certified', { name: item.grant.grantee }) : t('data.revoked', { name: item.grant.grantee })),
    invalidate: estateInvalidate(clientId),
  });
  return (
    <Group gap={6} wrap="nowrap">
      <Button size="xs" variant="light" color="teal" loading={decide.isPending && decide.variables === 'certify'} disabled={decide.isPending} onClick={() => decide.mutate('certify')} aria-label={t('data.certifyLabel', { name: item.grant.grantee, target: item.grant.targetName })}>
        {t('data.certify')}
      </Button>
      <Button size="xs" variant="light" color="red" loading={decide.isPending && decide.variables === 'revoke'} disabled={decide.isPending} onClick={() => decide.mutate('revoke')} aria-label={t('data.revokeLabel', { name: item.grant.grantee, target: item.grant.targetName })}>
        {t('data.revoke')}
      </Button>
    </Group>
  );
}

export function ReviewPage() {
  const { t } = useTranslation('estate');
  const { reviewId = '' } = useParams();
  const { clientId, client, can, href } = useCurrentClient();
  const canAccessReviewManage = can('access.review.manage');
  const [mine, setMine] = useState(false);
  const review = useReview(clientId, reviewId, mine);
  const close = useApiMutation({
    mutationFn: () => api.post<ReviewDetail>(estatePath(clientId, `/reviews/${reviewId}/close`)),
    success: t('data.reviewClosed'),
    invalidate: estateInvalidate(clientId),
  });
  if (review.isError) return <ErrorAlert error={review.error} />;
  const r = review.data;
  if (!r) return null;
  return (
    <>
      <PageHeader
        eyebrow={<Anchor component={Link} to={href('data/reviews')} size="xs">{t('data.reviewsCrumb')}</Anchor>}
        title={r.name}
        documentTitle={`${r.name} · ${client.name}`}
        description={t('data.startedBy', { name: r.startedBy.replace(/\s*<.*>$/, ''), start: formatDate(r.startedAt), due: formatDate(r.dueDate) })}
        actions={
          r.status === 'open' && canAccessReviewManage ? (
            <Button variant="default" onClick={() => close.mutate()} loading={close.isPending}>
              {t('data.closeReview')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Group justify="space-between">
          <Badge size="lg" color={r.status === 'open' ? (r.overdue ? 'red' : 'blue') : 'gray'} variant="light">
            {r.status === 'open' ? (r.overdue ? t('data.openOverdue') : t('data.open')) : t('data.closed')}
          </Badge>
          <Switch label={t('data.onlyMine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
        </Group>
        <ReviewProgress review={r} />
        <TriadTable
          records={r.items}
          idAccessor="id"
          aria-label={t('data.reviewTable')} exportAs={t('data.reviewTable')}
          noRecordsText={mine ? t('data.nothingLeft') : t('data.noGrants')}
          columns={[
            { accessor: 'grant.grantee', title: t('common.who'), render: (i: ReviewItemOut) => t('common.withGranteeType', { name: i.grant.grantee, type: t(`values.granteeType.${i.grant.granteeType}`) }) },
            { accessor: 'grant.targetName', title: t('common.accessTo'), render: (i: ReviewItemOut) => t('data.targetLevel', { target: i.grant.targetName, level: t(`values.accessLevel.${i.grant.level}`) }) },
            { accessor: 'grant.reason', title: t('common.reason'), render: (i: ReviewItemOut) => <>{i.grant.reason ?? '—'} <FlagBadges flags={i.grant.flags} /></> },
            { accessor: 'reviewerName', title: t('common.owner'), render: (i: ReviewItemOut) => i.reviewerName ?? t('data.advisors') },
            {
              accessor: 'decision',
              title: t('data.column.decision'),
              render: (i: ReviewItemOut) =>
                i.decision ? (
                  <Badge color={i.decision === 'certify' ? 'teal' : 'red'} variant="light">
                    {i.decision === 'certify' ? t('data.certifiedBadge') : t('data.revokedBadge')}
                  </Badge>
                ) : i.canDecide ? (
                  <DecisionButtons review={r} item={i} />
                ) : (
                  <Badge color={i.overdue ? 'red' : 'gray'} variant="outline">
                    {i.overdue ? t('common.overdue') : t('data.pending')}
                  </Badge>
                ),
            },
          ]}
        />
      </Stack>
    </>
  );
}
