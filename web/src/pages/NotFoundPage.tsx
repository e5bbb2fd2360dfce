import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';

export interface NotFoundPageProps {
  title?: string;
  message?: string;
}

/** Any address the app does not know, and records that are not there (or not for this user). */
export function NotFoundPage({ title = 'Page not found', message = 'There is nothing at this address. It may have moved, or the link may be mistyped.' }: NotFoundPageProps) {
  useDocumentTitle(`${title} · Triad`);
  return (
    <Center py={80}>
      <Stack align="center" gap="sm" maw={460} ta="center">
        <Text fz={56} fw={700} c="triad.2" lh={1}>
          404
        </Text>
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{message}</Text>
        <Button component={Link} to="/" mt="md">
          Back to the portfolio
        </Button>
      </Stack>
    </Center>
  );
}

export default NotFoundPage;
