import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_PAGES } from './pages.js';

/**
 * The search finds a client's pages by the titles the web app's navigation shows. The server
 * keeps its own list (it cannot import the web app), so this reads the navigation's registry and
 * checks that every module page is found under its title, path and permission.
 */
describe('the pages the search finds', () => {
  const source = readFileSync(new URL('../../../web/src/modules/registry.tsx', import.meta.url), 'utf8');
  const entries = source
    .slice(source.indexOf('export const clientModules'))
    .split(/\n\s*\{\n\s*id: '/)
    .slice(1)
    .map((block) => ({
      label: /\blabel: '((?:[^'\\]|\\.)*)'/.exec(block)?.[1]?.replace(/\\'/g, "'"),
      path: /\bpath: '([^']*)'/.exec(block)?.[1],
      permission: /\bpermission: '([^']*)'/.exec(block)?.[1] ?? 'client.read',
    }));

  it('reads every module of the navigation', () => {
    expect(entries.length).toBeGreaterThanOrEqual(10);
    for (const e of entries) {
      expect(e.label).toBeTruthy();
      expect(e.path).toBeTruthy();
    }
  });

  it('has each module page under the title, path and permission of the navigation', () => {
    for (const e of entries) {
      const page = WORKSPACE_PAGES.find((p) => p.path === e.path);
      expect(page, `the search has no page for ${e.path ?? '?'}`).toBeDefined();
      expect({ path: e.path, title: page?.title, permission: page?.permission }).toEqual({ path: e.path, title: e.label, permission: e.permission });
    }
  });
});
