import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR, describeApi, SPEC_FILE, TYPES_FILE, typesOf } from '../../clients/typescript/generate.js';

/**
 * The OpenAPI document people build on: every operation named once (operationId), the error
 * body a component, public routes marked, uploads with a request body, tags described; the
 * typed client in clients/typescript generated from it and current; a program type-checked
 * against that client.
 */

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Doc {
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

let spec: string;
let doc: Doc;
const operations = (): [string, string, Operation][] => Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => [m, p, op] as [string, string, Operation]));

beforeAll(async () => {
  spec = await describeApi();
  doc = JSON.parse(spec) as Doc;
});
afterAll(() => undefined);

describe('the OpenAPI document', () => {
  it('names every operation once, with a stable operationId derived from its method and path', () => {
    const ids = operations().map(([, , op]) => op.operationId);
    expect(ids.length).toBeGreaterThan(200);
    expect(ids.filter((id) => !id)).toEqual([]);
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id!, (seen.get(id!) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    expect(doc.paths['/api/clients/{clientId}/estate/systems/{systemId}']!.get!.operationId).toBe('getClientEstateSystemsBySystemId');
    expect(doc.paths['/api/clients']!.post!.operationId).toBe('createClients');
  });

  it('has the error body once, as a component every operation refers to', () => {
    expect(doc.components.schemas.Error).toBeDefined();
    for (const [m, p, op] of operations()) {
      const content = Object.values(op.responses['4XX']?.content ?? {});
      expect(content.length, `${m} ${p}`).toBeGreaterThan(0);
      for (const c of content) expect(c.schema, `${m} ${p}`).toEqual({ $ref: '#/components/schemas/Error' });
    }
    // The error codes are listed once, in the component.
    expect(spec.match(/"UNSUPPORTED_MEDIA_TYPE"/g)).toHaveLength(1);
    for (const name of ['User', 'Me', 'Client', 'Member', 'AuditEntry', 'ApiToken', 'Job', 'System', 'ImportReport']) expect(doc.components.schemas[name], name).toBeDefined();
  });

  it('marks public routes, documents uploads, describes its tags and names its server', () => {
    expect(doc.paths['/api/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/health/live']!.get!.security).toEqual([]);
    expect(doc.paths['/api/me']!.get!.security).toEqual([{ session: [] }, { token: [] }]);
    const upload = doc.paths['/api/clients/{clientId}/estate/import/{kind}']!.post!;
    expect(Object.keys(upload.requestBody!.content)).toEqual(expect.arrayContaining(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']));
    const used = new Set(operations().flatMap(([, , op]) => op.tags ?? []));
    expect(doc.tags!.map((t) => t.name).sort()).toEqual([...used].sort());
    for (const t of doc.tags!) expect(t.description, t.name).toMatch(/\w/);
    expect(doc.servers).toEqual([{ url: '/', description: 'This Triad server' }]);
  });
});

describe('the typed client', () => {
  it('is generated from the current document (run `npm run openapi` when this fails)', async () => {
    expect(fs.readFileSync(SPEC_FILE, 'utf8') === spec, 'clients/typescript/openapi.json is stale: run npm run openapi').toBe(true);
    expect(fs.readFileSync(TYPES_FILE, 'utf8') === (await typesOf(spec)), 'clients/typescript/schema.d.ts is stale: run npm run openapi').toBe(true);
  });

  it('type-checks a program written against it, and refuses one that calls the API wrongly', () => {
    const tsc = path.resolve('node_modules/typescript/bin/tsc');
    const ok = spawnSync(process.execPath, [tsc, '-p', path.join(CLIENT_DIR, 'tsconfig.json')], { encoding: 'utf8' });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    // The same program with a query parameter of the wrong type and a field the answer does not have.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-client-'));
    try {
      const wrong = fs.readFileSync(path.join(CLIENT_DIR, 'example.ts'), 'utf8').replace('limit: 500', "limit: 'all'").replace('s.warrantyEnd >= today', 's.warrantyEnds >= today');
      fs.writeFileSync(path.join(CLIENT_DIR, '.wrong-example.ts'), wrong);
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(CLIENT_DIR, 'tsconfig.json'), files: [path.join(CLIENT_DIR, '.wrong-example.ts')] }));
      const bad = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/'string' is not assignable to type 'number'/);
      expect(bad.stdout).toMatch(/warrantyEnds/);
    } finally {
      fs.rmSync(path.join(CLIENT_DIR, '.wrong-example.ts'), { force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
