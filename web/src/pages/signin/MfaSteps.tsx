import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

/** After the password: the code from the authenticator app, or a recovery code. */
export function VerifyStep({ challenge, onSignedIn, onRestart }: { challenge: string; onSignedIn: (me: Me) => void; onRestart: () => void }) {
  const [recovery, setRecovery] = useState(false);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (recovery ? (v.trim().length >= 8 ? null : 'Enter one of your recovery codes') : /^\d{6}$/.test(v.trim()) ? null : 'Enter the 6 digits your app shows') },
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
            Two-step sign-in
          </Title>
          <Text size="sm" c="dimmed">
            {recovery ? 'Enter one of the recovery codes you saved. Each works once.' : 'Enter the code your authenticator app shows for Triad.'}
          </Text>
        </div>
        {verify.isError ? <ErrorAlert error={verify.error} title="Could not sign in" /> : null}
        {ended ? (
          <Button onClick={onRestart}>Sign in again</Button>
        ) : (
          <>
            {recovery ? (
              <TextInput key="recovery" label="Recovery code" autoComplete="off" required autoFocus {...form.getInputProps('code')} />
            ) : (
              <TextInput key="code" label="Authentication code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required autoFocus {...form.getInputProps('code')} />
            )}
            <Button type="submit" loading={verify.isPending} fullWidth>
              Verify
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
              {recovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
            </Anchor>
          </>
        )}
      </Stack>
    </form>
  );
}
