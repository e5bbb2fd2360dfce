import type { Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { appendAudit, type AuditActor, type AuditChange } from '../modules/audit/chain.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import type { ClientsTable, FirmRole, MemberRole } from './db/platform-tables.js';
import type { DB } from './db/schema.js';
import { ClientDb } from './db/scoped.js';
import { AppError, forbidden } from './errors.js';
import { words } from './i18n/index.js';
import type { JobQueue } from './jobs/queue.js';
import type { EventBus } from './events.js';
import type { Language } from './i18n/language.js';
import type { Lifecycle } from './lifecycle.js';
import type { Metrics } from './metrics.js';
import { can, type Permission } from './policy.js';

/** What the whole server shares: built once at start-up, passed to routes, jobs and the CLI. */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  readonly jobs: JobQueue;
  readonly events: EventBus;
  readonly log: FastifyBaseLogger;
  /** Starting, migrating, ready or stopping: what the readiness probe answers. */
  readonly lifecycle: Lifecycle;
  /** Prometheus metrics, when TRIAD_METRICS=on. */
  readonly metrics: Metrics | null;
  /** Called for every audited change of a client, inside its transaction (webhooks queue their deliveries here). */
  readonly auditListeners: AuditListener[];
}

/** Sees a client's audited change in its transaction: what it queues commits, or rolls back, with the change. */
export type AuditListener = (tx: Transaction<DB>, client: ClientInfo, change: AuditChange, actor: Actor, at: Date) => Promise<void>;

/** The person (or the CLI) acting. */
export interface Actor extends AuditActor {
  firmId: string;
  firmRole: FirmRole | null;
  email: string | null;
}

export type ClientInfo = Pick<ClientsTable, 'id' | 'firm_id' | 'name' | 'sector' | 'employees' | 'annual_revenue' | 'currency'>;

/** A transaction with its audit trail: what `write` hands to a change. */
export interface Writer {
  /** Client-scoped queries inside the transaction. */
  readonly db: ClientDb;
  /** Records the change in the client's audit trail, in the same transaction. */
  audit(change: AuditChange): Promise<void>;
  /** Queues a background job that commits with the change. */
  enqueue(kind: string, payload: unknown, options?: { dedupeKey?: string; runAfter?: Date }): Promise<void>;
  /** Runs after a successful commit (notifications, wake-ups); never inside the transaction. */
  afterCommit(fn: () => void | Promise<void>): void;
  /** The time of the change, from the app's clock (for code that gets only the writer). */
  now(): Date;
  /** The raw transaction, for firm-wide tables (users) that a client change also touches. */
  readonly tx: Transaction<DB>;
}

/**
 * Everything a domain function needs to act in one client: the client, the actor and their
 * role, client-scoped reads, and `write` for changes. Domain functions take a scope as their
 * first argument and never see the HTTP request.
 */
export class ClientScope {
  readonly db: ClientDb;

  constructor(
    readonly app: AppContext,
    readonly client: ClientInfo,
    readonly actor: Actor,
    readonly role: MemberRole,
    /** The language of the answer (the request's Accept-Language: en or de); English elsewhere. */
    readonly language: Language = 'en',
  ) {
    this.db = new ClientDb(app.database.db, client.id);
  }

  get clientId(): string {
    return this.client.id;
  }

  /** The same client and actor, the server's words in `language` (what is stored or printed is made in English). */
  inLanguage(language: Language): ClientScope {
    return language === this.language ? this : new ClientScope(this.app, this.client, this.actor, this.role, language);
  }

  now(): Date {
    return this.app.clock.now();
  }

  can(permission: Permission): boolean {
    return can(this.role, permission);
  }

  /** Throws FORBIDDEN unless the actor's role has the permission. */
  require(permission: Permission, message?: string): void {
    if (!this.can(permission)) {
      if (message) throw forbidden(message);
      throw new AppError('FORBIDDEN', `Your role (${this.role}) does not allow this (${permission}).`, [], (language) => {
        const say = words(language, 'server');
        return say('error.role', { role: say(`role.${this.role}`), permission });
      });
    }
  }

  /** Runs a change in one transaction with its audit entries; rolls back on any error. */
  async write<T>(fn: (w: Writer) => Promise<T>): Promise<T> {
    const after: (() => void | Promise<void>)[] = [];
    const result = await this.app.database.db.transaction().execute(async (tx) => {
      const writer: Writer = {
        db: new ClientDb(tx, this.client.id),
        tx,
        audit: async (change) => {
          await appendAudit(tx, this.client.id, this.actor, change, this.now());
          for (const listener of this.app.auditListeners) await listener(tx, this.client, change, this.actor, this.now());
        },
        enqueue: async (kind, payload, options) => {
          await this.app.jobs.enqueueIn(tx, { kind, clientId: this.client.id, payload, ...options });
        },
        afterCommit: (f) => {
          after.push(f);
        },
        now: () => this.now(),
      };
      return fn(writer);
    });
    for (const f of after) {
      try {
        await f();
      } catch (err) {
        this.app.log.error({ err }, 'after-commit task failed');
      }
    }
    return result;
  }
}

/** A change to firm-wide records (users, tokens, clients), audited in the firm's own chain. */
export async function firmWrite<T>(app: AppContext, actor: Actor, fn: (tx: Transaction<DB>, audit: (c: AuditChange) => Promise<void>) => Promise<T>): Promise<T> {
  return app.database.db.transaction().execute(async (tx) =>
    fn(tx, async (change) => {
      await appendAudit(tx, actor.firmId, actor, change, app.clock.now());
    }),
  );
}
