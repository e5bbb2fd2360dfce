import { AppLayout } from './AppLayout';
import { RequireSession } from './session';

/**
 * Everything under `/`: the session, then the signed-in frame. The router loads this (and with
 * it the header, navigation, search, notification bell and module registry) only for a
 * signed-in address, never for the sign-in page.
 */
export default function SignedIn() {
  return (
    <RequireSession>
      <AppLayout />
    </RequireSession>
  );
}
