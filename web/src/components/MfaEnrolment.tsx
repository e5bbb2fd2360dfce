import { Alert, Button, Code, CopyButton, Group, List, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import type { MfaSetupOut } from '@schema/accounts';
import { fieldErrors } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/** Groups a base32 secret in fours, for typing it into an app by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Setting up an authenticator app: the QR code (otpauth:// URI), the secret for apps that
 * cannot scan, and the first code to confirm it.
 */
export function MfaEnrolment({ setup, onConfirm, pending, error }: { setup: MfaSetupOut; onConfirm: (code: string) => void; pending: boolean; error: unknown }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { code: '' }, validate: { code: (v) => (/^\d{6}$/.test(v.trim()) ? null : t('mfa.sixDigits')) } });
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Paper withBorder p="sm" radius="md" style={{ justifySelf: 'center' }}>
          <QRCodeSVG value={setup.otpauthUri} size={184} marginSize={2} title={t('mfa.qr')} role="img" aria-label={t('mfa.qr')} />
        </Paper>
        <Stack gap="xs">
          <Text size="sm">
            {t('mfa.scan')}
          </Text>
          <Text size="sm">{t('mfa.cannotScan')}</Text>
          <Group gap="xs" wrap="nowrap">
            <Code data-testid="mfa-secret" style={{ wordBreak: 'break-all' }}>
              {grouped(setup.secret)}
            </Code>
            <CopyButton value={setup.secret}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="subtle" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}>
                  {copied ? t('mfa.copied') : t('mfa.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm">{t('mfa.enterCode')}</Text>
        </Stack>
      </SimpleGrid>
      <form onSubmit={form.onSubmit((v) => onConfirm(v.code.trim()))} noValidate>
        <Stack gap="sm">
          {error ? <ErrorAlert error={error} /> : null}
          <Group align="flex-start" gap="sm">
            <TextInput
              label={t('mfa.codeFromApp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              w={180}
              {...form.getInputProps('code')}
              error={form.errors.code ?? fieldErrors(error).code}
            />
            <Button type="submit" loading={pending} mt={25}>
              {t('mfa.turnOn')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The recovery codes, shown once, with a way to copy them all. */
export function RecoveryCodes({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('mfa.saveCodes')}>
        {t('mfa.saveCodesText')}
      </Alert>
      <List spacing={4} styles={{ item: { fontFamily: 'var(--mantine-font-family-monospace)' } }} aria-label={t('mfa.recoveryCodes')} listStyleType="none">
        {codes.map((c) => (
          <List.Item key={c}>{c}</List.Item>
        ))}
      </List>
      <Group justify="space-between">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
              {copied ? t('mfa.copied') : t('mfa.copyAll')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{doneLabel ?? t('mfa.saved')}</Button>
      </Group>
    </Stack>
  );
}
