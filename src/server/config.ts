import path from 'node:path';
import { z } from 'zod';

/**
 * Triad's settings, read from the environment once at start-up. A wrong setting stops the
 * process with a readable list of every problem, not the first one.
 */
const EnvSchema = z.object({
  TRIAD_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  TRIAD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // How many proxies stand in front of Triad: the client's address is the one the outermost of
  // them saw, read from X-Forwarded-For counting from the right. `true` once meant "trust every
  // address in the header", which lets a client choose its own; it is refused with the fix.
  TRIAD_TRUST_PROXY: z
    .string()
    .refine((v) => v !== 'true', 'true would trust every address in X-Forwarded-For, which a client can write itself; set the number of proxies in front of Triad instead (1 for one TLS-terminating proxy)')
    .refine((v) => v === 'true' || v === 'false' || /^(0|[1-9]\d?)$/.test(v), 'must be the number of proxies in front of Triad (0 to 99; 1 for one TLS-terminating proxy), or false')
    .default('false'),
  TRIAD_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  TRIAD_BODY_LIMIT: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  TRIAD_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  TRIAD_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(3).max(1000).default(10),
  TRIAD_LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  TRIAD_JOBS: z.enum(['on', 'off']).default('on'),
  TRIAD_SIM_YEARS: z.coerce.number().int().min(1000).max(1_000_000).default(20_000),
  TRIAD_SIM_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  SMTP_URL: z.string().url('must be a URL such as smtp://user:pass@host:587').optional(),
  SMTP_FROM: z.string().min(3).default('Triad <triad@localhost>'),
  TRIAD_PUBLIC_URL: z.string().url().optional(),
  TRIAD_TEST_HOOKS: z.enum(['on', 'off']).default('off'),
  // With the test hooks on: the instant the movable clock starts at (else now), so that a test's
  // `triad` process sees the same time as the app the test seeded its data with.
  TRIAD_TEST_NOW: z.string().datetime({ message: 'must be an ISO 8601 instant such as 2026-11-26T09:00:00.000Z' }).optional(),
  TRIAD_EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  // The Ed25519 key that signs audit checkpoints (a PEM file kept outside the database).
  TRIAD_AUDIT_KEY: z.string().min(1).optional(),
  TRIAD_METRICS: z.enum(['on', 'off']).default('off'),
  TRIAD_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TRIAD_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  TRIAD_BACKUP_DIR: z.string().min(1).optional(),
  TRIAD_BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  TRIAD_BACKUP_EVERY_HOURS: z.coerce.number().min(0.01).max(24 * 7).default(24),
}).superRefine((e, issues) => {
  // Settings that are each fine but wrong together.
  if (e.TRIAD_BACKUP_DIR && e.DATABASE_URL) {
    issues.addIssue({ code: 'custom', path: ['TRIAD_BACKUP_DIR'], message: 'scheduled backups copy the embedded SQLite database; with DATABASE_URL (PostgreSQL) schedule pg_dump instead (see README, Backups)' });
  }
  if (e.TRIAD_METRICS_TOKEN && e.TRIAD_METRICS !== 'on') {
    issues.addIssue({ code: 'custom', path: ['TRIAD_METRICS_TOKEN'], message: 'is set but TRIAD_METRICS is not on' });
  }
});

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['TRIAD_LOG_LEVEL'];
  /** Proxies in front of Triad whose X-Forwarded-For entries are trusted (0: none, the socket's address is the client's). */
  trustProxyHops: number;
  sessionHours: number;
  bodyLimit: number;
  /** Sign-in attempts (any step, any account) from one client address per minute. */
  loginAttemptsPerMinute: number;
  /** Failed sign-ins for one account, from any address, that lock it for `loginLockoutMinutes`. */
  loginFailuresPerAccount: number;
  loginLockoutMinutes: number;
  jobs: boolean;
  simulationYears: number;
  simulationThreads: number | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  publicUrl: string | undefined;
  /** Only for end-to-end tests: a movable clock and routes to move it and run due jobs. */
  testHooks: boolean;
  /** With the test hooks: the instant the clock starts at (TRIAD_TEST_NOW), else now. */
  testNow?: string | undefined;
  /** The file of the key that signs audit checkpoints (TRIAD_AUDIT_KEY); unsigned without one. */
  auditKeyFile: string | undefined;
  /** Prometheus metrics at /metrics. */
  metrics: boolean;
  /** When set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** How long a stopping server finishes what it is doing before it exits anyway. */
  shutdownSeconds: number;
  /** Where the server writes scheduled SQLite backups; unset: none. */
  backupDir: string | undefined;
  backupKeep: number;
  backupEveryHours: number;
  /** The largest evidence file an assessment accepts, in bytes. */
  evidenceMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Triad cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // Empty variables count as unset, so `DATABASE_URL= triad serve` means SQLite.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.TRIAD_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.TRIAD_LOG_LEVEL,
    trustProxyHops: e.TRIAD_TRUST_PROXY === 'false' ? 0 : Number(e.TRIAD_TRUST_PROXY),
    sessionHours: e.TRIAD_SESSION_HOURS,
    bodyLimit: e.TRIAD_BODY_LIMIT,
    loginAttemptsPerMinute: e.TRIAD_LOGIN_ATTEMPTS_PER_MINUTE,
    loginFailuresPerAccount: e.TRIAD_LOGIN_FAILURES_PER_ACCOUNT,
    loginLockoutMinutes: e.TRIAD_LOGIN_LOCKOUT_MINUTES,
    jobs: e.TRIAD_JOBS === 'on',
    simulationYears: e.TRIAD_SIM_YEARS,
    simulationThreads: e.TRIAD_SIM_THREADS,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    publicUrl: e.TRIAD_PUBLIC_URL,
    testHooks: e.TRIAD_TEST_HOOKS === 'on',
    testNow: e.TRIAD_TEST_NOW,
    auditKeyFile: e.TRIAD_AUDIT_KEY ? path.resolve(e.TRIAD_AUDIT_KEY) : undefined,
    metrics: e.TRIAD_METRICS === 'on',
    metricsToken: e.TRIAD_METRICS_TOKEN,
    shutdownSeconds: e.TRIAD_SHUTDOWN_SECONDS,
    backupDir: e.TRIAD_BACKUP_DIR ? path.resolve(e.TRIAD_BACKUP_DIR) : undefined,
    backupKeep: e.TRIAD_BACKUP_KEEP,
    backupEveryHours: e.TRIAD_BACKUP_EVERY_HOURS,
    evidenceMaxBytes: e.TRIAD_EVIDENCE_MAX_BYTES,
    ...overrides,
  };
}
