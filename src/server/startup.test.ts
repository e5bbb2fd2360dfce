/**
 * What starting Triad loads. Every CLI command that opens the database and the server itself
 * start with the app context (bootstrap.ts); the large libraries that only some requests need
 * (workbooks, password strength, e-mail, calendars, second factors, single sign-on, OSCAL YAML,
 * metrics, PostgreSQL on a SQLite installation) are loaded when first used, so they must not
 * come in with it. Runs the build (`npm test` builds first) in a child process and lists every
 * module it loaded: through the ESM loader (a load hook) and through require (its cache).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bootstrap = join(root, 'dist/src/server/bootstrap.js');
const dir = mkdtempSync(join(tmpdir(), 'triad-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The packages (by their name under node_modules) a child process loads while running `script`. */
function packagesLoaded(script: string): Set<string> {
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(join(dir, 'loaded.txt'))}, url + '\\n'); return next(url, context); }\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  writeFileSync(join(dir, 'loaded.txt'), '');
  const out = execFileSync(
    process.execPath,
    ['--import', pathToFileURL(register).href, '--input-type=module', '-e', `${script}\nconst { createRequire } = await import('node:module');\nprocess.stdout.write(Object.keys(createRequire(import.meta.url).cache).join('\\n'));`],
    { encoding: 'utf8', env: { ...process.env, TRIAD_LOG_LEVEL: 'silent' } },
  );
  const urls = [...readFileSync(join(dir, 'loaded.txt'), 'utf8').split('\n'), ...out.split('\n')];
  const names = new Set<string>();
  for (const u of urls) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    if (m) names.add(m[1]!);
  }
  return names;
}

const LOADED_WHEN_USED = ['exceljs', 'jschardet', '@zxcvbn-ts/core', '@zxcvbn-ts/language-en', 'nodemailer', 'ics', 'otplib', 'openid-client', 'yaml', 'prom-client', 'pg', 'pg-copy-streams', 'pdfkit', 'echarts', 'piscina'];

describe.skipIf(!existsSync(bootstrap))('starting Triad', () => {
  it('loads the query layer and the modules, and none of the libraries that only some requests need', () => {
    const loaded = packagesLoaded(`await import(${JSON.stringify(pathToFileURL(bootstrap).href)});`);
    // The hook sees what the app context does load: the check below is not vacuous.
    expect(loaded).toContain('kysely');
    expect(loaded).toContain('better-sqlite3');
    expect(LOADED_WHEN_USED.filter((p) => loaded.has(p))).toEqual([]);
  });

  it('loads a library once it is used: exceljs for a workbook', () => {
    const spreadsheets = pathToFileURL(join(root, 'dist/src/server/spreadsheets.js')).href;
    const loaded = packagesLoaded(
      `const { xlsxStream } = await import(${JSON.stringify(spreadsheets)});\nconst chunks = []; for await (const c of xlsxStream('Sheet', ['a'], [[1]])) chunks.push(c);\nif (Buffer.concat(chunks).subarray(0, 2).toString() !== 'PK') throw new Error('not a workbook');`,
    );
    expect(loaded).toContain('exceljs');
  });
});
