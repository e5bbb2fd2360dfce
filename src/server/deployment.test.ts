import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

/**
 * The container files stay in step with what CI runs: no container engine runs where the tests
 * do, so the image's build must be the script CI runs (.ci/run: scripts/package.sh, then
 * scripts/smoke-package.sh serves the result and runs the image's health check).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('the container image', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('is built by the packaging script that CI runs, on Node 22, in two stages', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^node:22-[\w.-]+ AS build/);
    expect(stages[0]).toMatch(/^RUN bash scripts\/package\.sh \/app$/m);
    expect(stages[1]).toMatch(/^node:22-/);
    expect(stages[1]).toMatch(/^COPY --from=build \/app \/app$/m);
    const ci = read('.ci/run');
    expect(ci).toMatch(/^bash scripts\/package\.sh "\$pkg\/app"$/m);
    expect(ci).toMatch(/^bash scripts\/smoke-package\.sh "\$pkg\/app"$/m);
    // CI's smoke test runs the very health check the image declares.
    expect(read('scripts/smoke-package.sh')).toContain('node "$APP/bin/healthcheck.js"');
  });

  it('runs as a non-root user with a data volume, a health check and Triad\'s serve command', () => {
    const runtime = stages[1]!;
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(runtime).toMatch(/TRIAD_DATA_DIR=\/data/);
    expect(runtime).toMatch(/^HEALTHCHECK .*CMD \["node", "\/app\/bin\/healthcheck\.js"\]$/m);
    expect(fs.existsSync(path.join(ROOT, 'bin/healthcheck.js'))).toBe(true);
    expect(runtime).toMatch(/^CMD \["node", "\/app\/bin\/triad\.js", "serve", "--host", "0\.0\.0\.0", "--port", "3000"\]$/m);
  });

  it('leaves the checkout\'s own files out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', 'data', '.git']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = YAML.parse(read('compose.yaml')) as {
    services: Record<string, { image?: string; build?: string; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string>; healthcheck?: unknown; stop_grace_period?: string; volumes?: string[] }>;
  };

  it('runs Triad on PostgreSQL, started once the database is healthy', () => {
    const { db, triad } = compose.services;
    expect(db?.image).toMatch(/^postgres:\d+/);
    expect(db?.healthcheck).toBeTruthy();
    expect(triad?.build).toBe('.');
    expect(triad?.depends_on?.db?.condition).toBe('service_healthy');
    expect(triad?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/triad:\$\{POSTGRES_PASSWORD\}@db:5432\/triad$/);
    expect(triad?.volumes).toContain('triad-data:/data');
  });

  it('gives Triad longer to stop than its own shutdown deadline', () => {
    const { triad } = compose.services;
    const grace = Number(/^(\d+)s$/.exec(triad?.stop_grace_period ?? '')?.[1]);
    expect(grace).toBeGreaterThan(Number(triad?.environment?.TRIAD_SHUTDOWN_SECONDS));
  });
});
