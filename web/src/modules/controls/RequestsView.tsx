/** Contributors asked to answer part of the assessment: ask one (advisors), hand answers in (the person asked), accept or send back (advisors). */
import { Badge, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetailOut, RequestOut } from '@schema/controls';
import { useState } from 'react';
import { api } from '../../api/client';
import { useMe, useMembers } from '../../api/hooks';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, parseActor } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath } from './api';
import { groupTitle } from './ui';

const STATUS_COLORS: Record<RequestOut['status'], string> = { open: 'blue', submitted: 'orange', accepted: 'teal', withdrawn: 'gray' };

function AskForm({ detail }: { detail: AssessmentDetailOut }) {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const members = useMembers(clientId);
  const [nodeId, setNodeId] = useState<string | null>(null);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const ask = useApiMutation({
    mutationFn: () => api.post<RequestOut>(controlsPath(clientId, `/assessments/${detail.assessment.id}/requests`), { nodeId, assigneeUserId: assignee, ...(dueOn ? { dueOn } : {}), ...(note.trim() ? { note: note.trim() } : {}) }),
    notifyError: false,
    success: (r) => t('requests.asked', { name: r.assignee.name, part: r.nodeId }),
    invalidate: controlChangeKeys(clientId),
    onSuccess: () => {
      setNodeId(null);
      setNote('');
    },
  });
  const parts = detail.groups.map((g) => ({ value: g.id, label: `${'\u2003'.repeat(g.depth)}${g.id} ${groupTitle(g.title)}` }));
  const contributors = (members.data ?? []).filter((m) => m.role === 'contributor').map((m) => ({ value: m.userId, label: t('requests.contributorOption', { name: m.name, email: m.email }) }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        ask.mutate();
      }}
    >
      <Stack gap="sm" maw={640}>
        <Title order={2} fz="h4">
          {t('requests.ask')}
        </Title>
        {ask.isError ? <ErrorAlert error={ask.error} /> : null}
        <Group grow>
          <Select label={t('requests.part')} data={parts} value={nodeId} onChange={setNodeId} searchable required />
          <Select label={t('requests.contributor')} data={contributors} value={assignee} onChange={setAssignee} required placeholder={contributors.length ? t('requests.choose') : t('requests.noContributor')} />
        </Group>
        <Group grow>
          <TextInput label={t('requests.due')} type="date" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
          <TextInput label={t('requests.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        </Group>
        <Group>
          <Button type="submit" loading={ask.isPending} disabled={!nodeId || !assignee}>
            {t('requests.askButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RequestsView({ detail }: { detail: AssessmentDetailOut }) {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const me = useMe();
  const [returning, setReturning] = useState<RequestOut | null>(null);
  const [note, setNote] = useState('');
  const move = useApiMutation({
    mutationFn: ({ id, verb, body }: { id: string; verb: 'submit' | 'accept' | 'return' | 'withdraw'; body?: unknown }) => api.post(controlsPath(clientId, `/requests/${id}/${verb}`), body ?? {}),
    success: (_d, v) => t(`requests.moved.${v.verb}`),
    invalidate: controlChangeKeys(clientId),
    onSuccess: () => setReturning(null),
  });
  const open = detail.assessment.status === 'in_progress';
  return (
    <Stack gap="lg">
      <TriadTable<RequestOut>
        aria-label={t('requests.table')} exportAs={t('requests.table')}
        records={detail.requests}
        idAccessor="id"
        noRecordsText={t('requests.none')}
        columns={[
          { accessor: 'nodeId', title: t('requests.column.part'), render: (r) => `${r.nodeId} ${groupTitle(r.nodeTitle)}` },
          { accessor: 'assignee', title: t('requests.column.asked'), render: (r) => r.assignee.name },
          { accessor: 'answered', title: t('requests.column.answered'), width: 100, render: (r) => t('requests.ofTotal', { n: r.answered, total: r.outcomes }) },
          { accessor: 'dueOn', title: t('requests.column.due'), width: 120, render: (r) => formatDate(r.dueOn) },
          {
            accessor: 'status',
            title: t('requests.column.status'),
            render: (r) => (
              <Stack gap={2}>
                <Badge color={STATUS_COLORS[r.status]} variant="light">
                  {t(`requests.status.${r.status}`)}
                </Badge>
                {r.returnedNote ? (
                  <Text size="xs" c="dimmed">
                    {t('requests.sentBack', { note: r.returnedNote })}
                  </Text>
                ) : null}
                {r.reviewedBy && r.status === 'accepted' ? (
                  <Text size="xs" c="dimmed">
                    {t('requests.by', { name: parseActor(r.reviewedBy).name })}
                  </Text>
                ) : null}
              </Stack>
            ),
          },
          {
            accessor: 'id',
            title: '',
            textAlign: 'right',
            render: (r) =>
              open ? (
                <Group gap={4} justify="flex-end">
                  {r.status === 'open' && r.assignee.id === me.data?.user.id ? (
                    <Button size="xs" onClick={() => move.mutate({ id: r.id, verb: 'submit' })}>
                      {t('requests.handIn')}
                    </Button>
                  ) : null}
                  {detail.can.manage && r.status === 'submitted' ? (
                    <>
                      <Button size="xs" onClick={() => move.mutate({ id: r.id, verb: 'accept' })}>
                        {t('requests.accept')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setReturning(r)}>
                        {t('requests.sendBackDots')}
                      </Button>
                    </>
                  ) : null}
                  {detail.can.manage && (r.status === 'open' || r.status === 'submitted') ? (
                    <Button size="xs" variant="subtle" color="gray" onClick={() => move.mutate({ id: r.id, verb: 'withdraw' })}>
                      {t('requests.withdraw')}
                    </Button>
                  ) : null}
                </Group>
              ) : null,
          },
        ]}
      />
      {detail.can.manage ? <AskForm detail={detail} /> : null}
      {returning ? (
        <Modal opened onClose={() => setReturning(null)} title={t('requests.sendBackTitle', { part: returning.nodeId, name: returning.assignee.name })}>
          <Stack>
            <Textarea label={t('requests.anotherLook')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Group justify="flex-end">
              <Button onClick={() => move.mutate({ id: returning.id, verb: 'return', body: { note } })} disabled={note.trim().length < 3} loading={move.isPending}>
                {t('requests.sendBack')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Stack>
  );
}
