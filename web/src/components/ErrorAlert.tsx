import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../api/client';

export interface ErrorAlertProps {
  error: unknown;
  /** Defaults to a title that fits the error (not found, no access, could not save…). */
  title?: string;
  /** Shows a "Try again" button. */
  onRetry?: () => void;
  mb?: string | number;
  mt?: string | number;
}

function defaultTitle(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('ui.error.generic');
  switch (error.code) {
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
      return t('ui.error.checkForm');
    case 'NOT_FOUND':
      return t('ui.error.notFound');
    case 'FORBIDDEN':
      return t('ui.error.notAllowed');
    case 'CONFLICT':
      return t('ui.error.conflict');
    case 'RATE_LIMITED':
      return t('ui.error.rateLimited');
    case 'NETWORK':
      return t('ui.error.network');
    case 'UNAUTHENTICATED':
      return t('ui.error.unauthenticated');
    default:
      return t('ui.error.generic');
  }
}

/** An API error for people: the message, each detail (field and problem), and a retry. */
export function ErrorAlert({ error, title, onRetry, mb, mt }: ErrorAlertProps) {
  const { t } = useTranslation();
  const details = isApiError(error) ? error.details : [];
  const requestId = isApiError(error) && error.status >= 500 ? error.requestId : null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title ?? defaultTitle(t, error)} role="alert" mb={mb} mt={mt}>
      <Text size="sm">{errorMessage(error)}</Text>
      {details.length > 0 ? (
        <List size="sm" mt="xs" spacing={2}>
          {details.map((d, i) => (
            <List.Item key={`${d.path}-${i}`}>
              {d.path ? <Text span fw={600} size="sm">{d.path.replace(/^body\./, '')}: </Text> : null}
              {d.message}
            </List.Item>
          ))}
        </List>
      ) : null}
      {requestId ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('ui.error.reference', { id: requestId })}
        </Text>
      ) : null}
      {onRetry ? (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('ui.error.retry')}
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
