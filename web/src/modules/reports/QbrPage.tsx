/**
 * The quarterly business review of a client: the same content as its PDF and HTML, made from the
 * records as they are now, with the buttons that download them.
 */
import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { QbrContent } from '@schema/reports';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { BlockView } from './Blocks';

function quarterKey(d: Date, offset: number): { key: string; q: number; year: number } {
  const total = d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3) + offset;
  const year = Math.floor(total / 4);
  const q = (total % 4) + 1;
  return { key: `${year}Q${q}`, q, year };
}

export default function QbrPage() {
  const { t } = useTranslation('reports');
  const { client, clientId } = useCurrentClient();
  const now = new Date();
  const choices = [-2, -1, 0, 1, 2].map((k) => quarterKey(now, k));
  const [quarter, setQuarter] = useState(choices[2]!.key);
  const qbr = useQuery({ queryKey: [...keys.client(clientId), 'qbr', quarter], queryFn: ({ signal }) => api.get<QbrContent>(clientPath(clientId, '/reports/qbr'), { signal, query: { quarter } }) });
  const file = (format: 'pdf' | 'html', download: boolean) => `${clientPath(clientId, `/reports/qbr.${format}`)}?quarter=${quarter}${download ? '&download=1' : ''}`;
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('qbr.title')}
        documentTitle={t('qbr.documentTitle', { client: client.name })}
        description={t('qbr.description')}
        actions={
          <Group gap="sm">
            <Select aria-label={t('qbr.quarter')} data={choices.map((c) => ({ value: c.key, label: t('quarter', { q: c.q, year: c.year }) }))} value={quarter} onChange={(v) => v && setQuarter(v)} allowDeselect={false} w={130} />
            <Button component="a" href={file('pdf', true)} leftSection={<IconDownload size={16} />}>
              {t('qbr.downloadPdf')}
            </Button>
            <Button variant="default" component="a" href={file('html', false)} target="_blank" rel="noopener" leftSection={<IconExternalLink size={16} />}>
              {t('qbr.openHtml')}
            </Button>
          </Group>
        }
      />
      {qbr.isPending ? <PageSkeleton /> : null}
      {qbr.isError ? <ErrorAlert error={qbr.error} onRetry={() => void qbr.refetch()} /> : null}
      {qbr.data ? (
        <Stack gap="lg">
          {qbr.data.sections.map((s) => (
            <Card key={s.key} component="section" withBorder padding="lg" aria-labelledby={`qbr-${s.key}`}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.08em' }}>
                {t('blocks.section', { n: s.number })}
              </Text>
              <Title order={2} fz="h3" id={`qbr-${s.key}`}>
                {s.title}
              </Title>
              <Text size="sm" c="dimmed" mb="md">
                {s.lead}
              </Text>
              <Stack gap="sm">
                {s.blocks.map((b, i) => (
                  <BlockView key={i} block={b} />
                ))}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
    </>
  );
}
