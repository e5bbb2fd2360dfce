import { Badge, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MfaSetupOut, MfaStatusOut, RecoveryCodesOut } from '@schema/accounts';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { MfaEnrolment, RecoveryCodes } from '../../components/MfaEnrolment';

const mfaKey = ['me', 'mfa'] as const;

/** Asks for a current code (or a recovery code) before changing the second factor. */
function ProofModal({ title, action, opened, onClose, onProof, pending, error, color }: {
  title: string;
  action: string;
  opened: boolean;
  onClose: () => void;
  onProof: (code: string) => void;
  pending: boolean;
  error: unknown;
  color?: string;
}) {
  const { t } = useTranslation('admin');
  const form = useForm({ initialValues: { code: '' }, validate: { code: (v) => (v.trim() ? null : t('mfa.enterCode')) } });
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={form.onSubmit((v) => onProof(v.code.trim()))} noValidate>
        <Stack gap="md">
          {error ? <ErrorAlert error={error} /> : null}
          <TextInput label={t('mfa.codeLabel')} autoComplete="one-time-code" required data-autofocus {...form.getInputProps('code')} error={form.errors.code ?? fieldErrors(error).code ?? fieldErrors(error).recoveryCode} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={pending}>
              {action}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const proof = (code: string) => (/^\d{6}$/.test(code) ? { code } : { recoveryCode: code });

/** Two-step sign-in on the account page: set it up with a QR code, new recovery codes, turn it off. */
export function MfaSection() {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: mfaKey, queryFn: ({ signal }) => api.get<MfaStatusOut>('/api/me/mfa', { signal }) });
  const [setup, setSetup] = useState<MfaSetupOut | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<'disable' | 'codes' | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: mfaKey });

  const begin = useApiMutation({ mutationFn: () => api.post<MfaSetupOut>('/api/me/mfa/setup'), onSuccess: (s) => setSetup(s) });
  const confirm = useApiMutation({
    mutationFn: (code: string) => api.post<RecoveryCodesOut>('/api/me/mfa/confirm', { code }),
    notifyError: false,
    onSuccess: (r) => {
      setSetup(null);
      setCodes(r.recoveryCodes);
      refresh();
    },
  });
  const disable = useApiMutation({
    mutationFn: (code: string) => api.post('/api/me/mfa/disable', proof(code)),
    notifyError: false,
    success: t('mfa.off'),
    onSuccess: () => {
      setAsking(null);
      refresh();
    },
  });
  const regenerate = useApiMutation({
    mutationFn: (code: string) => api.post<RecoveryCodesOut>('/api/me/mfa/recovery-codes', proof(code)),
    notifyError: false,
    onSuccess: (r) => {
      setAsking(null);
      setCodes(r.recoveryCodes);
      refresh();
    },
  });

  const s = status.data;
  return (
    <Card>
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h3">
          {t('mfa.title')}
        </Title>
        {s ? s.enabled ? <Badge color="teal">{t('common.on')}</Badge> : <Badge color="gray">{t('common.off')}</Badge> : null}
      </Group>
      {status.isError ? <ErrorAlert error={status.error} onRetry={() => void status.refetch()} /> : null}
      {s && !s.hasPassword ? (
        <Text size="sm" c="dimmed">
          {t('mfa.viaProvider')}
        </Text>
      ) : null}
      {s && s.hasPassword && !s.enabled && !setup ? (
        <Stack gap="sm" align="flex-start">
          <Text size="sm" c="dimmed">
            {s.required ? t('mfa.explainRequired') : t('mfa.explain')}
          </Text>
          <Button leftSection={<IconShieldLock size={16} />} onClick={() => begin.mutate()} loading={begin.isPending}>
            {t('mfa.setUp')}
          </Button>
        </Stack>
      ) : null}
      {setup ? <MfaEnrolment setup={setup} onConfirm={(code) => confirm.mutate(code)} pending={confirm.isPending} error={confirm.error} /> : null}
      {s && s.enabled ? (
        <Stack gap="sm">
          <Text size="sm">
            {t(s.required ? 'mfa.onSinceRequired' : 'mfa.onSince', { date: s.enabledAt ? formatDate(s.enabledAt) : '—', left: s.recoveryCodesLeft })}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={() => setAsking('codes')}>
              {t('mfa.newCodes')}
            </Button>
            {s.required ? null : (
              <Button variant="subtle" color="red" onClick={() => setAsking('disable')}>
                {t('mfa.turnOff')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : null}
      <ProofModal
        title={t('mfa.newCodes')}
        action={t('mfa.makeCodes')}
        opened={asking === 'codes'}
        onClose={() => setAsking(null)}
        onProof={(code) => regenerate.mutate(code)}
        pending={regenerate.isPending}
        error={regenerate.error}
      />
      <ProofModal
        title={t('mfa.turnOffTitle')}
        action={t('mfa.turnOff')}
        color="red"
        opened={asking === 'disable'}
        onClose={() => setAsking(null)}
        onProof={(code) => disable.mutate(code)}
        pending={disable.isPending}
        error={disable.error}
      />
      <Modal opened={codes !== null} onClose={() => setCodes(null)} title={t('mfa.yourCodes')} closeOnClickOutside={false} size="md">
        {codes ? <RecoveryCodes codes={codes} onDone={() => setCodes(null)} /> : null}
      </Modal>
    </Card>
  );
}
