/**
 * OpenID Connect single sign-on, per firm, with openid-client: the authorization code flow with
 * PKCE (S256), `state` and `nonce` checked. The pending sign-in (verifier, nonce, where to go
 * after) waits in `sso_requests` under the SHA-256 of its state, used once, ten minutes at most.
 * People are matched by their verified e-mail; a person with no account gets one (a plain firm
 * member with no client memberships) only when the firm allows it.
 */
import type * as Oidc from 'openid-client';
import { firmWrite, type AppContext } from '../../server/context.js';
import { fromFlag, newId, toTimestamp } from '../../server/db/conventions.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { systemActor } from '../../server/firm.js';
import { allowedDomains, getSso, isLoopbackHost } from './firm-settings.js';
import { hashSecret } from './secrets.js';
import type { FirmSsoTable } from './tables.js';
import { normaliseEmail, presentUser } from './users.js';

const REQUEST_TTL_MS = 10 * 60_000;
const DISCOVERY_TTL_MS = 10 * 60_000;
export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';
/** Users made by single sign-on have no password: this never verifies (see passwords.ts). */
export const NO_PASSWORD = '!sso';

/** A sign-in that cannot go on, with the reason the person is shown on the sign-in page. */
export class SsoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsoError';
  }
}

/** openid-client, loaded with the first single sign-on (not with the server or the CLI). */
type OidcLib = typeof Oidc;
const openidClient = (): Promise<OidcLib> => import('openid-client');

const discovered = new Map<string, { at: number; config: Promise<Oidc.Configuration> }>();

/** The provider's configuration by discovery, kept ten minutes per issuer, client and secret. */
function providerConfig(oidc: OidcLib, sso: FirmSsoTable): Promise<Oidc.Configuration> {
  const key = hashSecret(JSON.stringify([sso.issuer, sso.oidc_client_id, sso.oidc_client_secret]));
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const issuer = new URL(sso.issuer);
  // Plain HTTP only on loopback (a provider on this machine); the settings refuse it elsewhere.
  const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
  const config = oidc.discovery(issuer, sso.oidc_client_id, sso.oidc_client_secret, undefined, {
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    timeout: 10,
  });
  discovered.set(key, { at: Date.now(), config });
  config.catch(() => discovered.delete(key));
  return config;
}

/** The firms whose sign-in page offers single sign-on. */
export async function ssoProviders(app: AppContext): Promise<{ firmId: string; firmName: string; label: string }[]> {
  const rows = await app.database.db
    .selectFrom('firm_sso')
    .innerJoin('firms', 'firms.id', 'firm_sso.firm_id')
    .select(['firm_sso.firm_id', 'firms.name', 'firm_sso.button_label'])
    .where('firm_sso.enabled', '=', 1)
    .orderBy('firms.name')
    .execute();
  return rows.map((r) => ({ firmId: r.firm_id, firmName: r.name, label: r.button_label }));
}

async function enabledSso(app: AppContext, firmId: string): Promise<FirmSsoTable> {
  const sso = await getSso(app, firmId);
  if (!sso || !fromFlag(sso.enabled)) throw new SsoError('Single sign-on is not set up for this firm.');
  return sso;
}

/** Starts a sign-in: remembers verifier, nonce and state, and returns the provider's URL. */
export async function startSso(app: AppContext, firmId: string, redirectUri: string, nextPath: string): Promise<URL> {
  const sso = await enabledSso(app, firmId);
  const oidc = await openidClient();
  let config: Oidc.Configuration;
  try {
    config = await providerConfig(oidc, sso);
  } catch (err) {
    throw new SsoError(`The identity provider could not be reached (${describe(oidc, err)}).`);
  }
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = app.clock.now();
  await app.database.db.deleteFrom('sso_requests').where('expires_at', '<', toTimestamp(now)).execute();
  await app.database.db
    .insertInto('sso_requests')
    .values({
      id: hashSecret(state),
      firm_id: firmId,
      code_verifier: verifier,
      nonce,
      redirect_uri: redirectUri,
      next_path: nextPath,
      created_at: toTimestamp(now),
      expires_at: toTimestamp(new Date(now.getTime() + REQUEST_TTL_MS)),
    })
    .execute();
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
}

function describe(oidc: OidcLib, err: unknown): string {
  if (err instanceof oidc.ResponseBodyError) return err.error_description ?? err.error;
  if (err instanceof oidc.AuthorizationResponseError) return err.error_description ?? err.error;
  if (err instanceof Error) {
    // oauth4webapi names the claim that failed a comparison (nonce, iss, aud…).
    for (let cause: unknown = err.cause, depth = 0; cause && typeof cause === 'object' && depth < 4; cause = (cause as { cause?: unknown }).cause, depth++) {
      const claim = (cause as { claim?: unknown }).claim;
      if (typeof claim === 'string') return `the ID token's "${claim}" does not match this sign-in`;
    }
    return err.message;
  }
  return String(err);
}

