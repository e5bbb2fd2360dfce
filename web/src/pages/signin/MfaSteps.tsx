import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

/** After the password: the code from the authenticator app, or a recovery code. */
export function VerifyStep({ challenge, onSignedIn, onRestart }: { challenge: string; onSignedIn: (me: Me) => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const [recovery, setRecovery] = useState(false);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (recovery ? (v.trim().length >= 8 ? null : t('mfa.recoveryInvalid')) : /^\d{6}$/.test(v.trim()) ? null : t('mfa.codeInvalid')) },
  });
  const verify = useMutation({
    mutationFn: (code: string) => api.post<Me>('/api/auth/mfa/verify', recovery ? { challenge, recoveryCode: code } : { challenge, code }, { redirectOn401: false }),
    onSuccess: onSignedIn,
    onError: () => form.setFieldValue('code', ''),
  });
  const ended = verify.error && 'message' in verify.error && /sign in with your password again/.test(verify.error.message);
  return (
    <form onSubmit={form.onSubmit((v) => verify.mutate(v.code.trim()))} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz="h2">
            {t('mfa.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {recovery ? t('mfa.enterRecovery') : t('mfa.enterAppCode')}
          </Text>
        </div>
        {verify.isError ? <ErrorAlert error={verify.error} title={t('mfa.couldNotSignIn')} /> : null}
        {ended ? (
          <Button onClick={onRestart}>{t('mfa.signInAgain')}</Button>
        ) : (
          <>
            {recovery ? (
              <TextInput key="recovery" label={t('mfa.recoveryCode')} autoComplete="off" required autoFocus {...form.getInputProps('code')} />
            ) : (
              <TextInput key="code" label={t('mfa.authCode')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required autoFocus {...form.getInputProps('code')} />
            )}
            <Button type="submit" loading={verify.isPending} fullWidth>
              {t('mfa.verify')}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setRecovery((r) => !r);
                form.reset();
              }}
            >
              {recovery ? t('mfa.useApp') : t('mfa.useRecovery')}
            </Anchor>
          </>
        )}
      </Stack>
    </form>
  );
}
