/**
 * Prometheus metrics (prom-client), when TRIAD_METRICS=on: requests by route and status with
 * their latency, the job queue, simulation times, the database's connections, and the Node
 * process's own figures. One registry per AppContext, so tests each have their own.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Kysely } from 'kysely';
import type { Database } from './db/index.js';
import type { DB } from './db/schema.js';

export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly latency: Histogram<'method' | 'route'>;
  readonly simulations: Histogram<'mode'>;

  constructor(database: Database) {
    collectDefaultMetrics({ register: this.registry, prefix: 'triad_' });
    this.requests = new Counter({
      name: 'triad_http_requests_total',
      help: 'HTTP requests answered, by method, route (the pattern, not the URL) and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'triad_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.simulations = new Histogram({
      name: 'triad_simulation_duration_seconds',
      help: 'Time of risk simulations (a client\'s register recompute), by where they ran',
      labelNames: ['mode'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [this.registry],
    });
    const db: Kysely<DB> = database.db;
    new Gauge({
      name: 'triad_jobs',
      help: 'Background jobs in the queue by status (queued: waiting to run; running) and kind',
      labelNames: ['status', 'kind'],
      registers: [this.registry],
      async collect() {
        const rows = await db
          .selectFrom('jobs')
          .select(['status', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
          .where('status', 'in', ['queued', 'running'])
          .groupBy(['status', 'kind'])
          .execute();
        this.reset();
        for (const r of rows) this.set({ status: r.status, kind: r.kind }, Number(r.n));
      },
    });
    new Gauge({
      name: 'triad_db_connections',
      help: 'Database connections by state (total, idle) and requests waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const s = database.stats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }
}
