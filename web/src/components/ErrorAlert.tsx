import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
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

function defaultTitle(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong';
  switch (error.code) {
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
      return 'Please check the form';
    case 'NOT_FOUND':
      return 'Not found';
    case 'FORBIDDEN':
      return 'Not allowed';
    case 'CONFLICT':
      return 'That clashes with what is there';
    case 'RATE_LIMITED':
      return 'Too many attempts';
    case 'NETWORK':
      return 'No connection';
    case 'UNAUTHENTICATED':
      return 'Not signed in';
    default:
      return 'Something went wrong';
  }
}

/** An API error for people: the message, each detail (field and problem), and a retry. */
export function ErrorAlert({ error, title, onRetry, mb, mt }: ErrorAlertProps) {
  const details = isApiError(error) ? error.details : [];
  const requestId = isApiError(error) && error.status >= 500 ? error.requestId : null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title ?? defaultTitle(error)} role="alert" mb={mb} mt={mt}>
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
          Reference for support: {requestId}
        </Text>
      ) : null}
      {onRetry ? (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
