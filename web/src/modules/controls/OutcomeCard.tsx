/** One outcome: its statement and implementation examples, its answer (a form for whoever may answer it), evidence and links to risk. */
import { Badge, Button, Card, Collapse, Group, List, Select, Stack, Switch, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import type { AssessmentDetailOut, OutcomeOut } from '@schema/controls';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, parseActor } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath } from './api';
import { EvidencePanel } from './EvidencePanel';
import { RiskLinksPanel } from './RiskLinksPanel';
import { LevelText, levelOptions } from './ui';

type Answer = OutcomeOut['answer'];
const SEATS = ['CIO', 'CTO', 'CISO'] as const;

function AnswerForm({ detail, outcome }: { detail: AssessmentDetailOut; outcome: OutcomeOut }) {
  const { clientId } = useCurrentClient();
  const a = outcome.answer;
  const unit = detail.scale.unit;
  const [current, setCurrent] = useState<string | null>(a.current === null ? null : String(a.current));
  const [target, setTarget] = useState<string | null>(a.target === null ? null : String(a.target));
  const [na, setNa] = useState(a.notApplicable);
  const [reason, setReason] = useState(a.naReason ?? '');
  const [owner, setOwner] = useState<string | null>(a.ownerSeat);
  const [notes, setNotes] = useState(a.notes ?? '');
  const body = {
    current: na || current === null ? null : Number(current),
    target: na || target === null ? null : Number(target),
    notApplicable: na,
    naReason: na ? reason.trim() || null : null,
    ownerSeat: owner as Answer['ownerSeat'],
    notes: notes.trim() || null,
  };
  const dirty = body.current !== a.current || body.target !== a.target || body.notApplicable !== a.notApplicable || body.naReason !== a.naReason || body.ownerSeat !== a.ownerSeat || body.notes !== (a.notes ?? null);
  const save = useApiMutation({
    mutationFn: () => api.patch<OutcomeOut>(controlsPath(clientId, `/assessments/${detail.assessment.id}/outcomes/${encodeURIComponent(outcome.controlId)}`), body),
    notifyError: false,
    success: `${outcome.controlId} saved.`,
    invalidate: controlChangeKeys(clientId),
  });
  const levels = levelOptions(detail.assessment.scale);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Group grow align="flex-start">
          <Select label={`Current ${unit.toLowerCase()}`} data={levels} value={na ? null : current} onChange={setCurrent} disabled={na} clearable placeholder={na ? 'Does not apply' : 'Not rated'} />
          <Select label={`Target ${unit.toLowerCase()}`} data={levels} value={na ? null : target} onChange={setTarget} disabled={na} clearable placeholder={na ? 'Does not apply' : 'None'} />
          <Select label="Owner" data={SEATS.map((s) => ({ value: s, label: s }))} value={owner} onChange={setOwner} clearable placeholder="None" />
        </Group>
        <Switch
          label="Does not apply to this company"
          checked={na}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setNa(on);
            // An outcome that does not apply has no levels: the fields show them cleared.
            if (on) {
              setCurrent(null);
              setTarget(null);
            }
          }}
        />
        {na ? <TextInput label="Why it does not apply" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} /> : null}
        <Textarea label="Notes" autosize minRows={1} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={save.isPending} disabled={!dirty}>
            Save {outcome.controlId}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AnswerView({ detail, answer }: { detail: AssessmentDetailOut; answer: Answer }) {
  const scale = detail.assessment.scale;
  if (answer.notApplicable) {
    return (
      <Text size="sm">
        <Badge color="gray" variant="light" mr="xs">
          Does not apply
        </Badge>
        {answer.naReason}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap="lg">
        <Text size="sm">
          Current: <LevelText scale={scale} value={answer.current} />
        </Text>
        <Text size="sm">
          Target: <LevelText scale={scale} value={answer.target} />
        </Text>
        <Text size="sm">Owner: {answer.ownerSeat ?? '\u2014'}</Text>
      </Group>
      {answer.notes ? (
        <Text size="sm" c="dimmed">
          {answer.notes}
        </Text>
      ) : null}
    </Stack>
  );
}

export function OutcomeCard({ detail, outcome }: { detail: AssessmentDetailOut; outcome: OutcomeOut }) {
  const [examples, setExamples] = useState(false);
  const a = outcome.answer;
  const gap = !a.notApplicable && a.current !== null && a.target !== null && a.current < a.target;
  const headingId = `outcome-${outcome.controlId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <Card component="section" withBorder padding="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={3} fz="h5" id={headingId}>
              {outcome.label ?? outcome.controlId}
              {outcome.title !== outcome.controlId && outcome.title !== outcome.label ? ` ${outcome.title}` : ''}
            </Title>
            {outcome.statement ? (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {outcome.statement}
              </Text>
            ) : null}
          </div>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {gap ? (
              <Badge color="orange" variant="light">
                Gap {a.target! - a.current!}
              </Badge>
            ) : null}
            {a.notApplicable || a.current !== null ? (
              <Badge color="teal" variant="light">
                Answered
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                Not answered
              </Badge>
            )}
          </Group>
        </Group>
        {outcome.examples.length > 0 ? (
          <div>
            <UnstyledButton onClick={() => setExamples((x) => !x)} aria-expanded={examples}>
              <Text size="xs" c="blue">
                {examples ? 'Hide' : 'Show'} implementation examples ({outcome.examples.length})
              </Text>
            </UnstyledButton>
            <Collapse expanded={examples}>
              <List size="sm" mt={4} spacing={2}>
                {outcome.examples.map((e, i) => (
                  <List.Item key={i}>{e}</List.Item>
                ))}
              </List>
            </Collapse>
          </div>
        ) : null}
        {outcome.canAnswer ? <AnswerForm key={JSON.stringify(a)} detail={detail} outcome={outcome} /> : <AnswerView detail={detail} answer={a} />}
        {a.answeredBy ? (
          <Text size="xs" c="dimmed">
            Answered by {parseActor(a.answeredBy).name} on {formatDate(a.answeredAt)}
          </Text>
        ) : null}
        <EvidencePanel detail={detail} outcome={outcome} />
        <RiskLinksPanel detail={detail} outcome={outcome} />
      </Stack>
    </Card>
  );
}
