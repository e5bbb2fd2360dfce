import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { closeAppContext, createAppContext, type ContextOptions } from '../../src/server/bootstrap.js';
import { ManualClock } from '../../src/server/clock.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import { newId } from '../../src/server/db/conventions.js';

export type TestDb = 'sqlite' | 'postgres';

/** Which database this run of the API suite uses (the api-sqlite or api-postgres project). */
export function testDb(): TestDb {
  return process.env.TRIAD_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/** A place for a fresh database: a temporary folder for SQLite, a new database for PostgreSQL. */
export interface TestStorage {
  config: Partial<Config>;
  drop(): Promise<void>;
}

export async function freshStorage(kind: TestDb = testDb()): Promise<TestStorage> {
  if (kind === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    const name = `t_${newId().replace(/-/g, '').slice(-16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      config: { databaseUrl: url.toString() },
      drop: async () => {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-test-'));
  return {
    config: { dataDir: dir, databaseUrl: undefined },
    drop: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export interface TestApp {
  ctx: AppContext;
  server: FastifyInstance;
  clock: ManualClock;
  storage: TestStorage;
  /** Stops the server but keeps the database, to start again on it (a restart). */
  stop(): Promise<void>;
  /** Stops and deletes the database. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  storage?: TestStorage;
  clock?: ManualClock;
  config?: Partial<Config>;
  /** Where the server logs (default: nowhere). */
  logger?: pino.Logger;
  /** Called after every statement the server runs (to count them). */
  onQuery?: ContextOptions['onQuery'];
}

/** The real server and database (no mocks), in process, with a clock the test controls. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const storage = options.storage ?? (await freshStorage());
  const clock = options.clock ?? new ManualClock('2026-11-26T09:00:00.000Z');
  const config = loadConfig({}, { logLevel: 'silent', jobs: false, loginAttemptsPerMinute: 10_000, loginFailuresPerAccount: 1000, simulationYears: 2000, ...storage.config, ...options.config });
  const ctx = await createAppContext(config, { clock: clock, logger: options.logger ?? pino({ level: 'silent' }), ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  const server = await buildServer(ctx, { webDir: null });
  await server.ready();
  const stop = async (): Promise<void> => {
    await server.close();
    await closeAppContext(ctx);
  };
  return { ctx, server, clock, storage, stop, close: async () => { await stop(); await storage.drop(); } };
}

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A signed-in caller (cookie session with its CSRF token, or an API token). */
export class Caller {
  constructor(
    private readonly server: FastifyInstance,
    private readonly cookie: string | null,
    private readonly csrf: string | null,
    private readonly bearer: string | null = null,
  ) {}

  async request<T = unknown>(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.server.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}) });
    let parsed: unknown = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('json')) parsed = res.body ? (JSON.parse(res.body) as unknown) : null;
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }
  /** A GET whose body is kept as bytes (files: CSV, workbooks, calendars). */
  async download(url: string): Promise<Response<Buffer>> {
    const h: Record<string, string> = {};
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.server.inject({ method: 'GET', url, headers: h });
    return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
  }
  get<T = unknown>(url: string): Promise<Response<T>> {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(url: string, body?: unknown): Promise<Response<T>> {
    return this.request<T>('POST', url, body ?? {});
  }
  patch<T = unknown>(url: string, body?: unknown): Promise<Response<T>> {
    return this.request<T>('PATCH', url, body ?? {});
  }
  put<T = unknown>(url: string, body?: unknown): Promise<Response<T>> {
    return this.request<T>('PUT', url, body ?? {});
  }
  delete<T = unknown>(url: string): Promise<Response<T>> {
    return this.request<T>('DELETE', url);
  }
}

/** Signs in through the API and returns the caller with its session cookie and CSRF token. */
export async function login(server: FastifyInstance, email: string, password: string): Promise<Caller> {
  const res = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login of ${email} failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies as { name: string; value: string }[];
  const session = cookies.find((c) => c.name === 'triad_session');
  const body = JSON.parse(res.body) as { csrfToken: string };
  return new Caller(server, `triad_session=${session?.value ?? ''}`, body.csrfToken);
}

export const anonymous = (server: FastifyInstance): Caller => new Caller(server, null, null);
export const withToken = (server: FastifyInstance, token: string): Caller => new Caller(server, null, null, token);

/** A logger whose lines the test reads: every line the server logs at `level` or above, parsed. */
export function capturedLogger<L extends { level: number; msg: string }>(level: pino.Level): { logger: pino.Logger; lines: L[] } {
  const lines: L[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as L);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
