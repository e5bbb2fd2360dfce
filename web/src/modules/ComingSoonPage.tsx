import { Badge, Card, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useCurrentClient } from '../layout/client-context';
import { PageHeader } from '../components/PageHeader';
import { useModule } from './context';

/** What a planned module will hold, shown on its placeholder page. */
const PREVIEW: Record<string, string[]> = {
  governance: [
    'Who holds the CIO, CTO and CISO seats, in-house or outsourced, and their reporting lines',
    'Each role\u2019s charter, with the responsibilities nobody covers',
    'Decision records with each seat\u2019s position; disagreements escalate to the board',
  ],
  estate: [
    'Business services with their cost of downtime, RTO and RPO',
    'Systems and assets with warranty, end of life and replacement cost',
    'Which services depend on which systems',
  ],
  vendors: [
    'Vendors, contracts, renewals and notice periods',
    'Criticality tiers with an assessment cadence',
    'Fourth parties and concentration across systems and clients',
  ],
  data: [
    'Data sets with classification, categories and record counts',
    'Where each data set is stored and processed, and who has access',
    'Periodic access reviews: certify or revoke each grant',
  ],
  risks: [
    'Risk scenarios quantified with Open FAIR by Monte Carlo simulation',
    'The loss exceedance curve against the client\u2019s risk appetite',
    'Treatments with their cost, residual risk and return on investment',
  ],
  'board-pack': [
    'The quarterly board pack as PDF and HTML',
    'Top risks against appetite, decisions needed and disagreements',
    'A one-page worst case for the CEO',
  ],
};

/** The page of a module that is not in this workspace yet. */
export default function ComingSoonPage() {
  const entry = useModule();
  const { client } = useCurrentClient();
  const Icon = entry.icon;
  const preview = PREVIEW[entry.id] ?? [];
  return (
    <>
      <PageHeader eyebrow={client.name} title={entry.label} description={entry.description} documentTitle={`${entry.label} · ${client.name}`} />
      <Card maw={720} p="xl">
        <Stack gap="md">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon size={48} radius="md" variant="light">
              <Icon size={26} stroke={1.6} />
            </ThemeIcon>
            <div>
              <Group gap="xs">
                <Text fw={600}>{entry.label}</Text>
                <Badge color="gray">Coming soon</Badge>
              </Group>
              <Text size="sm" c="dimmed">
                This part of the workspace is coming to {client.name} soon.
              </Text>
            </div>
          </Group>
          {preview.length > 0 ? (
            <List spacing="xs" size="sm" icon={<ThemeIcon size={18} radius="xl" variant="light" color="teal"><IconCheck size={12} /></ThemeIcon>}>
              {preview.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          ) : null}
        </Stack>
      </Card>
    </>
  );
}
