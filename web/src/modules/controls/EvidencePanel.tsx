/** An outcome's evidence: links and files (kept in Triad's database, up to a size limit), added by whoever may answer it. */
import { ActionIcon, Anchor, Badge, Button, FileButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconExternalLink, IconFile, IconLink, IconPaperclip, IconTrash } from '@tabler/icons-react';
import type { AssessmentDetailOut, EvidenceOut, OutcomeOut } from '@schema/controls';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, parseActor } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath, uploadEvidence } from './api';

function size(t: TFunction<'controls'>, bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} kB` : t('evidence.bytes', { n: bytes });
}

export function EvidencePanel({ detail, outcome }: { detail: AssessmentDetailOut; outcome: OutcomeOut }) {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [tooBig, setTooBig] = useState<string | null>(null);
  const path = `/assessments/${detail.assessment.id}/outcomes/${encodeURIComponent(outcome.controlId)}`;
  const addLink = useApiMutation({
    mutationFn: () => api.post<EvidenceOut>(controlsPath(clientId, `${path}/evidence`), { title: title.trim(), url: url.trim() }),
    notifyError: false,
    success: t('evidence.linkAdded'),
    invalidate: controlChangeKeys(clientId),
    onSuccess: () => {
      setAdding(false);
      setTitle('');
      setUrl('');
    },
  });
  const addFile = useApiMutation({
    mutationFn: (file: File) => uploadEvidence(clientId, detail.assessment.id, outcome.controlId, file),
    notifyError: false,
    success: (e) => t('evidence.fileAttached', { file: e.fileName ?? t('evidence.theFile') }),
    invalidate: controlChangeKeys(clientId),
  });
  const remove = useApiMutation({
    mutationFn: (id: string) => api.delete(controlsPath(clientId, `/evidence/${id}`)),
    success: t('evidence.removed'),
    invalidate: controlChangeKeys(clientId),
  });
  const may = outcome.canAnswer;
  const limit = detail.evidenceMaxBytes;
  return (
    <Stack gap={6} aria-label={t('evidence.group', { id: outcome.controlId })} role="group">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {t('evidence.title')}
      </Text>
      {outcome.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('evidence.none')}
        </Text>
      ) : (
        outcome.evidence.map((e) => (
          <Group key={e.id} gap="xs" wrap="nowrap">
            {e.kind === 'file' ? <IconFile size={16} /> : <IconLink size={16} />}
            <Anchor href={e.kind === 'file' ? e.downloadUrl! : e.url!} target={e.kind === 'link' ? '_blank' : undefined} rel="noopener noreferrer" size="sm">
              {e.title}
              {e.kind === 'link' ? <IconExternalLink size={12} style={{ marginLeft: 4 }} /> : null}
            </Anchor>
            <Text size="xs" c="dimmed" truncate>
              {e.kind === 'file' ? `${e.fileName} · ${size(t, e.bytes)} · ` : ''}
              {parseActor(e.addedBy).name}, {formatDate(e.addedAt)}
            </Text>
            {e.carriedOver ? (
              <Badge size="xs" variant="light" color="gray">
                {t('evidence.fromLast')}
              </Badge>
            ) : null}
            {may ? (
              <ActionIcon variant="subtle" color="gray" aria-label={t('evidence.remove', { title: e.title })} onClick={() => remove.mutate(e.id)}>
                <IconTrash size={14} />
              </ActionIcon>
            ) : null}
          </Group>
        ))
      )}
      {addLink.isError ? <ErrorAlert error={addLink.error} /> : null}
      {addFile.isError ? <ErrorAlert error={addFile.error} title={t('evidence.notAttached')} /> : null}
      {tooBig ? (
        <Text size="sm" c="red" role="alert">
          {tooBig}
        </Text>
      ) : null}
      {may && adding ? (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            addLink.mutate();
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput label={t('evidence.evidenceTitle')} size="xs" required value={title} onChange={(ev) => setTitle(ev.currentTarget.value)} style={{ flex: 1 }} />
            <TextInput label={t('evidence.address')} size="xs" required value={url} onChange={(ev) => setUrl(ev.currentTarget.value)} style={{ flex: 2 }} />
            <Button type="submit" size="xs" loading={addLink.isPending}>
              {t('evidence.addLink')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setAdding(false)}>
              {t('cancel')}
            </Button>
          </Group>
        </form>
      ) : null}
      {may && !adding ? (
        <Group gap="xs">
          <Button size="xs" variant="light" leftSection={<IconLink size={14} />} onClick={() => setAdding(true)}>
            {t('evidence.addALink')}
          </Button>
          <FileButton
            onChange={(file) => {
              setTooBig(null);
              if (!file) return;
              // The server refuses it too; saying so here saves the upload.
              if (file.size > limit) setTooBig(t('evidence.tooBig', { file: file.name, size: size(t, file.size), limit: size(t, limit) }));
              else addFile.mutate(file);
            }}
          >
            {(props) => (
              <Button {...props} size="xs" variant="light" leftSection={<IconPaperclip size={14} />} loading={addFile.isPending}>
                {t('evidence.attach')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('evidence.upTo', { limit: size(t, limit) })}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}
