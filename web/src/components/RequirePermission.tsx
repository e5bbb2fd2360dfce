import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentClient } from '../layout/client-context';
import { MEMBER_ROLE_LABELS } from './Roles';
import { EmptyState } from './EmptyState';

/**
 * A page only some roles can use (New scenario, New decision): anyone else who reaches it by
 * its address is told so, instead of a form the server would refuse.
 */
export function RequirePermission({ permission, back, children }: { permission: string; back: { label: string; path: string }; children: ReactNode }) {
  const { can, client, href } = useCurrentClient();
  if (can(permission)) return <>{children}</>;
  return (
    <EmptyState
      title="Not open to your role"
      description={`As ${MEMBER_ROLE_LABELS[client.role].toLowerCase()} of ${client.name} you can read this part of the workspace but not add to it here.`}
      action={
        <Anchor component={Link} to={href(back.path)}>
          {back.label}
        </Anchor>
      }
    />
  );
}
