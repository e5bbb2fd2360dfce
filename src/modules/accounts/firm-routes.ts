import type { AppContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { getSecurity, getSso, presentSso, saveSecurity, saveSso } from './firm-settings.js';
import { SecuritySettingsInput, SecuritySettingsOut, SsoSettingsInput, SsoSettingsOut } from './schema.js';
import { ssoRedirectUri } from './sso.js';

/** The firm's sign-in settings, for firm admins: single sign-on and the MFA requirement. */
export function firmSettingsRoutes(app: ZodApp, ctx: AppContext): void {
  const admin = (request: Parameters<typeof authOf>[0]) => {
    const auth = authOf(request);
    if (auth.user.firm_role !== 'admin') throw forbidden('Only firm admins change how the firm signs in.');
    return auth;
  };

  app.get('/api/firm/sso', {
    schema: { tags: ['accounts'], summary: 'The firm\'s single sign-on settings, without the client secret (firm admins)', response: { 200: SsoSettingsOut } },
  }, async (request) => {
    const auth = admin(request);
    return presentSso(await getSso(ctx, auth.user.firm_id), ssoRedirectUri(ctx, request));
  });

  app.put('/api/firm/sso', {
    schema: {
      tags: ['accounts'],
      summary: 'Set the firm\'s OpenID Connect single sign-on (firm admins)',
      body: SsoSettingsInput,
      response: { 200: SsoSettingsOut },
    },
  }, async (request) => {
    const auth = admin(request);
    return presentSso(await saveSso(ctx, auth.actor, request.body), ssoRedirectUri(ctx, request));
  });

  app.get('/api/firm/security', {
    schema: { tags: ['accounts'], summary: 'Whether the firm requires a second factor (firm admins)', response: { 200: SecuritySettingsOut } },
  }, async (request) => {
    const auth = admin(request);
    return getSecurity(ctx, auth.user.firm_id);
  });

  app.put('/api/firm/security', {
    schema: {
      tags: ['accounts'],
      summary: 'Require a second factor of the firm\'s password users, or stop requiring it (firm admins)',
      body: SecuritySettingsInput,
      response: { 200: SecuritySettingsOut },
    },
  }, async (request) => {
    const auth = admin(request);
    return saveSecurity(ctx, auth.actor, request.body);
  });
}

