import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface NotFoundPageProps {
  title?: string;
  message?: string;
}

/** Any address the app does not know, and records that are not there (or not for this user). */
export function NotFoundPage({ title: givenTitle, message: givenMessage }: NotFoundPageProps) {
  const { t } = useTranslation();
  const title = givenTitle ?? t('ui.pageNotFound');
  const message = givenMessage ?? t('ui.pageNotFoundText');
  useDocumentTitle(t('ui.notFoundTitle', { title }));
  return (
    <Center py={80}>
      <Stack align="center" gap="sm" maw={460} ta="center">
        <Text fz={56} fw={700} c="triad.2" lh={1}>
          404
        </Text>
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{message}</Text>
        <Button component={Link} to="/" mt="md">
          {t('ui.backToPortfolio')}
        </Button>
      </Stack>
    </Center>
  );
}

export default NotFoundPage;
