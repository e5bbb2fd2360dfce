/**
 * Row types of the firm-wide sign-in tables (single sign-on and MFA settings per firm, each
 * user's second factor, pending sign-ins). None of them is client-owned.
 */
export interface FirmSsoTable {
  firm_id: string;
  /** 0/1: the "Sign in with …" button is offered and the callback accepted. */
  enabled: number;
  /** The OpenID provider's issuer URL (discovery at /.well-known/openid-configuration). */
  issuer: string;
  oidc_client_id: string;
  /** Kept to call the token endpoint; never returned by the API. */
  oidc_client_secret: string;
  /** JSON array of lower-case domains; empty: any domain. */
  allowed_domains: string;
  /** 0/1: password sign-in stays allowed for the firm's people (firm admins always keep it). */
  password_sign_in: number;
  /** 0/1: a person with a verified e-mail of an allowed domain and no account gets one. */
  create_users: number;
  button_label: string;
  updated_at: string;
}

export interface FirmSecurityTable {
  firm_id: string;
  /** 0/1: password users must have a second factor to sign in. */
  mfa_required: number;
  updated_at: string;
}

export interface UserMfaTable {
  user_id: string;
  /** The TOTP secret (base32); pending until `confirmed_at`. */
  secret: string;
  created_at: string;
  confirmed_at: string | null;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  last_step: number | null;
}

export interface UserRecoveryCodesTable {
  id: string;
  user_id: string;
  /** SHA-256 of the code; the code is shown once. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export type ChallengeKind = 'verify' | 'enrol';

/** A password that was right, waiting for the second factor (or for its enrolment). */
export interface AuthChallengesTable {
  /** SHA-256 of the challenge token handed to the browser. */
  id: string;
  user_id: string;
  kind: ChallengeKind;
  attempts: number;
  created_at: string;
  expires_at: string;
}

/** A single sign-on that went to the provider and has not come back yet. */
export interface SsoRequestsTable {
  /** SHA-256 of the `state` sent to the provider. */
  id: string;
  firm_id: string;
  code_verifier: string;
  nonce: string;
  redirect_uri: string;
  next_path: string;
  created_at: string;
  expires_at: string;
}

/**
 * A sign-in limit's count in its window: attempts from one address in the current minute, or
 * failures for one account (by e-mail, known or not) and the lock they led to. Shared by every
 * server on the database; rows past `expires_at` are deleted on a schedule.
 */
export interface SigninLimitsTable {
  key: string;
  attempts: number;
  window_started_at: string;
  locked_until: string | null;
  expires_at: string;
}

export interface AccountTables {
  firm_sso: FirmSsoTable;
  firm_security: FirmSecurityTable;
  user_mfa: UserMfaTable;
  user_recovery_codes: UserRecoveryCodesTable;
  auth_challenges: AuthChallengesTable;
  sso_requests: SsoRequestsTable;
  signin_limits: SigninLimitsTable;
}
