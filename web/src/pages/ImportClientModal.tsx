import { Alert, Button, FileInput, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { ImportReport } from '@schema/transfer';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import { keys } from '../api/keys';
import { useApiMutation } from '../api/mutation';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatNumber } from '../components/format';

/**
 * Imports a whole-client export file into the firm (firm admins): a dry run first shows what
 * would be created, then the import writes it all or nothing and opens the client.
 */
export function ImportClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [name, setName] = useState('');

  const read = async (): Promise<unknown> => {
    if (!file) throw new ApiError(400, 'VALIDATION_FAILED', 'Choose an export file first.');
    try {
      return JSON.parse(await file.text()) as unknown;
    } catch (err) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'The file is not valid JSON.', [{ path: file.name, message: err instanceof Error ? err.message : String(err) }]);
    }
  };
  const check = useApiMutation({
    mutationFn: async () => api.post<ImportReport>('/api/clients/import', await read(), { query: { dryRun: 'true', name: name.trim() } }),
    notifyError: false,
    onSuccess: (r) => setChecked(r),
  });
  const run = useApiMutation({
    mutationFn: async () => api.post<ImportReport>('/api/clients/import', await read(), { query: { name: name.trim() } }),
    success: (r) => `${r.client.name} was imported.`,
    notifyError: false,
    invalidate: [keys.clients(), keys.me()],
    onSuccess: async (r) => {
      close();
      await navigate(`/clients/${encodeURIComponent(r.client.id)}`);
    },
  });
  const close = (): void => {
    setFile(null);
    setChecked(null);
    setName('');
    check.reset();
    run.reset();
    onClose();
  };
  const error = check.error ?? run.error;
  const invited = checked?.people.filter((p) => p.action === 'invited') ?? [];

  return (
    <Modal opened={opened} onClose={close} title="Import a client" size="lg">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A file from <strong>Export client</strong> on any Triad server. Everything in it is checked first (its digest, its audit trail), then
          written all at once, or not at all.
        </Text>
        <FileInput
          label="Export file"
          placeholder="client.triad.json"
          accept="application/json,.json"
          value={file}
          onChange={(f) => {
            setFile(f);
            setChecked(null);
                    check.reset();
            run.reset();
          }}
        />
        <TextInput
          label="Name in this firm"
          description="Optional: by default the client keeps the name in the file"
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setChecked(null);
          }}
        />
        {error ? <ErrorAlert error={error} /> : null}
        {checked ? (
          <Alert color="teal" title={`Ready to import ${checked.client.name}`} data-testid="import-check">
            <Stack gap={4}>
              <Text size="sm">
                {formatNumber(checked.totalRows)} records and {formatNumber(checked.audit.entries)} audit entries (the trail verifies), exported by{' '}
                {checked.source.firm} on {checked.source.exportedAt.slice(0, 10)}.
              </Text>
              {!checked.client.keptId ? <Text size="sm">The client gets a new id: the one in the file is taken here.</Text> : null}
              {invited.length > 0 ? (
                <>
                  <Text size="sm">These people are not in your firm yet and will be invited, without a password:</Text>
                  <List size="sm">
                    {invited.map((p) => (
                      <List.Item key={p.email}>
                        {p.name} &lt;{p.email}&gt;{p.role ? ` (${p.role})` : ''}
                      </List.Item>
                    ))}
                  </List>
                </>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          {checked ? (
            <Button leftSection={<IconFileImport size={16} />} loading={run.isPending} onClick={() => run.mutate()}>
              Import
            </Button>
          ) : (
            <Button disabled={!file} loading={check.isPending} onClick={() => check.mutate()}>
              Check file
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
