import { Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage';

/**
 * What shows when a page throws while rendering, or its code cannot be loaded (typically after a
 * new release: the old page files are gone, and a reload fetches the new ones).
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const message = error instanceof Error ? error.message : String(error);
  const stale = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(message);
  return (
    <Center py={80} px="md">
      <Stack align="center" gap="sm" maw={520} ta="center">
        <Title order={1}>{stale ? t('ui.updated') : t('ui.crashed')}</Title>
        <Text c="dimmed">
          {stale ? t('ui.updatedText') : t('ui.crashedText')}
        </Text>
        {!stale ? <Code block maw="100%">{message}</Code> : null}
        <Button onClick={() => window.location.reload()} mt="md">
          {t('ui.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
