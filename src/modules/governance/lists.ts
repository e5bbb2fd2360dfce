/**
 * The governance lists of the API, a page at a time (src/shared/paging.ts): decisions,
 * acceptances and concerns, newest first, each on an index `(client_id, created_at, id)`. The
 * other modules' readers (the board pack, the QBR, the tasks) read whole lists through the
 * unpaged functions of decisions.ts, acceptances.ts and concerns.ts, never a default page.
 */
import type { ClientScope } from '../../server/context.js';
import { countOf, NEWEST_FIRST, olderThan, readPage, type PageRequest } from '../../server/db/keyset-page.js';
import type { PageInfo } from '../../shared/paging.js';
import { presentAcceptances } from './acceptances.js';
import { today } from './common.js';
import { presentConcerns, type ConcernFilter } from './concerns.js';
import { presentDecisions, type DecisionFilter } from './decisions.js';
import type { AcceptanceOut, AcceptanceStatus, ConcernOut, DecisionOut } from './schema.js';

function decisionsWhere(scope: ClientScope, filter: DecisionFilter) {
  let q = scope.db.selectFrom('gov_decisions');
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.awaitingExecutive) q = q.where('status', '=', 'open').where('escalated_at', 'is not', null);
  return q;
}

/** Decision records, newest first, a page at a time. */
export async function pageDecisions(scope: ClientScope, filter: DecisionFilter, page: PageRequest): Promise<{ decisions: DecisionOut[] } & PageInfo> {
  const { rows, ...info } = await readPage(page, {
    ...NEWEST_FIRST,
    rows: (after, take) => {
      let q = decisionsWhere(scope, filter).selectAll();
      if (after) q = q.where(olderThan('gov_decisions', after));
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(take).execute();
    },
    count: async () => countOf(await decisionsWhere(scope, filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()),
  });
  return { decisions: await presentDecisions(scope, rows), ...info };
}

function acceptancesWhere(scope: ClientScope, filter: { status?: AcceptanceStatus | undefined }) {
  let q = scope.db.selectFrom('gov_acceptances');
  if (filter.status) q = q.where('status', '=', filter.status);
  return q;
}

/** Risk acceptances, newest first, a page at a time. */
export async function pageAcceptances(scope: ClientScope, filter: { status?: AcceptanceStatus | undefined }, page: PageRequest): Promise<{ acceptances: AcceptanceOut[] } & PageInfo> {
  const { rows, ...info } = await readPage(page, {
    ...NEWEST_FIRST,
    rows: (after, take) => {
      let q = acceptancesWhere(scope, filter).selectAll();
      if (after) q = q.where(olderThan('gov_acceptances', after));
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(take).execute();
    },
    count: async () => countOf(await acceptancesWhere(scope, filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()),
  });
  return { acceptances: await presentAcceptances(scope, rows), ...info };
}

/**
 * The concerns a filter matches, in SQL: a concern's state is its stored response status, except
 * that one still owed past its date is lapsed (concernState in concerns.ts says the same).
 */
function concernsWhere(scope: ClientScope, filter: ConcernFilter) {
  let q = scope.db.selectFrom('gov_concerns');
  if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.seat) q = q.where('seat', '=', filter.seat);
  if (filter.state === 'owed') q = q.where('response_status', '=', 'owed').where('respond_by', '>=', today(scope));
  else if (filter.state === 'lapsed') q = q.where('response_status', '=', 'owed').where('respond_by', '<', today(scope));
  else if (filter.state) q = q.where('response_status', '=', filter.state);
  return q;
}

/** Concerns between the seats, newest first, a page at a time. */
export async function pageConcerns(scope: ClientScope, filter: ConcernFilter, page: PageRequest): Promise<{ concerns: ConcernOut[] } & PageInfo> {
  const { rows, ...info } = await readPage(page, {
    ...NEWEST_FIRST,
    rows: (after, take) => {
      let q = concernsWhere(scope, filter).selectAll();
      if (after) q = q.where(olderThan('gov_concerns', after));
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(take).execute();
    },
    count: async () => countOf(await concernsWhere(scope, filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()),
  });
  return { concerns: await presentConcerns(scope, rows), ...info };
}
