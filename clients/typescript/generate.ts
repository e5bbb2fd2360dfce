/**
 * Generates the typed client's files from the API itself: openapi.json (the OpenAPI document a
 * fresh server describes) and schema.d.ts (its types, by openapi-typescript). `npm run
 * openapi` writes them; test/api/openapi.test.ts fails when the committed ones are stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import pino from 'pino';
import { buildServer } from '../../src/server/app.js';
import { closeAppContext, createAppContext } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';

export const CLIENT_DIR = import.meta.dirname;
export const SPEC_FILE = path.join(CLIENT_DIR, 'openapi.json');
export const TYPES_FILE = path.join(CLIENT_DIR, 'schema.d.ts');

/** The OpenAPI document of a server with the default settings, as the file holds it. */
export async function describeApi(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-openapi-'));
  const ctx = await createAppContext(loadConfig({}, { dataDir, logLevel: 'silent', jobs: false }), { logger: pino({ level: 'silent' }) });
  try {
    const app = await buildServer(ctx, { webDir: null });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return JSON.stringify(doc, null, 2) + '\n';
  } finally {
    await closeAppContext(ctx);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The TypeScript types of an OpenAPI document. */
export async function typesOf(spec: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(spec) as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return '/* Generated from openapi.json by openapi-typescript (npm run openapi); do not edit. */\n\n' + astToString(ast);
}

// `tsx clients/typescript/generate.ts` writes both files.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const spec = await describeApi();
  fs.writeFileSync(SPEC_FILE, spec);
  fs.writeFileSync(TYPES_FILE, await typesOf(spec));
  process.stdout.write(`Wrote ${path.relative(process.cwd(), SPEC_FILE)} and ${path.relative(process.cwd(), TYPES_FILE)}\n`);
}
