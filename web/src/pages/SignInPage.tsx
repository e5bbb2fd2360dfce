import { Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { keys } from '../api/keys';
import type { Me } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { Brand } from '../layout/Brand';

/** Only a path inside the app, never another site (`//evil.example`). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function SignInPage() {
  useDocumentTitle('Sign in · Triad');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : 'Enter your e-mail address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });
  const signIn = useMutation({
    mutationFn: (values: { email: string; password: string }) => api.post<Me>('/api/auth/login', { email: values.email.trim(), password: values.password }, { redirectOn401: false }),
    onSuccess: async (me) => {
      queryClient.clear();
      queryClient.setQueryData(keys.me(), me);
      await navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: () => form.setFieldValue('password', ''),
  });

  return (
    <Center mih="100vh" bg="gray.0" px="md">
      <Stack w="100%" maw={400} gap="lg">
        <Center>
          <Brand />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="md">
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
              {signIn.isError ? <ErrorAlert error={signIn.error} title="Could not sign in" /> : null}
              <TextInput label="E-mail" type="email" autoComplete="username" required autoFocus {...form.getInputProps('email')} />
              <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
              <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          Trouble signing in? Ask your firm&rsquo;s Triad administrator.
        </Text>
      </Stack>
    </Center>
  );
}

export default SignInPage;
