import { defineFuzzSuite } from '../support/fuzz-suite.js';

/**
 * Every route of a client (/api/clients/:clientId/…), fuzzed from its own Zod schemas by an
 * advisor (test/support/fuzz-suite.ts): no 5xx, no change on a 4xx, no JSON answer cached, no
 * reference to another client's record stored. Routes added later are covered as they come.
 */
defineFuzzSuite('every client route, fuzzed from its own schemas', (r) => r.url.startsWith('/api/clients/:clientId'));
