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

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
