import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentClient } from '../layout/client-context';
import { EmptyState } from './EmptyState';

/**
 * A page only some roles can use (New scenario, New decision): anyone else who reaches it by
 * its address is told so, instead of a form the server would refuse.
 */
export function RequirePermission({ permission, back, children }: { permission: string; back: { label: string; path: string }; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { can, client, href } = useCurrentClient();
  if (can(permission)) return <>{children}</>;
  return (
    <EmptyState
      title={t('ui.notOpen')}
      // English speaks of a role in lower case ("As executive of …"); German keeps its noun's capital.
      description={t('ui.notOpenText', { role: i18n.resolvedLanguage === 'de' ? t(`roles.member.${client.role}`) : t(`roles.member.${client.role}`).toLowerCase(), client: client.name })}
      action={
        <Anchor component={Link} to={href(back.path)}>
          {back.label}
        </Anchor>
      }
    />
  );
}
