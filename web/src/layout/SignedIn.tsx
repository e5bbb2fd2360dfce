// The styles of what only the signed-in app draws (date pickers, the search, tables) come with it,
// after Mantine's own (main.tsx), not with the sign-in page.
import '@mantine/dates/styles.css';
import '@mantine/spotlight/styles.css';
import 'mantine-datatable/styles.css';
import './tables.css';
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
