/** An outcome's evidence: links and files (kept in Triad's database, up to a size limit), added by whoever may answer it. */
import { ActionIcon, Anchor, Badge, Button, FileButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconExternalLink, IconFile, IconLink, IconPaperclip, IconTrash } from '@tabler/icons-react';
import type { AssessmentDetailOut, EvidenceOut, OutcomeOut } from '@schema/controls';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, parseActor } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { controlChangeKeys, controlsPath, uploadEvidence } from './api';

function size(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} kB` : `${bytes} bytes`;
}

export function EvidencePanel({ detail, outcome }: { detail: AssessmentDetailOut; outcome: OutcomeOut }) {
  const { clientId } = useCurrentClient();
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [tooBig, setTooBig] = useState<string | null>(null);
  const path = `/assessments/${detail.assessment.id}/outcomes/${encodeURIComponent(outcome.controlId)}`;
  const addLink = useApiMutation({
    mutationFn: () => api.post<EvidenceOut>(controlsPath(clientId, `${path}/evidence`), { title: title.trim(), url: url.trim() }),
    notifyError: false,
    success: 'Link added as evidence.',
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
    success: (e) => `${e.fileName ?? 'The file'} attached as evidence.`,
    invalidate: controlChangeKeys(clientId),
  });
  const remove = useApiMutation({
    mutationFn: (id: string) => api.delete(controlsPath(clientId, `/evidence/${id}`)),
    success: 'Evidence removed.',
    invalidate: controlChangeKeys(clientId),
  });
  const may = outcome.canAnswer;
  const limit = detail.evidenceMaxBytes;
  return (
    <Stack gap={6} aria-label={`Evidence for ${outcome.controlId}`} role="group">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        Evidence
      </Text>
      {outcome.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet.
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
              {e.kind === 'file' ? `${e.fileName} · ${size(e.bytes)} · ` : ''}
              {parseActor(e.addedBy).name}, {formatDate(e.addedAt)}
            </Text>
            {e.carriedOver ? (
              <Badge size="xs" variant="light" color="gray">
                from the last assessment
              </Badge>
            ) : null}
            {may ? (
              <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${e.title}`} onClick={() => remove.mutate(e.id)}>
                <IconTrash size={14} />
              </ActionIcon>
            ) : null}
          </Group>
        ))
      )}
      {addLink.isError ? <ErrorAlert error={addLink.error} /> : null}
      {addFile.isError ? <ErrorAlert error={addFile.error} title="The file was not attached" /> : null}
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
            <TextInput label="Evidence title" size="xs" required value={title} onChange={(ev) => setTitle(ev.currentTarget.value)} style={{ flex: 1 }} />
            <TextInput label="Address (https://…)" size="xs" required value={url} onChange={(ev) => setUrl(ev.currentTarget.value)} style={{ flex: 2 }} />
            <Button type="submit" size="xs" loading={addLink.isPending}>
              Add link
            </Button>
            <Button size="xs" variant="default" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </Group>
        </form>
      ) : null}
      {may && !adding ? (
        <Group gap="xs">
          <Button size="xs" variant="light" leftSection={<IconLink size={14} />} onClick={() => setAdding(true)}>
            Add a link
          </Button>
          <FileButton
            onChange={(file) => {
              setTooBig(null);
              if (!file) return;
              // The server refuses it too; saying so here saves the upload.
              if (file.size > limit) setTooBig(`${file.name} is ${size(file.size)}; evidence files may be at most ${size(limit)}. Link to it instead.`);
              else addFile.mutate(file);
            }}
          >
            {(props) => (
              <Button {...props} size="xs" variant="light" leftSection={<IconPaperclip size={14} />} loading={addFile.isPending}>
                Attach a file
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            up to {size(limit)}
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}
