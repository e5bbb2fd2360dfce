/**
 * The sign-in API's shapes that the web app shares: single sign-on and MFA, for a person and
 * for the firm's settings. Imports only zod, so the web app imports its types from here
 * (`@schema/accounts`).
 */
import { z } from 'zod';

/** A domain like `northbridge.example`: letters, digits and hyphens in dot-separated labels. */
const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const SsoSettingsInput = z.strictObject({
  enabled: z.boolean(),
  issuer: z.string().trim().max(500).url('must be the provider\'s issuer URL, e.g. https://login.example.com/realms/firm'),
  clientId: z.string().trim().min(1, 'is required').max(500),
  clientSecret: z.string().min(1).max(2000).optional().describe('Leave out to keep the secret already stored'),
  allowedDomains: z
    .array(z.string().trim().toLowerCase().max(253).regex(DOMAIN_RE, 'must be a domain such as example.com (no @, no scheme)'))
    .max(50)
    .describe('E-mail domains that may sign in; empty: any domain the provider vouches for'),
  passwordSignIn: z.boolean().describe('Whether the firm\'s people may still sign in with a password (firm admins always may)'),
  createUsers: z.boolean().describe('Whether a person with no account gets one on first sign-in (with no client memberships)'),
  buttonLabel: z.string().trim().min(1, 'is required').max(60),
});
export type SsoSettingsInput = z.infer<typeof SsoSettingsInput>;

export const SsoSettingsOut = z.object({
  configured: z.boolean(),
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  allowedDomains: z.array(z.string()),
  passwordSignIn: z.boolean(),
  createUsers: z.boolean(),
  buttonLabel: z.string(),
  /** What to register at the provider as the redirect (callback) URI. */
  redirectUri: z.string(),
  updatedAt: z.string().nullable(),
});
export type SsoSettingsOut = z.infer<typeof SsoSettingsOut>;

export const SecuritySettingsInput = z.strictObject({
  mfaRequired: z.boolean().describe('Password users must use a second factor (they enrol at their next sign-in)'),
});
export const SecuritySettingsOut = z.object({ mfaRequired: z.boolean(), updatedAt: z.string().nullable() });
export type SecuritySettingsOut = z.infer<typeof SecuritySettingsOut>;

/** The sign-in page's single sign-on buttons. */
export const SsoProviderOut = z.object({ firmId: z.string(), firmName: z.string(), label: z.string(), startUrl: z.string() });
export type SsoProviderOut = z.infer<typeof SsoProviderOut>;

/** The password was right; a second factor is needed (verify), or must be set up first (enrol). */
export const MfaStepOut = z.object({
  mfa: z.enum(['verify', 'enrol']),
  challenge: z.string().describe('Send it back with the code to POST /api/auth/mfa/verify (or the enrolment routes)'),
  expiresAt: z.string(),
});
export type MfaStepOut = z.infer<typeof MfaStepOut>;

export const MfaCode = z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows');
export const RecoveryCode = z.string().trim().min(8).max(40);

export const MfaVerifyInput = z
  .strictObject({ challenge: z.string().min(10).max(200), code: MfaCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), { message: 'send either code or recoveryCode', path: ['code'] });

export const MfaSetupOut = z.object({
  secret: z.string().describe('The TOTP secret (base32), for typing into an app that cannot scan'),
  otpauthUri: z.string().describe('The otpauth:// URI the QR code carries'),
});
export type MfaSetupOut = z.infer<typeof MfaSetupOut>;

export const RecoveryCodesOut = z.object({ recoveryCodes: z.array(z.string()).describe('Shown this once; each works one time') });
export type RecoveryCodesOut = z.infer<typeof RecoveryCodesOut>;

export const MfaStatusOut = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  /** The firm requires a second factor of password users. */
  required: z.boolean(),
  recoveryCodesLeft: z.number(),
  /** Whether this person signs in with a password at all (people made by single sign-on do not). */
  hasPassword: z.boolean(),
});
export type MfaStatusOut = z.infer<typeof MfaStatusOut>;

/** Proof of the second factor for changes to it: a current code, or a recovery code. */
export const MfaProofInput = z
  .strictObject({ code: MfaCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), { message: 'send either code or recoveryCode', path: ['code'] });