/**
 * Finishes a sign-in at the callback: the state must be one we issued (once, in time), the
 * code is exchanged with the verifier, the ID token must carry our nonce, and the e-mail must
 * be verified and of an allowed domain. Returns the person and where they were going.
 */
export async function finishSso(app: AppContext, query: Record<string, string>, rawQuery: string): Promise<{ user: UsersTable; nextPath: string }> {
  const state = query.state;
  if (!state) throw new SsoError('The identity provider sent no state; start the sign-in again.');
  const request = await app.database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('sso_requests').selectAll().where('id', '=', hashSecret(state)).executeTakeFirst();
    // Used once: a replayed callback finds nothing.
    if (row) await tx.deleteFrom('sso_requests').where('id', '=', row.id).execute();
    return row;
  });
  if (!request) throw new SsoError('This sign-in is unknown or was already used; start it again.');
  if (request.expires_at <= toTimestamp(app.clock.now())) throw new SsoError('This sign-in took too long; start it again.');
  if (query.error) throw new SsoError(`The identity provider refused the sign-in: ${query.error_description ?? query.error}.`);
  const sso = await enabledSso(app, request.firm_id);
  const oidc = await openidClient();
  const config = await providerConfig(oidc, sso).catch((err: unknown) => {
    throw new SsoError(`The identity provider could not be reached (${describe(oidc, err)}).`);
  });
  let claims: Oidc.IDToken;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, new URL(`${request.redirect_uri}?${rawQuery}`), {
      pkceCodeVerifier: request.code_verifier,
      expectedState: state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoError('The identity provider sent no ID token.');
    claims = idClaims;
  } catch (err) {
    if (err instanceof SsoError) throw err;
    throw new SsoError(`The identity provider's answer was not accepted: ${describe(oidc, err)}.`);
  }
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : '';
  if (!email) throw new SsoError('The identity provider did not give an e-mail address (the "email" scope).');
  if (claims.email_verified !== true) throw new SsoError(`The identity provider has not verified ${email}; Triad signs in only verified addresses.`);
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const domains = allowedDomains(sso);
  if (domains.length > 0 && !domains.includes(domain)) {
    throw new SsoError(`Addresses at ${domain} may not sign in to this firm (allowed: ${domains.join(', ')}).`);
  }
  const user = await matchUser(app, sso, email, typeof claims.name === 'string' ? claims.name : null);
  return { user, nextPath: request.next_path };
}

async function matchUser(app: AppContext, sso: FirmSsoTable, email: string, name: string | null): Promise<UsersTable> {
  const found = await app.database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (found) {
    if (found.firm_id !== sso.firm_id) throw new SsoError(`${email} belongs to another firm's Triad account.`);
    if (found.disabled_at) throw new SsoError(`The account of ${email} is disabled; ask your firm's Triad administrator.`);
    return found;
  }
  if (!fromFlag(sso.create_users)) {
    throw new SsoError(`There is no Triad account for ${email}; ask your firm's Triad administrator to add you.`);
  }
  const now = toTimestamp(app.clock.now());
  const row: UsersTable = {
    id: newId(),
    firm_id: sso.firm_id,
    email,
    name: name?.trim() || email.slice(0, email.indexOf('@')),
    password_hash: NO_PASSWORD,
    firm_role: 'member',
    created_at: now,
    updated_at: now,
    disabled_at: null,
  };
  try {
    return await firmWrite(app, systemActor(sso.firm_id, `single sign-on (${sso.issuer})`), async (tx, audit) => {
      await tx.insertInto('users').values(row).execute();
      await audit({ action: 'user.create', entityType: 'user', entityId: row.id, after: { ...presentUser(row), via: 'sso' } });
      return row;
    });
  } catch (err) {
    // Two first sign-ins at once: the other one made the account.
    const again = await app.database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (again && again.firm_id === sso.firm_id) return again;
    throw err;
  }
}

/** Whether the firm lets this person sign in with a password (firm admins always may). */
export async function passwordSignInAllowed(app: AppContext, user: UsersTable): Promise<boolean> {
  if (user.firm_role === 'admin') return true;
  const sso = await getSso(app, user.firm_id);
  return !sso || !fromFlag(sso.enabled) || fromFlag(sso.password_sign_in);
}


/** The callback URL to register at the provider: TRIAD_PUBLIC_URL's, else the address the request came to. */
export function ssoRedirectUri(app: AppContext, request: { protocol: string; host: string }): string {
  const base = app.config.publicUrl ? app.config.publicUrl.replace(/\/+$/, '') : `${request.protocol}://${request.host}`;
  return `${base}${SSO_CALLBACK_PATH}`;
}
