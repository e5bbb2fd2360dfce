import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { IconCheck, IconCopy, IconKey, IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
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
import { FIRM_ROLE_LABELS } from '../components/Roles';
import { TableSkeleton } from '../components/Skeletons';
import { useSession } from '../layout/session';
import { MfaSection } from './account/MfaSection';

function ProfileSection() {
  const { user } = useSession();
  const form = useForm({ initialValues: { name: user.name }, validate: { name: (v) => (v.trim() ? null : 'Enter your name') } });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    setValues({ name: user.name });
    resetDirty({ name: user.name });
  }, [user.name, setValues, resetDirty]);
  const save = useApiMutation({
    mutationFn: (name: string) => api.patch<User>('/api/me', { name }),
    success: 'Your name was saved.',
    notifyError: false,
    invalidate: [keys.me()],
  });
  return (
    <Card>
      <Title order={2} fz="h3" mb="md">
        Profile
      </Title>
      <form onSubmit={form.onSubmit((v) => save.mutate(v.name.trim(), { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <TextInput label="E-mail" value={user.email} readOnly variant="filled" description="What you sign in with." />
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Firm role
            </Text>
            <Badge>{FIRM_ROLE_LABELS[user.firmRole]}</Badge>
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save name
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PasswordSection() {
  const tokens = useTokens();
  const activeTokens = tokens.data?.filter((t) => tokenStatus(t).label === 'Active').length ?? 0;
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '', revokeTokens: true },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v) => (v.length >= 10 ? null : 'At least 10 characters'),
      confirm: (v, values) => (v === values.newPassword ? null : 'The two new passwords differ'),
    },
  });
  const change = useApiMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string; revokeTokens: boolean }) => api.post<{ ok: true; tokensRevoked: number }>('/api/me/password', v),
    success: (r) =>
      r.tokensRevoked > 0
        ? `Your password was changed. Your other sessions were signed out and ${r.tokensRevoked === 1 ? 'your API token was' : `your ${r.tokensRevoked} API tokens were`} revoked.`
        : 'Your password was changed. Your other sessions were signed out.',
    notifyError: false,
    invalidate: [keys.tokens()],
    onSuccess: () => form.reset(),
  });
  return (
    <Card>
      <Title order={2} fz="h3" mb="md">
        Change password
      </Title>
      <form
        onSubmit={form.onSubmit((v) =>
          change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword, revokeTokens: v.revokeTokens }, { onError: (err) => form.setErrors(fieldErrors(err)) }),
        )}
        noValidate
      >
        <Stack gap="md">
          {change.isError ? <ErrorAlert error={change.error} /> : null}
          <PasswordInput label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordInput
            label="New password"
            description="At least 10 characters, and hard to guess: a few uncommon words work well. Not your name or e-mail."
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput label="Repeat new password" autoComplete="new-password" required {...form.getInputProps('confirm')} />
          {activeTokens > 0 ? (
            <Checkbox
              label={activeTokens === 1 ? 'Also revoke my API token' : `Also revoke my ${activeTokens} API tokens`}
              description="Recommended, above all if your password may have leaked: scripts and tools using them stop working until you make new ones."
              {...form.getInputProps('revokeTokens', { type: 'checkbox' })}
            />
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function tokenStatus(t: ApiToken): { label: string; color: string } {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (t.expiresAt && new Date(t.expiresAt) < new Date()) return { label: 'Expired', color: 'gray' };
  return { label: 'Active', color: 'teal' };
}

const EXPIRY_OPTIONS = [
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'never', label: 'Never' },
];

/** The new token, shown once, with a copy button. */
function NewTokenModal({ created, onClose }: { created: NewApiToken | null; onClose: () => void }) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="Your new API token" size="lg" closeOnClickOutside={false}>
      {created ? (
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Copy it now">
            This is the only time Triad shows the token. Keep it somewhere safe, like a password manager.
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="new-token">
              {created.token}
            </Code>
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy'}>
                  <ActionIcon variant="light" size="lg" color={copied ? 'teal' : 'triad'} onClick={copy} aria-label={copied ? 'Token copied' : 'Copy token'}>
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            Use it as <Code>Authorization: Bearer {created.info.prefix}…</Code> with the API or the <Code>triad</Code> command line. It acts as you.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>I have copied it</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function TokensSection() {
  const tokens = useTokens();
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const form = useForm({ initialValues: { name: '', expiry: '90' }, validate: { name: (v) => (v.trim() ? null : 'Name the token after where it is used') } });
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
    success: (t) => `The token \u201c${t.name}\u201d was revoked.`,
    invalidate: [keys.tokens()],
  });
  const confirmRevoke = (t: ApiToken) =>
    modals.openConfirmModal({
      title: `Revoke \u201c${t.name}\u201d?`,
      children: <Text size="sm">Anything that uses this token stops working at once, and so do the tokens made with it. This cannot be undone.</Text>,
      labels: { confirm: 'Revoke token', cancel: 'Keep' },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(t),
    });

  return (
    <Card>
      <Title order={2} fz="h3">
        Personal API tokens
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        For the command line and integrations. A token acts as you, with your access.
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
            <TextInput label="Token name" placeholder="e.g. CLI on my laptop" required style={{ flex: '1 1 220px' }} {...form.getInputProps('name')} />
            <Select label="Expires" data={EXPIRY_OPTIONS} allowDeselect={false} w={160} {...form.getInputProps('expiry')} />
            <Button type="submit" loading={create.isPending} mt={25} leftSection={<IconKey size={16} />}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
      {tokens.isPending ? <TableSkeleton rows={2} /> : null}
      {tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {tokens.isSuccess && tokens.data.length === 0 ? <EmptyState framed={false} icon={<IconKey size={22} />} title="No tokens" description="Create one above when a script or tool needs to use Triad as you." /> : null}
      {tokens.isSuccess && tokens.data.length > 0 ? (
        <TriadTable<ApiToken>
          aria-label="API tokens"
          records={tokens.data}
          idAccessor="id"
          columns={[
            {
              accessor: 'name',
              title: 'Name',
              render: (t) => (
                <>
                  <Text size="sm" fw={600}>
                    {t.name}
                  </Text>
                  {t.parentId ? (
                    <Text size="xs" c="dimmed">
                      Made with another token; ends with it
                    </Text>
                  ) : null}
                </>
              ),
            },
            { accessor: 'prefix', title: 'Starts with', render: (t) => <Code>{t.prefix}…</Code> },
            { accessor: 'createdAt', title: 'Created', render: (t) => formatDate(t.createdAt) },
            { accessor: 'lastUsedAt', title: 'Last used', render: (t) => (t.lastUsedAt ? fromNow(t.lastUsedAt) : 'Never') },
            { accessor: 'expiresAt', title: 'Expires', render: (t) => (t.expiresAt ? formatDate(t.expiresAt) : 'Never') },
            {
              accessor: 'status',
              title: 'Status',
              render: (t) => {
                const s = tokenStatus(t);
                return <Badge color={s.color}>{s.label}</Badge>;
              },
            },
            {
              accessor: 'actions',
              title: '',
              textAlign: 'right',
              render: (t) =>
                tokenStatus(t).label === 'Active' ? (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => confirmRevoke(t)} aria-label={`Revoke ${t.name}`}>
                    Revoke
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
  return (
    <>
      <PageHeader eyebrow={user.email} title="Your account" description="Your name, your password, two-step sign-in and the API tokens that act as you." />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ProfileSection />
          <PasswordSection />
        </SimpleGrid>
        <MfaSection />
        <TokensSection />
      </Stack>
    </>
  );
}

export default AccountPage;
