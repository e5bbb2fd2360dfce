/**
 * The shapes the platform API answers with, as the web app reads them: taken from the typed
 * client generated from the API's OpenAPI document (clients/typescript, `npm run openapi`), so
 * the web app and the API cannot drift apart. Domain modules keep their schemas in
 * src/modules/<name>/schema.ts and the web imports their types from there with `import type`.
 */
import type { components, paths } from '../../../clients/typescript/index';

type Schemas = components['schemas'];
/** The JSON answer of an operation (200 or 201). */
type AnswerOf<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : Op extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;
/** The JSON body of an operation. */
type BodyOf<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type FirmRole = Schemas['User']['firmRole'];
export type MemberRole = Schemas['Member']['role'];

export const MEMBER_ROLES: readonly MemberRole[] = ['advisor', 'executive', 'contributor', 'viewer'];
export const FIRM_ROLES: readonly FirmRole[] = ['admin', 'advisor', 'member'];

export type User = Schemas['User'];
export type Me = Schemas['Me'];
export type Firm = Me['firm'];
export type Client = Schemas['Client'];

/**
 * What the caller may do in a client, by permission name ('client.edit', 'members.manage', …),
 * as the server's policy decides. Modules add permissions; unknown names read as false.
 */
export type Permissions = Record<string, boolean>;

export type ClientDetail = AnswerOf<paths['/api/clients/{clientId}']['get']>;
export type ClientInput = BodyOf<paths['/api/clients']['post']>;
export type ClientPatch = BodyOf<paths['/api/clients/{clientId}']['patch']>;

export type Member = Schemas['Member'];
export type MemberInput = BodyOf<paths['/api/clients/{clientId}/members']['post']>;

export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = AnswerOf<paths['/api/clients/{clientId}/audit']['get']>;
export type AuditVerification = AnswerOf<paths['/api/clients/{clientId}/audit/verify']['get']>;

export type ApiToken = Schemas['ApiToken'];
export type NewApiToken = AnswerOf<paths['/api/me/tokens']['post']>;

export type Job = Schemas['Job'];

export type NewUserInput = BodyOf<paths['/api/users']['post']>;
export type UserPatch = BodyOf<paths['/api/users/{userId}']['patch']>;
