/** The firm's sign-in settings: single sign-on (OpenID Connect) and whether MFA is required. */
import { firmWrite, type Actor, type AppContext } from '../../server/context.js';
import { fromFlag, fromJson, toFlag, toJson, toTimestamp } from '../../server/db/conventions.js';
import { invalid } from '../../server/errors.js';
import type { SsoSettingsInput, SsoSettingsOut } from './schema.js';
import type { FirmSsoTable } from './tables.js';

export async function getSso(app: AppContext, firmId: string): Promise<FirmSsoTable | undefined> {
  return app.database.db.selectFrom('firm_sso').selectAll().where('firm_id', '=', firmId).executeTakeFirst();
}

export function allowedDomains(row: FirmSsoTable): string[] {
  return fromJson<string[]>(row.allowed_domains, []);
}

/** Loopback addresses, where a provider may speak plain HTTP (development and tests). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export function presentSso(row: FirmSsoTable | undefined, redirectUri: string): SsoSettingsOut {
  return {
    configured: row !== undefined,
    enabled: fromFlag(row?.enabled),
    issuer: row?.issuer ?? '',
    clientId: row?.oidc_client_id ?? '',
    clientSecretSet: (row?.oidc_client_secret ?? '') !== '',
    allowedDomains: row ? allowedDomains(row) : [],
    passwordSignIn: row ? fromFlag(row.password_sign_in) : true,
    createUsers: row ? fromFlag(row.create_users) : false,
    buttonLabel: row?.button_label ?? 'Sign in with your company account',
    redirectUri,
    updatedAt: row?.updated_at ?? null,
  };
}

/** What the audit trail keeps of the settings: everything but the secret. */
function auditView(row: FirmSsoTable | undefined): Record<string, unknown> | undefined {
  if (!row) return undefined;
  const { oidc_client_secret: _secret, ...rest } = row;
  return { ...rest, allowed_domains: allowedDomains(row) };
}

export async function saveSso(app: AppContext, actor: Actor, input: SsoSettingsInput): Promise<FirmSsoTable> {
  const issuer = new URL(input.issuer);
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname))) {
    throw invalid('The issuer must be an https:// URL.', [{ path: 'body.issuer', message: 'must use https (plain http only on this machine\'s loopback address)' }]);
  }
  if (issuer.search || issuer.hash) {
    throw invalid('The issuer URL must not have a query or a fragment.', [{ path: 'body.issuer', message: 'has a query or fragment' }]);
  }
  const before = await getSso(app, actor.firmId);
  const secret = input.clientSecret ?? before?.oidc_client_secret ?? '';
  if (secret === '') {
    throw invalid('The client secret is required the first time.', [{ path: 'body.clientSecret', message: 'is required' }]);
  }
  const domains = [...new Set(input.allowedDomains)];
  if (domains.length !== input.allowedDomains.length) {
    throw invalid('A domain is listed twice.', [{ path: 'body.allowedDomains', message: 'has duplicates' }]);
  }
  const row: FirmSsoTable = {
    firm_id: actor.firmId,
    enabled: toFlag(input.enabled),
    issuer: input.issuer,
    oidc_client_id: input.clientId,
    oidc_client_secret: secret,
    allowed_domains: toJson(domains) ?? '[]',
    password_sign_in: toFlag(input.passwordSignIn),
    create_users: toFlag(input.createUsers),
    button_label: input.buttonLabel,
    updated_at: toTimestamp(app.clock.now()),
  };
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.deleteFrom('firm_sso').where('firm_id', '=', actor.firmId).execute();
    await tx.insertInto('firm_sso').values(row).execute();
    await audit({
      action: 'firm.sso_update',
      entityType: 'firm',
      entityId: actor.firmId,
      before: auditView(before),
      after: { ...auditView(row), oidc_client_secret: input.clientSecret !== undefined ? 'changed' : 'unchanged' },
    });
  });
  return row;
}

export async function mfaRequired(app: AppContext, firmId: string): Promise<boolean> {
  const row = await app.database.db.selectFrom('firm_security').select('mfa_required').where('firm_id', '=', firmId).executeTakeFirst();
  return fromFlag(row?.mfa_required);
}

export async function getSecurity(app: AppContext, firmId: string): Promise<{ mfaRequired: boolean; updatedAt: string | null }> {
  const row = await app.database.db.selectFrom('firm_security').selectAll().where('firm_id', '=', firmId).executeTakeFirst();
  return { mfaRequired: fromFlag(row?.mfa_required), updatedAt: row?.updated_at ?? null };
}

export async function saveSecurity(app: AppContext, actor: Actor, input: { mfaRequired: boolean }): Promise<{ mfaRequired: boolean; updatedAt: string }> {
  const before = await getSecurity(app, actor.firmId);
  const updatedAt = toTimestamp(app.clock.now());
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.deleteFrom('firm_security').where('firm_id', '=', actor.firmId).execute();
    await tx.insertInto('firm_security').values({ firm_id: actor.firmId, mfa_required: toFlag(input.mfaRequired), updated_at: updatedAt }).execute();
    await audit({ action: 'firm.security_update', entityType: 'firm', entityId: actor.firmId, before: { mfaRequired: before.mfaRequired }, after: { mfaRequired: input.mfaRequired } });
  });
  return { mfaRequired: input.mfaRequired, updatedAt };
}
