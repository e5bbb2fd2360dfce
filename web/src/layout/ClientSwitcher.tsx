import { Select } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { isClientPagePath } from '../modules/registry';
import { useClientIdInPath } from './client-context';
import { useSession } from './session';

/**
 * Where to go when switching to another client: the same page of that client when it exists
 * there (audit → audit, risks/123 → risks), else its home page.
 */
export function switchedPath(pathname: string, toClientId: string): string {
  const rest = /^\/clients\/[^/]+\/?(.*)$/.exec(pathname)?.[1] ?? '';
  const first = rest.split('/')[0] ?? '';
  const base = `/clients/${encodeURIComponent(toClientId)}`;
  return first && isClientPagePath(first) ? `${base}/${first}` : base;
}

/** The header's client picker: type to search the user's clients, Enter to switch. */
export function ClientSwitcher() {
  const { clients } = useSession();
  const clientId = useClientIdInPath();
  const navigate = useNavigate();
  const location = useLocation();
  const { t } = useTranslation();
  const data = useMemo(() => clients.map((c) => ({ value: c.id, label: c.name })), [clients]);
  if (clients.length === 0) return null;
  return (
    <Select
      aria-label={t('shell.client')}
      placeholder={t('shell.switchClient')}
      data={data}
      value={clientId && clients.some((c) => c.id === clientId) ? clientId : null}
      onChange={(id) => {
        if (id && id !== clientId) void navigate(switchedPath(location.pathname, id));
      }}
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('shell.noClientByName')}
      leftSection={<IconBuilding size={16} stroke={1.6} />}
      w={{ base: 200, sm: 300 }}
      comboboxProps={{ shadow: 'md' }}
      maxDropdownHeight={360}
    />
  );
}
