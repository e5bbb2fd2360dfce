// OSCAL catalogue import: `triad catalog import FILE` as a whole process on a fresh SQLite
// database, for a generated catalogue the size of SP 800-53 rev5 (20 families, 1,200 controls and
// enhancements with parameters, statement items and guidance) in JSON and in YAML, and the same
// file again (nothing changes). Options: --rounds N (default 3), --controls N (default 1,200).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, measure, median, printTable, repoRoot } from '../lib.mjs';

export const description = 'OSCAL catalogue import of 1,200 controls (JSON and YAML): time and peak memory of the CLI';

/** An SP 800-53-like catalogue: families of controls, each with two enhancements, parameters, items and guidance. */
function catalogue(total) {
  const perFamily = Math.ceil(total / 3 / 20);
  let made = 0;
  const groups = [];
  for (let g = 0; g < 20 && made < total; g++) {
    const controls = [];
    for (let c = 1; c <= perFamily && made < total; c++) {
      const id = `f${g}-${c}`;
      made += 1;
      const enhancements = [];
      for (let e = 1; e <= 2 && made < total; e++, made++) {
        enhancements.push({ id: `${id}.${e}`, class: 'enhancement', title: `Enhancement ${e} of ${id}`, props: [{ name: 'label', value: `F${g}-${c}(${e})` }], parts: [{ id: `${id}.${e}_smt`, name: 'statement', prose: `Employ {{ insert: param, ${id}_prm_1 }} to support ${id}.` }] });
      }
      controls.push({
        id,
        class: 'control',
        title: `Control ${c} of family ${g}`,
        params: [
          { id: `${id}_prm_1`, label: 'automated mechanisms' },
          { id: `${id}_prm_2`, select: { 'how-many': 'one-or-more', choice: ['organization-level', 'mission/business process-level', 'system-level'] } },
        ],
        props: [{ name: 'label', value: `F${g}-${c}` }, { name: 'sort-id', value: `f${String(g).padStart(2, '0')}-${String(c).padStart(3, '0')}` }],
        parts: [
          {
            id: `${id}_smt`,
            name: 'statement',
            parts: [
              { id: `${id}_smt.a`, name: 'item', props: [{ name: 'label', value: 'a.' }], prose: `Develop and document a {{ insert: param, ${id}_prm_2 }} policy that addresses purpose, scope, roles and responsibilities;` },
              { id: `${id}_smt.b`, name: 'item', props: [{ name: 'label', value: 'b.' }], prose: 'Review and update the policy after significant changes.' },
            ],
          },
          { id: `${id}_gdn`, name: 'guidance', prose: 'Policies and procedures contribute to security and privacy assurance. '.repeat(6) },
        ],
        controls: enhancements,
      });
    }
    groups.push({ id: `f${g}`, class: 'family', title: `Family ${g}`, controls });
  }
  return { catalog: { uuid: '5b6e2a0c-9d41-4f3e-8a7b-1c2d3e4f5a6b', metadata: { title: 'Benchmark catalogue', version: '1.0', 'oscal-version': '1.1.2', 'last-modified': '2026-12-01T00:00:00Z' }, groups } };
}

export async function run(options) {
  const rounds = options.rounds ?? 3;
  const total = options.controls ?? 1200;
  const YAML = (await import('yaml')).default;
  const dir = mkdtempSync(join(tmpdir(), 'triad-bench-catalogue-'));
  const doc = catalogue(total);
  const files = { JSON: join(dir, 'catalogue.json'), YAML: join(dir, 'catalogue.yaml') };
  writeFileSync(files.JSON, JSON.stringify(doc, null, 2));
  writeFileSync(files.YAML, YAML.stringify(doc));
  const cli = join(repoRoot, 'bin/triad.js');
  const results = { 'JSON, new catalogue': [], 'JSON, same file again': [], 'YAML, new catalogue': [] };
  const rss = { 'JSON, new catalogue': [], 'JSON, same file again': [], 'YAML, new catalogue': [] };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const format of ['JSON', 'YAML']) {
        const data = join(dir, `db-${r}-${format}`);
        process.env.TRIAD_DATA_DIR = data;
        process.env.TRIAD_LOG_LEVEL = 'silent';
        delete process.env.DATABASE_URL;
        // `user add` reads the password from standard input.
        await measure('/bin/sh', ['-c', `echo long-enough-password | "${process.execPath}" "${cli}" user add --email bench@example.com --firm-admin`]);
        // The built-in catalogue is loaded on first use: do it before timing.
        await measure(process.execPath, [cli, 'catalog', 'list']);
        const first = await measure(process.execPath, [cli, 'catalog', 'import', files[format]]);
        if (!/outcomes to assess: [\d,]+/.test(first.stdout)) throw new Error(`unexpected output: ${first.stdout}`);
        results[`${format}, new catalogue`].push(first.ms);
        rss[`${format}, new catalogue`].push(first.rssKb);
        if (format === 'JSON') {
          const again = await measure(process.execPath, [cli, 'catalog', 'import', files.JSON]);
          results['JSON, same file again'].push(again.ms);
          rss['JSON, same file again'].push(again.rssKb);
        }
      }
    }
    const nodes = 20 + total;
    console.log(`${total.toLocaleString('en-US')} controls in 20 families (${nodes.toLocaleString('en-US')} groups and controls); JSON ${(statSync(files.JSON).size / 1e6).toFixed(1)} MB, YAML ${(statSync(files.YAML).size / 1e6).toFixed(1)} MB; ${rounds} rounds on SQLite.`);
    console.log(machine());
    printTable([
      ['triad catalog import', 'median s', 'min s', 'max s', 'peak MB'],
      ...Object.entries(results).map(([k, xs]) => [k, (median(xs) / 1000).toFixed(2), (Math.min(...xs) / 1000).toFixed(2), (Math.max(...xs) / 1000).toFixed(2), Number.isFinite(median(rss[k])) ? (median(rss[k]) / 1024).toFixed(0) : '-']),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
