import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { ClientLayout } from './layout/ClientLayout';
import { ModuleRoute } from './layout/ModuleRoute';
import { RequireSession } from './layout/session';
import { clientModules } from './modules/registry';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteError } from './pages/RouteError';
import { SignInPage } from './pages/SignInPage';

// Pages load on first visit, so the sign-in page carries none of them (nor their tables).
const PortfolioPage = lazy(() => import('./pages/PortfolioPage').then((m) => ({ default: m.PortfolioPage })));
const ClientHomePage = lazy(() => import('./pages/client/ClientHomePage').then((m) => ({ default: m.ClientHomePage })));
const MembersPage = lazy(() => import('./pages/client/MembersPage'));
const AuditPage = lazy(() => import('./pages/client/AuditPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const SecurityPage = lazy(() => import('./pages/admin/SecurityPage'));
const WebhooksPage = lazy(() => import('./pages/admin/WebhooksPage'));

/**
 * The app's addresses:
 *   /login                              sign in
 *   /                                   the firm's portfolio
 *   /clients/:clientId                  the client's home
 *   /clients/:clientId/members|audit    platform pages of a client
 *   /clients/:clientId/<module path>/*  each module of modules/registry.tsx
 *   /account, /admin/users              the user's account, the firm's users
 *   /admin/security                     the firm's sign-in settings (single sign-on, two-step)
 *   /admin/webhooks                     the firm's webhooks and their delivery log
 * The server serves the app only under these top-level paths (src/shared/web-routes.ts).
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <PortfolioPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'admin/security', element: <SecurityPage /> },
          { path: 'admin/webhooks', element: <WebhooksPage /> },
          {
            path: 'clients/:clientId',
            element: <ClientLayout />,
            children: [
              { index: true, element: <ClientHomePage /> },
              { path: 'members', element: <MembersPage /> },
              { path: 'audit', element: <AuditPage /> },
              ...clientModules.map<RouteObject>((m) => ({ path: `${m.path}/*`, element: <ModuleRoute module={m} /> })),
              { path: '*', element: <NotFoundPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}

