/** How the platform's audit actions read in the trail; modules add theirs with `auditActions`. */
export const PLATFORM_AUDIT_ACTIONS: Record<string, string> = {
  'client.create': 'Created the client',
  'client.update': 'Changed the client profile',
  'client.archive': 'Archived the client',
  'client.export': 'Exported the whole client',
  'client.import': 'Imported the client from an export file',
  'member.add': 'Added a member',
  'member.update': 'Changed a member\u2019s role',
  'member.remove': 'Removed a member',
  'user.create': 'Created a user account',
  'user.update': 'Changed a user account',
  'user.password_change': 'Changed a password',
  'token.create': 'Made an API token',
  'token.revoke': 'Revoked an API token',
};
