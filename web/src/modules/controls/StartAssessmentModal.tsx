/** Starts an assessment: a catalogue (or part of it: groups, or an OSCAL profile), a scale, or a copy of the last completed one. */
import { Button, FileInput, Group, Modal, MultiSelect, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import type { AssessmentDetailOut } from '@schema/controls';
import { SCALES, SCALE_KEYS, type ScaleKey } from '@shared/controls/scales';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath, useAssessments, useCatalogueTree, useCatalogues } from './api';
import { groupTitle, levelOptions } from './ui';

function quarterLabel(d = new Date()): string {
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
}

type ScopeKind = 'all' | 'groups' | 'profile';

export function StartAssessmentModal({ onClose }: { onClose: () => void }) {
  const { clientId, href } = useCurrentClient();
  const navigate = useNavigate();
  const catalogues = useCatalogues(clientId);
  const assessments = useAssessments(clientId);
  const [catalogueId, setCatalogueId] = useState<string | null>(null);
  const catalogue = useMemo(() => {
    const list = catalogues.data ?? [];
    return list.find((c) => c.id === catalogueId) ?? list.find((c) => c.builtin === 'nist-csf-2.0') ?? list[0] ?? null;
  }, [catalogues.data, catalogueId]);
  const [versionId, setVersionId] = useState<string | null>(null);
  const version = catalogue?.versions.find((v) => v.id === versionId) ?? catalogue?.latest ?? null;
  const completed = (assessments.data?.assessments ?? []).filter((a) => a.status === 'completed' && a.catalogue.id === catalogue?.id);
  const [copyFrom, setCopyFrom] = useState<string>('');
  const copying = completed.find((a) => a.id === copyFrom) ?? null;
  const [scale, setScale] = useState<ScaleKey | null>(null);
  const effectiveScale: ScaleKey = copying?.scale ?? scale ?? (catalogue?.builtin === 'nist-csf-2.0' ? 'csf-tiers' : 'maturity-0-5');
  const [title, setTitle] = useState('');
  const shortName = catalogue?.builtin === 'nist-csf-2.0' ? 'NIST CSF 2.0' : (catalogue?.title ?? 'framework');
  const effectiveTitle = title || `${quarterLabel()} ${shortName} review`;
  const [kind, setKind] = useState<ScopeKind>('all');
  const [groups, setGroups] = useState<string[]>([]);
  const [profile, setProfile] = useState<File | null>(null);
  const [defaultTarget, setDefaultTarget] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const tree = useCatalogueTree(clientId, catalogue?.id ?? null, version?.id ?? null);
  const groupOptions = (tree.data?.nodes ?? [])
    .filter((n) => !n.withdrawn && n.outcomes > 0 && (n.kind === 'group' || !n.assessable))
    .map((n) => ({ value: n.id, label: `${'\u2003'.repeat(n.depth)}${n.id} ${groupTitle(n.title)} (${n.outcomes})` }));

  const start = useApiMutation({
    mutationFn: async () => {
      let scope: Record<string, unknown> | undefined;
      if (!copying) {
        if (kind === 'groups') scope = { kind: 'groups', ids: groups };
        else if (kind === 'profile') {
          let doc: unknown = null;
          try {
            doc = JSON.parse(await profile!.text()) as unknown;
          } catch {
            throw new Error(`${profile!.name} is not JSON: an OSCAL profile in JSON is expected.`);
          }
          scope = { kind: 'profile', profile: doc };
        } else scope = { kind: 'all' };
      }
      return api.post<AssessmentDetailOut>(controlsPath(clientId, '/assessments'), {
        title: effectiveTitle,
        catalogueId: catalogue!.id,
        versionId: version!.id,
        ...(copying ? { copyFrom: copying.id } : { scale: effectiveScale, scope }),
        ...(defaultTarget !== null ? { defaultTarget: Number(defaultTarget) } : {}),
        ...(dueOn ? { dueOn } : {}),
      });
    },
    notifyError: false,
    success: (d) => `"${d.assessment.title}" started: ${d.assessment.outcomes} outcomes to rate.`,
    invalidate: controlChangeKeys(clientId),
    onSuccess: (d) => {
      onClose();
      void navigate(href(`controls/${d.assessment.id}`));
    },
  });

  return (
    <Modal opened onClose={onClose} title="Start an assessment" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <Stack gap="md">
          {start.isError ? <ErrorAlert error={start.error} /> : null}
          <Select
            label="Catalogue"
            data={(catalogues.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
            value={catalogue?.id ?? null}
            onChange={(v) => {
              setCatalogueId(v);
              setVersionId(null);
              setCopyFrom('');
              setGroups([]);
            }}
            allowDeselect={false}
            required
          />
          {catalogue && catalogue.versions.length > 1 ? (
            <Select label="Version" data={catalogue.versions.map((v) => ({ value: v.id, label: `${v.version}${v.id === catalogue.latest.id ? ' (latest)' : ''}` }))} value={version?.id ?? null} onChange={setVersionId} allowDeselect={false} />
          ) : null}
          {completed.length > 0 ? (
            <Select
              label="Start from"
              description="A copy keeps the answers, evidence and links of the assessment it copies; you then change what moved."
              data={[{ value: '', label: 'Nothing: a new assessment' }, ...completed.map((a) => ({ value: a.id, label: `A copy of ${a.title}` }))]}
              value={copyFrom}
              onChange={(v) => setCopyFrom(v ?? '')}
              allowDeselect={false}
            />
          ) : null}
          <TextInput label="Title" placeholder={effectiveTitle} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          {copying ? (
            <Text size="sm" c="dimmed">
              The copy assesses the same outcomes as {copying.title}, on its scale ({SCALES[copying.scale].name}).
            </Text>
          ) : (
            <>
              <Select label="Scale" data={SCALE_KEYS.map((k) => ({ value: k, label: SCALES[k].name }))} value={effectiveScale} onChange={(v) => v && setScale(v)} allowDeselect={false} />
              <Radio.Group label="Outcomes to assess" value={kind} onChange={(v) => setKind(v)}>
                <Stack gap={6} mt={6}>
                  <Radio value="all" label={`All of it (${version?.counts.outcomes ?? '…'} outcomes)`} />
                  <Radio value="groups" label="Chosen functions or categories" />
                  <Radio value="profile" label="Those an OSCAL profile selects" />
                </Stack>
              </Radio.Group>
              {kind === 'groups' ? <MultiSelect label="Functions or categories" data={groupOptions} value={groups} onChange={setGroups} searchable required placeholder="Choose one or more" /> : null}
              {kind === 'profile' ? <FileInput label="OSCAL profile (JSON)" accept=".json,application/json" value={profile} onChange={setProfile} required placeholder="Choose the profile file" /> : null}
            </>
          )}
          <Group grow>
            <Select label="Target for every outcome" description="Optional; change it outcome by outcome later" data={levelOptions(effectiveScale)} value={defaultTarget} onChange={setDefaultTarget} clearable placeholder="None" />
            <TextInput label="Due" type="date" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={start.isPending} disabled={!catalogue || (!copying && kind === 'groups' && groups.length === 0) || (!copying && kind === 'profile' && !profile)}>
              Start
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
