import { Alert, Box, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { MfaStepOut, SsoProviderOut } from '@schema/accounts';
import { api } from '../api/client';
import { keys } from '../api/keys';
import type { Me } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { Brand } from '../layout/Brand';
import { EnrolStep, VerifyStep } from './signin/MfaSteps';

/** Only a path inside the app, never another site (`//evil.example`). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function SignInPage() {
  useDocumentTitle('Sign in · Triad');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<MfaStepOut | null>(null);
  const sso = useQuery({
    queryKey: ['sso-providers'],
    queryFn: async () => (await api.get<{ providers: SsoProviderOut[] }>('/api/auth/sso', { redirectOn401: false })).providers,
    staleTime: 60_000,
  });
  const ssoError = params.get('sso_error');
  const next = safeNext(params.get('next'));
  const signedIn = async (me: Me) => {
    queryClient.clear();
    queryClient.setQueryData(keys.me(), me);
    await navigate(next, { replace: true });
  };
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : 'Enter your e-mail address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });
  const signIn = useMutation({
    mutationFn: (values: { email: string; password: string }) =>
      api.post<Me | MfaStepOut>('/api/auth/login', { email: values.email.trim(), password: values.password }, { redirectOn401: false }),
    onSuccess: async (result) => {
      form.setFieldValue('password', '');
      if ('mfa' in result) setStep(result);
      else await signedIn(result);
    },
    onError: () => form.setFieldValue('password', ''),
  });
  const restart = () => {
    setStep(null);
    signIn.reset();
  };

  return (
    <Center mih="100vh" bg="gray.0" px="md">
      <Stack w="100%" maw={400} gap="lg">
        <Center>
          <Brand />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {step?.mfa === 'verify' ? <VerifyStep challenge={step.challenge} onSignedIn={(me) => void signedIn(me)} onRestart={restart} /> : null}
          {step?.mfa === 'enrol' ? <EnrolStep challenge={step.challenge} onSignedIn={(me) => void signedIn(me)} /> : null}
          {step ? null : (
          <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
            <Stack gap="md">
              <Box>
                <Title order={1} fz="h2">
                  Sign in
                </Title>
                <Text size="sm" c="dimmed">
                  to your firm&rsquo;s Triad workspace
                </Text>
              </Box>
              {ssoError ? (
                <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Single sign-on did not work" role="alert">
                  {ssoError}
                </Alert>
              ) : null}
              {(sso.data ?? []).map((p) => (
                <Button key={p.firmId} component="a" href={`${p.startUrl}?next=${encodeURIComponent(next)}`} variant="default" leftSection={<IconKey size={16} />} fullWidth>
                  {p.label}
                </Button>
              ))}
              {(sso.data ?? []).length > 0 ? <Divider label="or with your password" labelPosition="center" /> : null}
              {signIn.isError ? <ErrorAlert error={signIn.error} title="Could not sign in" /> : null}
              <TextInput label="E-mail" type="email" autoComplete="username" required autoFocus {...form.getInputProps('email')} />
              <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
              <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
                Sign in
              </Button>
            </Stack>
          </form>
          )}
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          Trouble signing in? Ask your firm&rsquo;s Triad administrator.
        </Text>
      </Stack>
    </Center>
  );
}

export default SignInPage;
