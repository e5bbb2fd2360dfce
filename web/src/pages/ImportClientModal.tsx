import { Alert, Button, FileInput, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { ImportReport } from '@schema/transfer';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('portfolio');
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [name, setName] = useState('');

  const read = async (): Promise<unknown> => {
    if (!file) throw new ApiError(400, 'VALIDATION_FAILED', t('importModal.chooseFirst'));
    try {
      return JSON.parse(await file.text()) as unknown;
    } catch (err) {
      throw new ApiError(400, 'VALIDATION_FAILED', t('importModal.notJson'), [{ path: file.name, message: err instanceof Error ? err.message : String(err) }]);
    }
  };
  const check = useApiMutation({
    mutationFn: async () => api.post<ImportReport>('/api/clients/import', await read(), { query: { dryRun: 'true', name: name.trim() } }),
    notifyError: false,
    onSuccess: (r) => setChecked(r),
  });
  const run = useApiMutation({
    mutationFn: async () => api.post<ImportReport>('/api/clients/import', await read(), { query: { name: name.trim() } }),
    success: (r) => t('importModal.imported', { name: r.client.name }),
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
    <Modal opened={opened} onClose={close} title={t('importModal.title')} size="lg">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          <Trans t={t} i18nKey="importModal.intro" components={{ strong: <strong /> }} />
        </Text>
        <FileInput
          label={t('importModal.file')}
          placeholder={t('importModal.filePlaceholder')}
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
          label={t('importModal.name')}
          description={t('importModal.nameHelp')}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setChecked(null);
          }}
        />
        {error ? <ErrorAlert error={error} /> : null}
        {checked ? (
          <Alert color="teal" title={t('importModal.ready', { name: checked.client.name })} data-testid="import-check">
            <Stack gap={4}>
              <Text size="sm">
                {t('importModal.summary', { records: formatNumber(checked.totalRows), entries: formatNumber(checked.audit.entries), firm: checked.source.firm, date: checked.source.exportedAt.slice(0, 10) })}
              </Text>
              {!checked.client.keptId ? <Text size="sm">{t('importModal.newId')}</Text> : null}
              {invited.length > 0 ? (
                <>
                  <Text size="sm">{t('importModal.invited')}</Text>
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
            {t('importModal.cancel')}
          </Button>
          {checked ? (
            <Button leftSection={<IconFileImport size={16} />} loading={run.isPending} onClick={() => run.mutate()}>
              {t('importModal.import')}
            </Button>
          ) : (
            <Button disabled={!file} loading={check.isPending} onClick={() => check.mutate()}>
              {t('importModal.check')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
