import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * How the server hands out the built web app: the build's brotli or gzip copy of each file as
 * the browser accepts, hashed files cached for a year, index.html revalidated on every visit.
 * The folder here is laid out as `vite build` lays out dist/web (web/vite.config.ts).
 */
let t: TestApp;
let dir: string;
const INDEX = '<!doctype html><title>Triad</title><div id="root"></div><script type="module" src="/assets/index-AbC123.js"></script>'.padEnd(2000, ' ');
const SCRIPT = `console.log(${JSON.stringify('Triad '.repeat(500))});`;

function writeWithCopies(file: string, text: string): void {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(text));
  fs.writeFileSync(`${full}.gz`, zlib.gzipSync(text));
}

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-web-assets-'));
  writeWithCopies('index.html', INDEX);
  writeWithCopies('assets/index-AbC123.js', SCRIPT);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the web app\'s files', () => {
  it('go out as the build compressed them, in the encoding the browser accepts', async () => {
    const web = await buildServer(t.ctx, { webDir: dir });
    try {
      const br = await web.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
      expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 10);

      const gz = await web.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

      const plain = await web.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(SCRIPT);

      for (const url of ['/', '/login', '/clients/abc/risks/register']) {
        const page = await web.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['content-type'], url).toMatch(/^text\/html/);
        expect(page.headers['content-encoding'], url).toBe('br');
        expect(zlib.brotliDecompressSync(page.rawPayload).toString(), url).toBe(INDEX);
      }
    } finally {
      await web.close();
    }
  });

  it('hashed files are kept a year without asking again; the page and unhashed files are revalidated', async () => {
    const web = await buildServer(t.ctx, { webDir: dir });
    try {
      const asset = await web.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br' } });
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

      for (const url of ['/', '/login', '/index.html', '/favicon.svg']) {
        const res = await web.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).toBe('no-cache');
        const etag = res.headers.etag;
        expect(etag, url).toBeTruthy();
        // An unchanged page costs the browser a 304 and no body.
        const again = await web.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br', 'if-none-match': String(etag) } });
        expect(again.statusCode, url).toBe(304);
        expect(again.body, url).toBe('');
      }

      // A file that is not there is the API's 404, not the page.
      const missing = await web.inject({ method: 'GET', url: '/assets/gone-XyZ789.js', headers: { 'accept-encoding': 'br' } });
      expect(missing.statusCode).toBe(404);
      expect((JSON.parse(missing.body) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    } finally {
      await web.close();
    }
  });
});
