/**
 * "History": a link from a record's page to the audit trail filtered to that record (its kind
 * and id, as the trail records them: `risk`, `system`, `decision`…). Shown to those who may
 * read the trail.
 */
import { Button } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentClient } from '../layout/client-context';

export function HistoryLink({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t } = useTranslation();
  const { can, href } = useCurrentClient();
  if (!can('audit.read')) return null;
  const query = new URLSearchParams({ entityType, entityId });
  return (
    <Button component={Link} to={href(`audit?${query.toString()}`)} variant="default" leftSection={<IconHistory size={16} />} title={t('audit.historyHelp')}>
      {t('audit.history')}
    </Button>
  );
}
