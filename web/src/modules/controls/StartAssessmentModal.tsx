/** Starts an assessment: a catalogue (or part of it: groups, or an OSCAL profile), a scale, or a copy of the last completed one. */
import { Button, FileInput, Group, Modal, MultiSelect, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetailOut } from '@schema/controls';
import { SCALE_KEYS, type ScaleKey } from '@shared/controls/scales';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath, useAssessments, useCatalogueTree, useCatalogues } from './api';
import { groupTitle, levelOptions, scaleName } from './ui';

function quarterLabel(d = new Date()): string {
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
}

type ScopeKind = 'all' | 'groups' | 'profile';

export function StartAssessmentModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('controls');
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
  const shortName = catalogue?.builtin === 'nist-csf-2.0' ? 'NIST CSF 2.0' : (catalogue?.title ?? t('startModal.framework'));
  const effectiveTitle = title || t('startModal.reviewTitle', { quarter: quarterLabel(), framework: shortName });
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
            throw new Error(t('startModal.notJson', { file: profile!.name }));
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
    success: (d) => t('startModal.started', { title: d.assessment.title, count: d.assessment.outcomes }),
    invalidate: controlChangeKeys(clientId),
    onSuccess: (d) => {
      onClose();
      void navigate(href(`controls/${d.assessment.id}`));
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('startModal.title')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <Stack gap="md">
          {start.isError ? <ErrorAlert error={start.error} /> : null}
          <Select
            label={t('startModal.catalogue')}
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
            <Select label={t('startModal.version')} data={catalogue.versions.map((v) => ({ value: v.id, label: v.id === catalogue.latest.id ? t('startModal.latest', { version: v.version }) : v.version }))} value={version?.id ?? null} onChange={setVersionId} allowDeselect={false} />
          ) : null}
          {completed.length > 0 ? (
            <Select
              label={t('startModal.startFrom')}
              description={t('startModal.startFromHelp')}
              data={[{ value: '', label: t('startModal.nothingNew') }, ...completed.map((a) => ({ value: a.id, label: t('startModal.copyOf', { title: a.title }) }))]}
              value={copyFrom}
              onChange={(v) => setCopyFrom(v ?? '')}
              allowDeselect={false}
            />
          ) : null}
          <TextInput label={t('startModal.titleLabel')} placeholder={effectiveTitle} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          {copying ? (
            <Text size="sm" c="dimmed">
              {t('startModal.copyText', { title: copying.title, scale: scaleName(t, copying.scale) })}
            </Text>
          ) : (
            <>
              <Select label={t('startModal.scale')} data={SCALE_KEYS.map((k) => ({ value: k, label: scaleName(t, k) }))} value={effectiveScale} onChange={(v) => v && setScale(v)} allowDeselect={false} />
              <Radio.Group label={t('startModal.outcomes')} value={kind} onChange={(v) => setKind(v)}>
                <Stack gap={6} mt={6}>
                  <Radio value="all" label={t('startModal.all', { count: version?.counts.outcomes ?? '…' })} />
                  <Radio value="groups" label={t('startModal.groups')} />
                  <Radio value="profile" label={t('startModal.profile')} />
                </Stack>
              </Radio.Group>
              {kind === 'groups' ? <MultiSelect label={t('startModal.groupsLabel')} data={groupOptions} value={groups} onChange={setGroups} searchable required placeholder={t('startModal.chooseMore')} /> : null}
              {kind === 'profile' ? <FileInput label={t('startModal.profileLabel')} accept=".json,application/json" value={profile} onChange={setProfile} required placeholder={t('startModal.chooseProfile')} /> : null}
            </>
          )}
          <Group grow>
            <Select label={t('startModal.target')} description={t('startModal.targetHelp')} data={levelOptions(t, effectiveScale)} value={defaultTarget} onChange={setDefaultTarget} clearable placeholder={t('startModal.none')} />
            <TextInput label={t('startModal.due')} type="date" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={start.isPending} disabled={!catalogue || (!copying && kind === 'groups' && groups.length === 0) || (!copying && kind === 'profile' && !profile)}>
              {t('startModal.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
