import { createContext, useContext } from 'react';
import { useMatch } from 'react-router';
import type { Client, Permissions } from '../api/types';

export interface CurrentClient {
  clientId: string;
  client: Client;
  /** What the user may do here, as the server decides; modules check their own permissions. */
  permissions: Permissions;
  /** `can('members.manage')`: true only when the server granted it. */
  can: (permission: string) => boolean;
  /** `/clients/:clientId/<path>`, for links inside the client. */
  href: (path?: string) => string;
}

export const CurrentClientContext = createContext<CurrentClient | null>(null);

/** The client whose workspace is open; available to every page under /clients/:clientId. */
export function useCurrentClient(): CurrentClient {
  const c = useContext(CurrentClientContext);
  if (!c) throw new Error('useCurrentClient() is only available under /clients/:clientId');
  return c;
}

/** The id of the client in the address (/clients/:clientId/…), or null; for the header and navigation. */
export function useClientIdInPath(): string | null {
  const match = useMatch('/clients/:clientId/*');
  return match?.params.clientId ?? null;
}
