/** The ransomware worst-case one-pager in the web app, with its PDF and HTML. */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { clientPath } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useWorstCase } from './api';
import { BlockView } from './Blocks';
import { WorstCaseChoice } from './WorstCaseChoice';

export function WorstCaseView() {
  const { t } = useTranslation('reports');
  const { clientId } = useCurrentClient();
  const report = useWorstCase(clientId);
  if (report.isPending) return <PageSkeleton />;
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const blocks = report.data.blocks;
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Title order={2} fz="h3">
            {t('worstCase.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('worstCase.lead')}
          </Text>
        </div>
        <Group gap="sm">
          <Button variant="default" component="a" href={`${clientPath(clientId, '/reports/worst-case.pdf')}?download=1`} leftSection={<IconDownload size={16} />}>
            {t('pack.downloadPdf')}
          </Button>
          <Button variant="default" component="a" href={clientPath(clientId, '/reports/worst-case.html')} target="_blank" rel="noopener" leftSection={<IconExternalLink size={16} />}>
            {t('pack.openHtml')}
          </Button>
        </Group>
      </Group>
      <Stack gap="sm">
        <WorstCaseChoice />
        {blocks.map((b, i) => (
          <BlockView key={i} block={b} />
        ))}
      </Stack>
    </Card>
  );
}
