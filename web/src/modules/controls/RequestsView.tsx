/** Contributors asked to answer part of the assessment: ask one (advisors), hand answers in (the person asked), accept or send back (advisors). */
import { Badge, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
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

const STATUS: Record<RequestOut['status'], { label: string; color: string }> = {
  open: { label: 'Open', color: 'blue' },
  submitted: { label: 'Handed in', color: 'orange' },
  accepted: { label: 'Accepted', color: 'teal' },
  withdrawn: { label: 'Withdrawn', color: 'gray' },
};

function AskForm({ detail }: { detail: AssessmentDetailOut }) {
  const { clientId } = useCurrentClient();
  const members = useMembers(clientId);
  const [nodeId, setNodeId] = useState<string | null>(null);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const ask = useApiMutation({
    mutationFn: () => api.post<RequestOut>(controlsPath(clientId, `/assessments/${detail.assessment.id}/requests`), { nodeId, assigneeUserId: assignee, ...(dueOn ? { dueOn } : {}), ...(note.trim() ? { note: note.trim() } : {}) }),
    notifyError: false,
    success: (r) => `${r.assignee.name} was asked to answer ${r.nodeId}.`,
    invalidate: controlChangeKeys(clientId),
    onSuccess: () => {
      setNodeId(null);
      setNote('');
    },
  });
  const parts = detail.groups.map((g) => ({ value: g.id, label: `${'\u2003'.repeat(g.depth)}${g.id} ${groupTitle(g.title)}` }));
  const contributors = (members.data ?? []).filter((m) => m.role === 'contributor').map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        ask.mutate();
      }}
    >
      <Stack gap="sm" maw={640}>
        <Title order={2} fz="h4">
          Ask a contributor
        </Title>
        {ask.isError ? <ErrorAlert error={ask.error} /> : null}
        <Group grow>
          <Select label="Part to answer" data={parts} value={nodeId} onChange={setNodeId} searchable required />
          <Select label="Contributor" data={contributors} value={assignee} onChange={setAssignee} required placeholder={contributors.length ? 'Choose' : 'No contributor in this client'} />
        </Group>
        <Group grow>
          <TextInput label="Due" type="date" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
          <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        </Group>
        <Group>
          <Button type="submit" loading={ask.isPending} disabled={!nodeId || !assignee}>
            Ask
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RequestsView({ detail }: { detail: AssessmentDetailOut }) {
  const { clientId } = useCurrentClient();
  const me = useMe();
  const [returning, setReturning] = useState<RequestOut | null>(null);
  const [note, setNote] = useState('');
  const move = useApiMutation({
    mutationFn: ({ id, verb, body }: { id: string; verb: 'submit' | 'accept' | 'return' | 'withdraw'; body?: unknown }) => api.post(controlsPath(clientId, `/requests/${id}/${verb}`), body ?? {}),
    success: (_d, v) => ({ submit: 'Handed in for review.', accept: 'Answers accepted.', return: 'Sent back with your note.', withdraw: 'Request withdrawn.' })[v.verb],
    invalidate: controlChangeKeys(clientId),
    onSuccess: () => setReturning(null),
  });
  const open = detail.assessment.status === 'in_progress';
  return (
    <Stack gap="lg">
      <TriadTable<RequestOut>
        aria-label="Requests" exportAs="Requests"
        records={detail.requests}
        idAccessor="id"
        noRecordsText="Nobody has been asked yet: advisors ask contributors to answer a function or a category."
        columns={[
          { accessor: 'nodeId', title: 'Part', render: (r) => `${r.nodeId} ${groupTitle(r.nodeTitle)}` },
          { accessor: 'assignee', title: 'Asked', render: (r) => r.assignee.name },
          { accessor: 'answered', title: 'Answered', width: 100, render: (r) => `${r.answered} of ${r.outcomes}` },
          { accessor: 'dueOn', title: 'Due', width: 120, render: (r) => formatDate(r.dueOn) },
          {
            accessor: 'status',
            title: 'Status',
            render: (r) => (
              <Stack gap={2}>
                <Badge color={STATUS[r.status].color} variant="light">
                  {STATUS[r.status].label}
                </Badge>
                {r.returnedNote ? (
                  <Text size="xs" c="dimmed">
                    Sent back: {r.returnedNote}
                  </Text>
                ) : null}
                {r.reviewedBy && r.status === 'accepted' ? (
                  <Text size="xs" c="dimmed">
                    by {parseActor(r.reviewedBy).name}
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
                      Hand in
                    </Button>
                  ) : null}
                  {detail.can.manage && r.status === 'submitted' ? (
                    <>
                      <Button size="xs" onClick={() => move.mutate({ id: r.id, verb: 'accept' })}>
                        Accept
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setReturning(r)}>
                        Send back…
                      </Button>
                    </>
                  ) : null}
                  {detail.can.manage && (r.status === 'open' || r.status === 'submitted') ? (
                    <Button size="xs" variant="subtle" color="gray" onClick={() => move.mutate({ id: r.id, verb: 'withdraw' })}>
                      Withdraw
                    </Button>
                  ) : null}
                </Group>
              ) : null,
          },
        ]}
      />
      {detail.can.manage ? <AskForm detail={detail} /> : null}
      {returning ? (
        <Modal opened onClose={() => setReturning(null)} title={`Send ${returning.nodeId} back to ${returning.assignee.name}`}>
          <Stack>
            <Textarea label="What needs another look" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Group justify="flex-end">
              <Button onClick={() => move.mutate({ id: returning.id, verb: 'return', body: { note } })} disabled={note.trim().length < 3} loading={move.isPending}>
                Send back
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Stack>
  );
}
