/** One outcome: its statement and implementation examples, its answer (a form for whoever may answer it), evidence and links to risk. */
import { Badge, Button, Card, Collapse, Group, List, Select, Stack, Switch, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
import { LevelText, levelOptions, scaleUnit } from './ui';

type Answer = OutcomeOut['answer'];
const SEATS = ['CIO', 'CTO', 'CISO'] as const;

function AnswerForm({ detail, outcome }: { detail: AssessmentDetailOut; outcome: OutcomeOut }) {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const a = outcome.answer;
  const unit = scaleUnit(t, detail.assessment.scale, true);
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
    success: t('outcome.saved', { id: outcome.controlId }),
    invalidate: controlChangeKeys(clientId),
  });
  const levels = levelOptions(t, detail.assessment.scale);
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
          <Select label={t('outcome.current', { unit })} data={levels} value={na ? null : current} onChange={setCurrent} disabled={na} clearable placeholder={na ? t('outcome.doesNotApply') : t('outcome.notRated')} />
          <Select label={t('outcome.target', { unit })} data={levels} value={na ? null : target} onChange={setTarget} disabled={na} clearable placeholder={na ? t('outcome.doesNotApply') : t('outcome.none')} />
          <Select label={t('outcome.owner')} data={SEATS.map((s) => ({ value: s, label: s }))} value={owner} onChange={setOwner} clearable placeholder={t('outcome.none')} />
        </Group>
        <Switch
          label={t('outcome.naSwitch')}
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
        {na ? <TextInput label={t('outcome.why')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} /> : null}
        <Textarea label={t('outcome.notes')} autosize minRows={1} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={save.isPending} disabled={!dirty}>
            {t('outcome.save', { id: outcome.controlId })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AnswerView({ detail, answer }: { detail: AssessmentDetailOut; answer: Answer }) {
  const { t } = useTranslation('controls');
  const scale = detail.assessment.scale;
  if (answer.notApplicable) {
    return (
      <Text size="sm">
        <Badge color="gray" variant="light" mr="xs">
          {t('outcome.doesNotApply')}
        </Badge>
        {answer.naReason}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Group gap="lg">
        <Text size="sm">
          {t('outcome.currentText')} <LevelText scale={scale} value={answer.current} />
        </Text>
        <Text size="sm">
          {t('outcome.targetText')} <LevelText scale={scale} value={answer.target} />
        </Text>
        <Text size="sm">{t('outcome.ownerText', { owner: answer.ownerSeat ?? '\u2014' })}</Text>
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
  const { t } = useTranslation('controls');
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
                {t('outcome.gap', { gap: a.target! - a.current! })}
              </Badge>
            ) : null}
            {a.notApplicable || a.current !== null ? (
              <Badge color="teal" variant="light">
                {t('outcome.answered')}
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                {t('outcome.notAnswered')}
              </Badge>
            )}
          </Group>
        </Group>
        {outcome.examples.length > 0 ? (
          <div>
            <UnstyledButton onClick={() => setExamples((x) => !x)} aria-expanded={examples}>
              <Text size="xs" c="blue">
                {examples ? t('outcome.hideExamples', { count: outcome.examples.length }) : t('outcome.showExamples', { count: outcome.examples.length })}
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
            {t('outcome.answeredBy', { name: parseActor(a.answeredBy).name, date: formatDate(a.answeredAt) })}
          </Text>
        ) : null}
        <EvidencePanel detail={detail} outcome={outcome} />
        <RiskLinksPanel detail={detail} outcome={outcome} />
      </Stack>
    </Card>
  );
}
