import { Alert, Button, Card, Code, Group, PasswordInput, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('admin');
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
      issuer: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : t('security.enterIssuer')),
      clientId: (v) => (v.trim() ? null : t('security.enterClientId')),
      clientSecret: (v) => (v || current.clientSecretSet ? null : t('security.enterSecret')),
      buttonLabel: (v) => (v.trim() ? null : t('security.nameButton')),
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
    success: (s) => (s.enabled ? t('security.ssoOn') : t('security.ssoSavedOff')),
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
        {t('security.ssoTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('security.ssoIntro')}
      </Text>
      <Alert variant="light" icon={<IconInfoCircle size={18} />} mb="md" title={t('security.register')}>
        {t('security.redirect')} <Code>{current.redirectUri}</Code>
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('security.issuer')} placeholder={t('security.issuerPlaceholder')} required {...form.getInputProps('issuer')} />
          <Group grow align="flex-start">
            <TextInput label={t('security.clientId')} required {...form.getInputProps('clientId')} />
            <PasswordInput
              label={t('security.clientSecret')}
              description={current.clientSecretSet ? t('security.secretStored') : undefined}
              autoComplete="new-password"
              required={!current.clientSecretSet}
              {...form.getInputProps('clientSecret')}
            />
          </Group>
          <TagsInput
            label={t('security.domains')}
            description={t('security.domainsHelp')}
            placeholder={t('security.domainsPlaceholder')}
            splitChars={[',', ' ']}
            {...form.getInputProps('allowedDomains')}
          />
          <TextInput label={t('security.button')} required {...form.getInputProps('buttonLabel')} />
          <Switch label={t('security.createUsers')} {...form.getInputProps('createUsers', { type: 'checkbox' })} />
          <Switch label={t('security.passwordSignIn')} {...form.getInputProps('passwordSignIn', { type: 'checkbox' })} />
          <Switch label={t('security.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('security.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function MfaRequirement({ current }: { current: SecuritySettingsOut }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const save = useApiMutation({
    mutationFn: (mfaRequired: boolean) => api.put<SecuritySettingsOut>('/api/firm/security', { mfaRequired }),
    success: (s) => (s.mfaRequired ? t('security.mfaRequired') : t('security.mfaNotRequired')),
    onSuccess: (s) => void queryClient.setQueryData(securityKey, s),
  });
  return (
    <Card>
      <Title order={2} fz="h3">
        {t('security.mfaTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('security.mfaIntro')}
      </Text>
      <Switch
        label={t('security.requireMfa')}
        checked={current.mfaRequired}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.currentTarget.checked)}
      />
    </Card>
  );
}

/** The firm's sign-in settings (firm admins): single sign-on and the two-step requirement. */
export function SecurityPage() {
  const { t } = useTranslation('admin');
  const { user, firm } = useSession();
  const isAdmin = user.firmRole === 'admin';
  const sso = useQuery({ queryKey: ssoKey, queryFn: ({ signal }) => api.get<SsoSettingsOut>('/api/firm/sso', { signal }), enabled: isAdmin });
  const security = useQuery({ queryKey: securityKey, queryFn: ({ signal }) => api.get<SecuritySettingsOut>('/api/firm/security', { signal }), enabled: isAdmin });
  if (!isAdmin) {
    return <EmptyState icon={<IconLock size={24} />} title={t('common.forAdmins')} description={t('security.adminsOnly')} />;
  }
  return (
    <>
      <PageHeader eyebrow={firm.name} title={t('security.title')} description={t('security.description')} />
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
