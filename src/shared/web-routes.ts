/**
 * The web app's top-level addresses (web/src/router.tsx). The server answers a GET for one of
 * them, or below it, with the app's page; any other unknown path is a plain 404, never the
 * app's HTML, so that a probe of /healthz or /metrics is not fooled.
 */
export const WEB_APP_ROOTS = ['/login', '/account', '/admin', '/clients'] as const;

export function isWebAppPath(pathname: string): boolean {
  return pathname === '/' || WEB_APP_ROOTS.some((root) => pathname === root || pathname.startsWith(`${root}/`));
}
