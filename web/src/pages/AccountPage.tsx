import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconCheck, IconCopy, IconKey, IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, fieldErrors } from '../api/client';
import { useTokens } from '../api/hooks';
import { keys } from '../api/keys';
import { useApiMutation } from '../api/mutation';
import type { ApiToken, NewApiToken, User } from '../api/types';
import { TriadTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate, fromNow } from '../components/format';
import { PageHeader } from '../components/PageHeader';
import { TableSkeleton } from '../components/Skeletons';
import { useSession } from '../layout/session';
import { MfaSection } from './account/MfaSection';
import { CalendarFeeds } from './account/CalendarFeeds';

function ProfileSection() {
  const { user } = useSession();
  const { t } = useTranslation();
  const form = useForm({ initialValues: { name: user.name }, validate: { name: (v) => (v.trim() ? null : t('account.enterName')) } });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    setValues({ name: user.name });
    resetDirty({ name: user.name });
  }, [user.name, setValues, resetDirty]);
  const save = useApiMutation({
    mutationFn: (name: string) => api.patch<User>('/api/me', { name }),
    success: t('account.nameSaved'),
    notifyError: false,
    invalidate: [keys.me()],
  });
  return (
    <Card>
      <Title order={2} fz="h3" mb="md">
        {t('account.profile')}
      </Title>
      <form onSubmit={form.onSubmit((v) => save.mutate(v.name.trim(), { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('account.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('account.email')} value={user.email} readOnly variant="filled" description={t('account.emailHelp')} />
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('account.firmRole')}
            </Text>
            <Badge>{t(`shell.firmRole.${user.firmRole}`)}</Badge>
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('account.saveName')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const activeTokens = tokens.data?.filter((tk) => tokenState(tk) === 'active').length ?? 0;
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '', revokeTokens: true },
    validate: {
      currentPassword: (v) => (v ? null : t('account.enterCurrentPassword')),
      newPassword: (v) => (v.length >= 10 ? null : t('account.atLeast10')),
      confirm: (v, values) => (v === values.newPassword ? null : t('account.passwordsDiffer')),
    },
  });
  const change = useApiMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string; revokeTokens: boolean }) => api.post<{ ok: true; tokensRevoked: number }>('/api/me/password', v),
    success: (r) => (r.tokensRevoked > 0 ? t('account.passwordChangedTokens', { count: r.tokensRevoked }) : t('account.passwordChanged')),
    notifyError: false,
    invalidate: [keys.tokens()],
    onSuccess: () => form.reset(),
  });
  return (
    <Card>
      <Title order={2} fz="h3" mb="md">
        {t('account.changePassword')}
      </Title>
      <form
        onSubmit={form.onSubmit((v) =>
          change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword, revokeTokens: v.revokeTokens }, { onError: (err) => form.setErrors(fieldErrors(err)) }),
        )}
        noValidate
      >
        <Stack gap="md">
          {change.isError ? <ErrorAlert error={change.error} /> : null}
          <PasswordInput label={t('account.currentPassword')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordInput label={t('account.newPassword')} description={t('account.atLeast10Help')} autoComplete="new-password" required {...form.getInputProps('newPassword')} />
          <PasswordInput label={t('account.repeatPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
          {activeTokens > 0 ? (
            <Checkbox label={t('account.revokeTokens', { count: activeTokens })} description={t('account.revokeTokensHelp')} {...form.getInputProps('revokeTokens', { type: 'checkbox' })} />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

type TokenState = 'revoked' | 'expired' | 'active';
const STATE_COLORS: Record<TokenState, string> = { revoked: 'gray', expired: 'gray', active: 'teal' };

function tokenState(token: ApiToken): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) < new Date()) return 'expired';
  return 'active';
}

const expiryOptions = (t: TFunction<'admin'>) => [
  { value: '30', label: t('tokens.expiry.d30') },
  { value: '90', label: t('tokens.expiry.d90') },
  { value: '365', label: t('tokens.expiry.d365') },
  { value: 'never', label: t('tokens.expiry.never') },
];

/** The new token, shown once, with a copy button. */
function NewTokenModal({ created, onClose }: { created: NewApiToken | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <Modal opened={created !== null} onClose={onClose} title={t('tokens.newTitle')} size="lg" closeOnClickOutside={false}>
      {created ? (
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('tokens.copyNow')}>
            {t('tokens.onlyOnce')}
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="new-token">
              {created.token}
            </Code>
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                  <ActionIcon variant="light" size="lg" color={copied ? 'teal' : 'triad'} onClick={copy} aria-label={copied ? t('tokens.tokenCopied') : t('tokens.copyToken')}>
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            <Trans t={t} i18nKey="tokens.useIt" values={{ prefix: created.info.prefix }} components={{ code: <Code />, cli: <Code /> }} />
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('tokens.haveCopied')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function TokensSection() {
  const { t } = useTranslation('admin');
  const tokens = useTokens();
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const form = useForm({ initialValues: { name: '', expiry: '90' }, validate: { name: (v) => (v.trim() ? null : t('tokens.nameIt')) } });
  const create = useApiMutation({
    mutationFn: (v: { name: string; expiresInDays: number | null }) => api.post<NewApiToken>('/api/me/tokens', v),
    notifyError: false,
    invalidate: [keys.tokens()],
    onSuccess: (t) => {
      setCreated(t);
      form.reset();
    },
  });
  const revoke = useApiMutation({
    mutationFn: (t: ApiToken) => api.delete<ApiToken>(`/api/me/tokens/${encodeURIComponent(t.id)}`),
    success: (token) => t('tokens.revokedToast', { name: token.name }),
    invalidate: [keys.tokens()],
  });
  const confirmRevoke = (token: ApiToken) =>
    modals.openConfirmModal({
      title: t('tokens.revokeTitle', { name: token.name }),
      children: <Text size="sm">{t('tokens.revokeText')}</Text>,
      labels: { confirm: t('tokens.revokeConfirm'), cancel: t('common.keep') },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(token),
    });

  return (
    <Card>
      <Title order={2} fz="h3">
        {t('tokens.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('tokens.intro')}
      </Text>
      <form
        onSubmit={form.onSubmit((v) =>
          create.mutate({ name: v.name.trim(), expiresInDays: v.expiry === 'never' ? null : Number(v.expiry) }, { onError: (err) => form.setErrors(fieldErrors(err)) }),
        )}
        noValidate
      >
        <Stack gap="sm" mb="lg">
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput label={t('tokens.tokenName')} placeholder={t('tokens.tokenNamePlaceholder')} required style={{ flex: '1 1 220px' }} {...form.getInputProps('name')} />
            <Select label={t('tokens.expires')} data={expiryOptions(t)} allowDeselect={false} w={160} {...form.getInputProps('expiry')} />
            <Button type="submit" loading={create.isPending} mt={25} leftSection={<IconKey size={16} />}>
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      {tokens.isPending ? <TableSkeleton rows={2} /> : null}
      {tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {tokens.isSuccess && tokens.data.length === 0 ? <EmptyState framed={false} icon={<IconKey size={22} />} title={t('tokens.noneTitle')} description={t('tokens.noneDescription')} /> : null}
      {tokens.isSuccess && tokens.data.length > 0 ? (
        <TriadTable<ApiToken>
          aria-label={t('tokens.table')} exportAs={t('tokens.table')}
          records={tokens.data}
          idAccessor="id"
          columns={[
            {
              accessor: 'name',
              title: t('common.name'),
              render: (token) => (
                <>
                  <Text size="sm" fw={600}>
                    {token.name}
                  </Text>
                  {token.parentId ? (
                    <Text size="xs" c="dimmed">
                      {t('tokens.madeWithAnother')}
                    </Text>
                  ) : null}
                </>
              ),
            },
            { accessor: 'prefix', title: t('tokens.startsWith'), render: (token) => <Code>{token.prefix}…</Code> },
            { accessor: 'createdAt', title: t('tokens.created'), render: (token) => formatDate(token.createdAt) },
            { accessor: 'lastUsedAt', title: t('tokens.lastUsed'), render: (token) => (token.lastUsedAt ? fromNow(token.lastUsedAt) : t('common.never')) },
            { accessor: 'expiresAt', title: t('tokens.expires'), render: (token) => (token.expiresAt ? formatDate(token.expiresAt) : t('common.never')) },
            {
              accessor: 'status',
              title: t('common.status'),
              render: (token) => {
                const s = tokenState(token);
                return <Badge color={STATE_COLORS[s]}>{t(`tokens.${s}`)}</Badge>;
              },
            },
            {
              accessor: 'actions',
              title: '',
              textAlign: 'right',
              render: (token) =>
                tokenState(token) === 'active' ? (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => confirmRevoke(token)} aria-label={t('tokens.revokeLabel', { name: token.name })}>
                    {t('tokens.revoke')}
                  </Button>
                ) : null,
            },
          ]}
        />
      ) : null}
      <NewTokenModal created={created} onClose={() => setCreated(null)} />
    </Card>
  );
}

/** The signed-in user's own settings: name, password, API tokens. */
export function AccountPage() {
  const { user } = useSession();
  const { t } = useTranslation();
  return (
    <>
      <PageHeader eyebrow={user.email} title={t('account.title')} description={t('account.description')} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ProfileSection />
          <PasswordSection />
        </SimpleGrid>
        <MfaSection />
        <TokensSection />
        <CalendarFeeds />
      </Stack>
    </>
  );
}

export default AccountPage;
