import { Alert, Button, Card, Code, Group, PasswordInput, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { SecuritySettingsOut, SsoSettingsInput, SsoSettingsOut } from '@schema/accounts';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/Skeletons';
import { useSession } from '../../layout/session';

const ssoKey = ['firm', 'sso'] as const;
const securityKey = ['firm', 'security'] as const;

function SsoSection({ current }: { current: SsoSettingsOut }) {
  const queryClient = useQueryClient();
  const initial = {
    enabled: current.enabled,
    issuer: current.issuer,
    clientId: current.clientId,
    clientSecret: '',
    allowedDomains: current.allowedDomains,
    passwordSignIn: current.passwordSignIn,
    createUsers: current.createUsers,
    buttonLabel: current.buttonLabel,
  };
  const form = useForm({
    initialValues: initial,
    validate: {
      issuer: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : 'Enter the provider\u2019s issuer URL'),
      clientId: (v) => (v.trim() ? null : 'Enter the client id the provider gave Triad'),
      clientSecret: (v) => (v || current.clientSecretSet ? null : 'Enter the client secret'),
      buttonLabel: (v) => (v.trim() ? null : 'Name the button'),
    },
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    setValues(initial);
    resetDirty(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the saved settings change, not on every render
  }, [current.updatedAt]);
  const save = useApiMutation({
    mutationFn: (body: SsoSettingsInput) => api.put<SsoSettingsOut>('/api/firm/sso', body),
    success: (s) => (s.enabled ? 'Single sign-on is on.' : 'Single sign-on settings saved (off).'),
    notifyError: false,
    onSuccess: (s) => void queryClient.setQueryData(ssoKey, s),
  });
  const submit = form.onSubmit((v) => {
    const body: SsoSettingsInput = {
      enabled: v.enabled,
      issuer: v.issuer.trim(),
      clientId: v.clientId.trim(),
      allowedDomains: v.allowedDomains,
      passwordSignIn: v.passwordSignIn,
      createUsers: v.createUsers,
      buttonLabel: v.buttonLabel.trim(),
      ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}),
    };
    save.mutate(body, { onError: (err) => form.setErrors(fieldErrors(err)) });
  });
  return (
    <Card>
      <Title order={2} fz="h3">
        Single sign-on (OpenID Connect)
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Your people sign in with your identity provider (Microsoft Entra ID, Google, Okta, Keycloak…). Triad matches them by their verified e-mail.
      </Text>
      <Alert variant="light" icon={<IconInfoCircle size={18} />} mb="md" title="Register Triad at your provider">
        As a web application with this redirect URI: <Code>{current.redirectUri}</Code>
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label="Issuer URL" placeholder="https://login.microsoftonline.com/<tenant>/v2.0" required {...form.getInputProps('issuer')} />
          <Group grow align="flex-start">
            <TextInput label="Client id" required {...form.getInputProps('clientId')} />
            <PasswordInput
              label="Client secret"
              description={current.clientSecretSet ? 'Stored; leave empty to keep it.' : undefined}
              autoComplete="new-password"
              required={!current.clientSecretSet}
              {...form.getInputProps('clientSecret')}
            />
          </Group>
          <TagsInput
            label="Allowed e-mail domains"
            description="Only addresses at these domains may sign in. Leave empty for any address your provider vouches for."
            placeholder="example.com, then Enter"
            splitChars={[',', ' ']}
            {...form.getInputProps('allowedDomains')}
          />
          <TextInput label="Button on the sign-in page" required {...form.getInputProps('buttonLabel')} />
          <Switch label="Create an account on first sign-in (with no client access until someone grants it)" {...form.getInputProps('createUsers', { type: 'checkbox' })} />
          <Switch label="People may still sign in with a password (firm admins always may)" {...form.getInputProps('passwordSignIn', { type: 'checkbox' })} />
          <Switch label="Single sign-on is on" {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save single sign-on
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function MfaRequirement({ current }: { current: SecuritySettingsOut }) {
  const queryClient = useQueryClient();
  const save = useApiMutation({
    mutationFn: (mfaRequired: boolean) => api.put<SecuritySettingsOut>('/api/firm/security', { mfaRequired }),
    success: (s) => (s.mfaRequired ? 'Two-step sign-in is now required for password users.' : 'Two-step sign-in is no longer required.'),
    onSuccess: (s) => void queryClient.setQueryData(securityKey, s),
  });
  return (
    <Card>
      <Title order={2} fz="h3">
        Two-step sign-in
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        When required, people who sign in with a password set up an authenticator app at their next sign-in. Sessions already open run to their end; personal API tokens are not affected.
      </Text>
      <Switch
        label="Require two-step sign-in for password users"
        checked={current.mfaRequired}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.currentTarget.checked)}
      />
    </Card>
  );
}

/** The firm's sign-in settings (firm admins): single sign-on and the two-step requirement. */
export function SecurityPage() {
  const { user, firm } = useSession();
  const isAdmin = user.firmRole === 'admin';
  const sso = useQuery({ queryKey: ssoKey, queryFn: ({ signal }) => api.get<SsoSettingsOut>('/api/firm/sso', { signal }), enabled: isAdmin });
  const security = useQuery({ queryKey: securityKey, queryFn: ({ signal }) => api.get<SecuritySettingsOut>('/api/firm/security', { signal }), enabled: isAdmin });
  if (!isAdmin) {
    return <EmptyState icon={<IconLock size={24} />} title="For firm admins" description="Only your firm's administrators change how people sign in." />;
  }
  return (
    <>
      <PageHeader eyebrow={firm.name} title="Sign-in and security" description="How your firm's people sign in to Triad." />
      <Stack gap="lg">
        {sso.isError ? <ErrorAlert error={sso.error} onRetry={() => void sso.refetch()} /> : null}
        {security.isError ? <ErrorAlert error={security.error} onRetry={() => void security.refetch()} /> : null}
        {sso.isPending || security.isPending ? <TableSkeleton rows={4} /> : null}
        {security.data ? <MfaRequirement current={security.data} /> : null}
        {sso.data ? <SsoSection current={sso.data} /> : null}
      </Stack>
    </>
  );
}

export default SecurityPage;
