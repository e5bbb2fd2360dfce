/** The roadmap of a client: the board of quarters, the ranking, and new initiatives from their sources. */
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '@tabler/icons-react';
import type { RoadmapOut } from '@schema/roadmap';
import { useState } from 'react';
import { Outlet, Route, Routes, useOutletContext, useSearchParams } from 'react-router';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RouteTabs } from '../../components/RouteTabs';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { roadmapChangeKeys, useRoadmap } from './api';
import { BoardView } from './BoardView';
import { InitiativeModal } from './InitiativeModal';
import { NewInitiativeModal } from './NewInitiativeModal';
import { RankingView } from './RankingView';

const TABS = ['board', 'ranking'] as const;

function useRoadmapActions(clientId: string) {
  const { t } = useTranslation('roadmap');
  const move = useApiMutation({
    mutationFn: ({ id, quarter }: { id: string; quarter: string }) => api.patch(clientPath(clientId, `/roadmap/initiatives/${id}`), { targetQuarter: quarter }),
    success: t('moved'),
    invalidate: roadmapChangeKeys(clientId),
  });
  const order = useApiMutation({
    mutationFn: (ids: string[]) => api.put<RoadmapOut>(clientPath(clientId, '/roadmap/order'), { initiativeIds: ids }),
    success: t('orderSaved'),
    invalidate: roadmapChangeKeys(clientId),
  });
  const reset = useApiMutation({
    mutationFn: () => api.delete<RoadmapOut>(clientPath(clientId, '/roadmap/order')),
    success: t('rankedAgain'),
    invalidate: roadmapChangeKeys(clientId),
  });
  return { move, order, reset };
}

function Views() {
  const { t } = useTranslation('roadmap');
  const { client, clientId } = useCurrentClient();
  const roadmap = useRoadmap(clientId);
  const [adding, setAdding] = useState(false);
  // The initiative open in its modal is in the address (?initiative=ID), so other pages link to it.
  const [params, setParams] = useSearchParams();
  const open = params.get('initiative');
  const setOpen = (id: string | null): void =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set('initiative', id);
      else next.delete('initiative');
      return next;
    });
  const actions = useRoadmapActions(clientId);
  const item = open ? roadmap.data?.initiatives.find((i) => i.id === open) : undefined;
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('title')}
        documentTitle={t('documentTitle', { client: client.name })}
        description={t('description')}
        actions={
          roadmap.data?.can.propose ? (
            <Group>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
                {t('newInitiative')}
              </Button>
            </Group>
          ) : null
        }
      />
      <RouteTabs base="roadmap" tabs={TABS.map((value) => ({ value, label: t(`tabs.${value}`) }))} />
      {roadmap.isPending ? <PageSkeleton /> : null}
      {roadmap.isError ? <ErrorAlert error={roadmap.error} onRetry={() => void roadmap.refetch()} /> : null}
      {roadmap.data ? <Outlet context={{ roadmap: roadmap.data, actions, open: setOpen }} /> : null}
      {adding && roadmap.data ? <NewInitiativeModal clientId={clientId} roadmap={roadmap.data} onClose={() => setAdding(false)} /> : null}
      {item && roadmap.data ? <InitiativeModal key={item.id + item.updatedAt} clientId={clientId} roadmap={roadmap.data} item={item} onClose={() => setOpen(null)} /> : null}
    </>
  );
}


interface ViewContext {
  roadmap: RoadmapOut;
  actions: ReturnType<typeof useRoadmapActions>;
  open: (id: string) => void;
}

function Board() {
  const { roadmap, actions, open } = useOutletContext<ViewContext>();
  return <BoardView roadmap={roadmap} onMove={(id, quarter) => actions.move.mutate({ id, quarter })} onOpen={open} />;
}

function Ranking() {
  const { roadmap, actions, open } = useOutletContext<ViewContext>();
  return <RankingView roadmap={roadmap} onOrder={(ids) => actions.order.mutate(ids)} onReset={() => actions.reset.mutate()} onOpen={open} />;
}

export default function RoadmapPage() {
  return (
    <Routes>
      <Route element={<Views />}>
        <Route index element={<Board />} />
        <Route path="ranking" element={<Ranking />} />
      </Route>
    </Routes>
  );
}
