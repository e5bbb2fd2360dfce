import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoadingTriad } from './layout/LoadingTriad';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteError } from './pages/RouteError';
import { SignInPage } from './pages/SignInPage';

/**
 * A route whose component loads on first visit. React Router loads the components of every
 * route an address matches at once (the frame, the client's layout and the page in parallel),
 * so the sign-in page carries none of them: not the signed-in frame, the module registry, nor
 * any page and its tables.
 */
function lazyRoute(load: () => Promise<{ default: ComponentType }>): RouteObject['lazy'] {
  return async () => ({ Component: (await load()).default });
}

/**
 * The app's addresses:
 *   /login                              sign in
 *   /                                   the firm's portfolio
 *   /clients/:clientId                  the client's home
 *   /clients/:clientId/members|audit    platform pages of a client
 *   /clients/:clientId/<module path>/*  each module of modules/registry.tsx (the route
 *                                       `:module/*` finds it there; an unknown path is a 404)
 *   /account, /admin/users              the user's account, the firm's users
 *   /admin/security                     the firm's sign-in settings (single sign-on, two-step)
 *   /admin/webhooks                     the firm's webhooks and their delivery log
 *   /clients, /admin                    lead to the portfolio and to the firm's users
 * The server serves the app only under these top-level paths (src/shared/web-routes.ts).
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: '/',
    // The session check and the signed-in frame (header, navigation, search, notifications).
    lazy: lazyRoute(() => import('./layout/SignedIn')),
    // While the frame's code loads on a first visit to a signed-in address.
    hydrateFallbackElement: <LoadingTriad />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: lazyRoute(() => import('./pages/PortfolioPage')) },
          { path: 'account', lazy: lazyRoute(() => import('./pages/AccountPage')) },
          { path: 'admin/users', lazy: lazyRoute(() => import('./pages/admin/UsersPage')) },
          { path: 'admin/security', lazy: lazyRoute(() => import('./pages/admin/SecurityPage')) },
          { path: 'admin/webhooks', lazy: lazyRoute(() => import('./pages/admin/WebhooksPage')) },
          // The parents of pages people reach by editing the address: where the list of them is.
          { path: 'clients', element: <Navigate to="/" replace /> },
          { path: 'admin', element: <Navigate to="/admin/users" replace /> },
          {
            path: 'clients/:clientId',
            lazy: lazyRoute(() => import('./layout/ClientLayout')),
            children: [
              { index: true, lazy: lazyRoute(() => import('./pages/client/ClientHomePage')) },
              { path: 'members', lazy: lazyRoute(() => import('./pages/client/MembersPage')) },
              { path: 'audit', lazy: lazyRoute(() => import('./pages/client/AuditPage')) },
              { path: ':module/*', lazy: lazyRoute(() => import('./layout/ModuleRoute')) },
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
