import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: SQLite under ./data', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.sessionHours).toBe(12);
    expect(c.testHooks).toBe(false);
  });

  it('lists every wrong setting at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', TRIAD_SESSION_HOURS: 'forever', TRIAD_LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DATABASE_URL: must start with postgres/);
    expect(problems).toMatch(/TRIAD_SESSION_HOURS/);
    expect(problems).toMatch(/TRIAD_LOG_LEVEL/);
    expect((error as ConfigError).message).toMatch(/Triad cannot start/);
  });

  it('refuses settings that are wrong together, with the others', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'postgres://db/triad', TRIAD_BACKUP_DIR: '/backups', TRIAD_METRICS_TOKEN: 'a-long-enough-token', TRIAD_SHUTDOWN_SECONDS: '0' });
    } catch (err) {
      error = err;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/TRIAD_SHUTDOWN_SECONDS/);
    expect(problems).toMatch(/TRIAD_BACKUP_DIR: scheduled backups copy the embedded SQLite database; with DATABASE_URL \(PostgreSQL\) schedule pg_dump/);
    expect(problems).toMatch(/TRIAD_METRICS_TOKEN: is set but TRIAD_METRICS is not on/);
  });

  it('reads the operations settings, with defaults', () => {
    const c = loadConfig({ TRIAD_METRICS: 'on', TRIAD_BACKUP_DIR: 'backups' });
    expect(c).toMatchObject({ metrics: true, shutdownSeconds: 20, backupKeep: 7, backupEveryHours: 24 });
    expect(c.backupDir?.endsWith('/backups')).toBe(true);
  });

  it('takes TRIAD_TRUST_PROXY as a number of proxies, and refuses `true` with the fix', () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ TRIAD_TRUST_PROXY: 'false' }).trustProxyHops).toBe(0);
    expect(loadConfig({ TRIAD_TRUST_PROXY: '1' }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRIAD_TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env);
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return [];
    };
    expect(problems({ TRIAD_TRUST_PROXY: 'true' })).toEqual([
      'TRIAD_TRUST_PROXY: true would trust every address in X-Forwarded-For, which a client can write itself; set the number of proxies in front of Triad instead (1 for one TLS-terminating proxy)',
    ]);
    expect(problems({ TRIAD_TRUST_PROXY: 'yes' })).toEqual([
      'TRIAD_TRUST_PROXY: must be the number of proxies in front of Triad (0 to 99; 1 for one TLS-terminating proxy), or false',
    ]);
    expect(problems({ TRIAD_TRUST_PROXY: '-1' })).toHaveLength(1);
  });

  it('reads the sign-in limits, with defaults', () => {
    expect(loadConfig({})).toMatchObject({ loginAttemptsPerMinute: 20, loginFailuresPerAccount: 10, loginLockoutMinutes: 15 });
    expect(loadConfig({ TRIAD_LOGIN_FAILURES_PER_ACCOUNT: '5', TRIAD_LOGIN_LOCKOUT_MINUTES: '30' })).toMatchObject({ loginFailuresPerAccount: 5, loginLockoutMinutes: 30 });
  });

  it('takes the instant the test clock starts at, and refuses one that is not an instant, by name', () => {
    expect(loadConfig({ TRIAD_TEST_HOOKS: 'on', TRIAD_TEST_NOW: '2026-11-26T09:00:00.000Z' }).testNow).toBe('2026-11-26T09:00:00.000Z');
    expect(loadConfig({}).testNow).toBeUndefined();
    expect(() => loadConfig({ TRIAD_TEST_NOW: 'next Tuesday' })).toThrow(/TRIAD_TEST_NOW: must be an ISO 8601 instant/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
