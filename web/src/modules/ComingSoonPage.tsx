import { Badge, Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentClient } from '../layout/client-context';
import { PageHeader } from '../components/PageHeader';
import { useModule } from './context';

/** The page of a module that is not in this workspace yet (a `planned(...)` entry of registry.tsx). */
export default function ComingSoonPage() {
  const { t } = useTranslation();
  const entry = useModule();
  const { client } = useCurrentClient();
  const Icon = entry.icon;
  const label = t(`shell.modules.${entry.id}`, { defaultValue: entry.label });
  return (
    <>
      <PageHeader eyebrow={client.name} title={label} description={entry.description} documentTitle={`${label} · ${client.name}`} />
      <Card maw={720} p="xl">
        <Stack gap="md">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon size={48} radius="md" variant="light">
              <Icon size={26} stroke={1.6} />
            </ThemeIcon>
            <div>
              <Group gap="xs">
                <Text fw={600}>{label}</Text>
                <Badge color="gray">{t('common.soon')}</Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {t('common.comingTo', { client: client.name })}
              </Text>
            </div>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
