import { Alert, Box, Button, Center, Divider, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { MfaStepOut, SsoProviderOut } from '@schema/accounts';
import { api, forgetAnswers } from '../api/client';
import { keys } from '../api/keys';
import type { Me } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { Brand } from '../layout/Brand';
import { Preferences } from '../layout/Preferences';
import { VerifyStep } from './signin/MfaSteps';

// Setting up two-step sign-in (with its QR code) loads only when the firm asks for it, after the password.
const EnrolStep = lazy(() => import('./signin/EnrolStep'));

/** Only a path inside the app, never another site (`//evil.example`). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('signIn.documentTitle'));
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
    forgetAnswers();
    queryClient.setQueryData(keys.me(), me);
    await navigate(next, { replace: true });
  };
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('signIn.enterEmail')),
      password: (v) => (v ? null : t('signIn.enterPassword')),
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
    <Center mih="100vh" bg="var(--triad-canvas)" px="md" pos="relative">
      <Box pos="absolute" top={12} right={12}>
        <Preferences />
      </Box>
      <Stack w="100%" maw={400} gap="lg">
        <Center>
          <Brand />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {step?.mfa === 'verify' ? <VerifyStep challenge={step.challenge} onSignedIn={(me) => void signedIn(me)} onRestart={restart} /> : null}
          {step?.mfa === 'enrol' ? (
            <Suspense
              fallback={
                <Center py="xl">
                  <Loader size="sm" type="dots" />
                </Center>
              }
            >
              <EnrolStep challenge={step.challenge} onSignedIn={(me) => void signedIn(me)} />
            </Suspense>
          ) : null}
          {step ? null : (
          <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
            <Stack gap="md">
              <Box>
                <Title order={1} fz="h2">
                  {t('signIn.title')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('signIn.subtitle')}
                </Text>
              </Box>
              {ssoError ? (
                <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('signIn.ssoFailed')} role="alert">
                  {ssoError}
                </Alert>
              ) : null}
              {(sso.data ?? []).map((p) => (
                <Button key={p.firmId} component="a" href={`${p.startUrl}?next=${encodeURIComponent(next)}`} variant="default" leftSection={<IconKey size={16} />} fullWidth>
                  {p.label}
                </Button>
              ))}
              {(sso.data ?? []).length > 0 ? <Divider label={t('signIn.orWithPassword')} labelPosition="center" /> : null}
              {signIn.isError ? <ErrorAlert error={signIn.error} title={t('signIn.couldNotSignIn')} /> : null}
              <TextInput label={t('signIn.email')} type="email" autoComplete="username" required autoFocus {...form.getInputProps('email')} />
              <PasswordInput label={t('signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
              <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
                {t('signIn.submit')}
              </Button>
            </Stack>
          </form>
          )}
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          {t('signIn.trouble')}
        </Text>
      </Stack>
    </Center>
  );
}

export default SignInPage;
