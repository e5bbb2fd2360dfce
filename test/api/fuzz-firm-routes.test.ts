import { defineFuzzSuite } from '../support/fuzz-suite.js';

/**
 * Every route outside a client (sign-in, accounts, the firm's views, notifications, the API's
 * own description), fuzzed from its own Zod schemas by an advisor, and the firm admins' routes
 * by a firm admin (test/support/fuzz-suite.ts). Routes added later are covered as they come.
 */
defineFuzzSuite('every route outside a client, fuzzed from its own schemas', (r) => !r.url.startsWith('/api/clients/:clientId'), { adminPass: true });
