import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogue, parseCatalogueText } from './catalog.js';
import { profileSelection } from './profile.js';
import { OscalError, type ParsedCatalogue } from './types.js';

const here = import.meta.dirname;
const mini = (): string => fs.readFileSync(path.join(here, 'fixtures', 'sp800-53-mini.json'), 'utf8');
const csfText = fs.readFileSync(path.join(here, '..', 'builtin', 'NIST_CSF_v2.0_catalog.json'), 'utf8');

/** The problems of a refused file. */
function refusal(fn: () => unknown): OscalError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OscalError) return err;
    throw err;
  }
  throw new Error('the file was accepted');
}

function node(c: ParsedCatalogue, id: string) {
  const n = c.nodes.find((x) => x.nodeId === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}

describe('the OSCAL catalogue importer', () => {
  it('reads an SP 800-53 style catalogue: nested groups, controls with enhancements, withdrawn ones kept and marked', () => {
    const c = parseCatalogueText(mini());
    expect(c).toMatchObject({ uuid: '9c2f6a2e-4b1d-4f0e-8a57-3c1d2e5f7a90', title: 'Mini SP 800-53 style catalogue (test fixture)', version: '5.1.1', oscalVersion: '1.1.2', kind: 'catalog' });
    expect(c.nodes.map((n) => `${n.kind}:${n.nodeId}:${n.depth}`)).toEqual([
      'group:ac:0',
      'control:ac-1:1',
      'control:ac-2:1',
      'control:ac-2.1:2',
      'control:ac-2.10:2',
      'group:pm:0',
      'group:pm-strategy:1',
      'control:pm-9:2',
    ]);
    expect(c.counts).toMatchObject({ groups: 3, controls: 4, withdrawn: 1, outcomes: 4 });
    expect(c.counts.byClass).toEqual(
      expect.arrayContaining([
        { class: 'family', kind: 'group', active: 2, withdrawn: 0 },
        { class: 'SP800-53', kind: 'control', active: 3, withdrawn: 0 },
        { class: 'SP800-53-enhancement', kind: 'control', active: 1, withdrawn: 1 },
      ]),
    );
    const enh = node(c, 'ac-2.1');
    expect(enh).toMatchObject({ parentId: 'ac-2', topId: 'ac', label: 'AC-2(1)', assessable: true, withdrawn: false });
    // A control with enhancements is rated too, as in SP 800-53 baselines.
    expect(node(c, 'ac-2').assessable).toBe(true);
    const gone = node(c, 'ac-2.10');
    expect(gone).toMatchObject({ withdrawn: true, assessable: false, links: [{ rel: 'incorporated-into', href: '#ac-2' }] });
    expect(node(c, 'pm-9')).toMatchObject({ parentId: 'pm-strategy', topId: 'pm' });
    expect(node(c, 'pm-strategy').statement).toBe('Controls on the organization-wide security programme.');
  });

  it('renders statements with their sub-items and the parameters inserted from label, choices and values', () => {
    const c = parseCatalogueText(mini());
    expect(node(c, 'ac-1').statement).toBe(
      [
        'a. Develop, document, and disseminate to [Assignment: personnel or roles]:',
        '  1. [Selection (one or more): Organization-level; Mission/business process-level; System-level] access control policy that addresses purpose, scope, roles and responsibilities; and',
        '  2. Procedures to facilitate the implementation of the access control policy; and',
        'b. Review and update the current access control policy [Assignment: frequency].',
      ].join('\n'),
    );
    const statement = node(c, 'ac-1').parts.find((p) => p.name === 'statement')!;
    expect(statement.parts.map((p) => p.label)).toEqual(['a.', 'b.']);
    expect(statement.parts[0]!.parts[1]).toMatchObject({ label: '2.', prose: 'Procedures to facilitate the implementation of the access control policy; and' });
    expect(node(c, 'ac-1').parts.find((p) => p.name === 'guidance')?.prose).toMatch(/^Access control policy/);
    // The plain label, not SP 800-53A's; the assessment objectives are kept, rendered too.
    expect(node(c, 'ac-1').label).toBe('AC-1');
    const objectives = node(c, 'ac-1').parts.find((p) => p.name === 'assessment-objective')!;
    expect(objectives.parts[1]).toMatchObject({ label: 'AC-01a.[02]', prose: 'the access control policy is disseminated to [Assignment: personnel or roles];' });
    expect(node(c, 'ac-1').params.map((p) => p.text)).toEqual([
      '[Assignment: personnel or roles]',
      '[Selection (one or more): Organization-level; Mission/business process-level; System-level]',
      '[Assignment: frequency]',
    ]);
    // A choice that itself inserts a parameter.
    expect(node(c, 'pm-9').statement).toBe('Review and update the risk management strategy [Selection: annually; every [Assignment: number of] months].');

    // A resolved profile sets values: they replace the placeholder.
    const doc = JSON.parse(mini()) as { catalog: { metadata: { title: string }; groups: { controls?: { params?: { id: string; values?: string[] }[] }[] }[] } };
    doc.catalog.groups[0]!.controls![0]!.params![2]!.values = ['at least annually'];
    (doc.catalog.metadata as { links?: unknown[] }).links = [{ href: 'NIST_SP-800-53_rev5_LOW-baseline_profile.json', rel: 'resolution-source' }];
    const resolved = parseCatalogue(doc);
    expect(resolved.kind).toBe('resolved-profile');
    expect(node(resolved, 'ac-1').statement).toMatch(/access control policy at least annually\.$/);
  });

  it('keeps a parameter that is not defined as its id, and says so', () => {
    const doc = JSON.parse(mini()) as { catalog: { groups: { controls?: { parts?: { parts?: { prose?: string }[] }[] }[] }[] } };
    doc.catalog.groups[0]!.controls![1]!.parts![0]!.parts![0]!.prose = 'Define {{ insert: param, ac-02_odp.99 }} accounts.';
    const c = parseCatalogue(doc);
    expect(node(c, 'ac-2').statement).toMatch(/^a\. Define \[Assignment: ac-02_odp\.99\] accounts\./);
    expect(c.warnings.map((w) => w.path)).toEqual(['catalog.groups[0].controls[1].parts[0].parts[0].prose']);
    expect(c.warnings[0]!.message).toMatch(/"ac-02_odp\.99", which is not defined/);
  });

  it('reads the same catalogue from YAML', () => {
    const yaml = [
      'catalog:',
      '  uuid: 1d5f1b52-8a3e-4b6c-9d1e-2f3a4b5c6d7e',
      '  metadata:',
      '    title: Tiny YAML catalogue',
      '    version: "1.0"',
      '  groups:',
      '    - id: g1',
      '      title: First group',
      '      controls:',
      '        - id: c-1',
      '          title: One',
      '          params:',
      '            - id: c-1_prm',
      '              label: something',
      '          parts:',
      '            - name: statement',
      "              prose: 'Do {{ insert: param, c-1_prm }}.'",
    ].join('\n');
    const c = parseCatalogueText(yaml);
    expect(c).toMatchObject({ title: 'Tiny YAML catalogue', version: '1.0', counts: { groups: 1, controls: 1, outcomes: 1 } });
    expect(node(c, 'c-1').statement).toBe('Do [Assignment: something].');
  });

  it('loads NIST CSF 2.0: 6 functions, 22 categories and 106 subcategories, the withdrawn 12 and 79 kept and marked', () => {
    const c = parseCatalogueText(csfText);
    expect(c).toMatchObject({ uuid: '720a010b-253c-4a94-bb65-cb58400966f5', title: 'Electronic Version of NIST Cybersecurity Framework 2.0', version: '1.2.0' });
    const cls = (name: string) => c.counts.byClass.find((x) => x.class === name);
    expect(cls('function')).toEqual({ class: 'function', kind: 'group', active: 6, withdrawn: 0 });
    expect(cls('category')).toEqual({ class: 'category', kind: 'control', active: 22, withdrawn: 12 });
    expect(cls('subcategory')).toEqual({ class: 'subcategory', kind: 'control', active: 106, withdrawn: 79 });
    expect(c.counts).toMatchObject({ groups: 6, controls: 128, withdrawn: 91, outcomes: 106 });
    // The subcategories are the outcomes; the categories are headings.
    expect(c.nodes.filter((n) => n.assessable).every((n) => n.class === 'subcategory')).toBe(true);
    expect(node(c, 'GV.OC-01')).toMatchObject({ parentId: 'GV.OC', topId: 'GV', statement: 'The organizational mission is understood and informs cybersecurity risk management', assessable: true });
    expect(node(c, 'GV')).toMatchObject({ kind: 'group', title: 'GOVERN', label: 'GOVERN (GV)' });
    expect(node(c, 'ID.BE')).toMatchObject({ withdrawn: true, assessable: false, links: [{ rel: 'incorporated_into', href: 'GV.OC' }] });
    expect(node(c, 'ID.AM-06')).toMatchObject({ withdrawn: true, assessable: false });
    const examples = c.nodes.flatMap((n) => n.parts.filter((p) => p.name === 'example'));
    expect(examples).toHaveLength(363);
    expect(c.warnings).toEqual([]);
  });

  it('refuses what is not a catalogue, saying what it is instead', () => {
    const broken = refusal(() => parseCatalogueText('{"catalog": {"uuid": ')).problems[0]!;
    expect(broken.path).toMatch(/^line 1, column \d+$/);
    expect(broken.message).toMatch(/^not valid JSON/);
    expect(refusal(() => parseCatalogueText('catalog: [unclosed')).message).toMatch(/neither valid JSON nor valid YAML/);
    expect(refusal(() => parseCatalogueText('{"profile": {"uuid": "x"}}')).message).toMatch(/an OSCAL profile, not a catalogue: resolve it/);
    expect(refusal(() => parseCatalogueText('{"component-definition": {}}')).message).toMatch(/component definition/);
    expect(refusal(() => parseCatalogueText('{"title": "Controls", "items": []}')).problems).toEqual([{ path: '(the top level)', message: 'has no "catalog" field (it has "title", "items")' }]);
    expect(refusal(() => parseCatalogueText('[1, 2]')).problems[0]!.message).toMatch(/is a list/);
    expect(refusal(() => parseCatalogueText('   ')).message).toMatch(/empty/);
  });

  it('names the JSON path of every problem in a broken catalogue', () => {
    const doc = JSON.parse(mini()) as Record<string, Record<string, unknown>>;
    const cat = doc.catalog as { uuid: string; metadata: Record<string, unknown>; groups: { controls?: Record<string, unknown>[] }[] };
    cat.uuid = 'not-a-uuid';
    delete cat.metadata.version;
    delete cat.groups[0]!.controls![1]!.title;
    (cat.groups[0]!.controls![0]!.parts as Record<string, unknown>[])[0]!.parts = 'items';
    const err = refusal(() => parseCatalogue(doc));
    expect(err.problems).toEqual(
      expect.arrayContaining([
        { path: 'catalog.uuid', message: 'must be a UUID' },
        { path: 'catalog.metadata.version', message: 'is missing' },
        { path: 'catalog.groups[0].controls[1].title', message: 'is missing' },
        { path: 'catalog.groups[0].controls[0].parts[0].parts', message: 'must be a list' },
      ]),
    );
    expect(err.message).toMatch(/not a valid OSCAL catalogue: 4 problems/);
  });

  it('refuses a catalogue that gives two controls the same id, or has no control at all', () => {
    const doc = JSON.parse(mini()) as { catalog: { groups: { controls?: { id: string; controls?: { id: string }[] }[] }[] } };
    doc.catalog.groups[0]!.controls![1]!.controls![0]!.id = 'ac-1';
    expect(refusal(() => parseCatalogue(doc)).problems).toEqual([{ path: 'catalog.groups[0].controls[1].controls[0].id', message: '"ac-1" is also the id of catalog.groups[0].controls[0]; ids of groups and controls must be unique' }]);
    const empty = { catalog: { uuid: '9c2f6a2e-4b1d-4f0e-8a57-3c1d2e5f7a90', metadata: { title: 'Empty', version: '1' }, groups: [{ id: 'g', title: 'Nothing here' }] } };
    expect(refusal(() => parseCatalogue(empty)).message).toMatch(/no controls/);
  });

  it('reads a catalogue of thousands of controls', () => {
    const groups = Array.from({ length: 20 }, (_, g) => ({
      id: `f${g}`,
      title: `Family ${g}`,
      controls: Array.from({ length: 30 }, (_, c) => ({
        id: `f${g}-${c}`,
        title: `Control ${g}.${c}`,
        params: [{ id: `f${g}-${c}_prm`, label: 'a value' }],
        parts: [{ name: 'statement', prose: `Do {{ insert: param, f${g}-${c}_prm }}.`, parts: [{ name: 'item', props: [{ name: 'label', value: 'a.' }], prose: 'First.' }] }],
        controls: Array.from({ length: 3 }, (_, e) => ({ id: `f${g}-${c}.${e}`, title: `Enhancement ${e}`, parts: [{ name: 'statement', prose: 'More.' }] })),
      })),
    }));
    const c = parseCatalogue({ catalog: { uuid: '3f1c2b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', metadata: { title: 'Big', version: '1' }, groups } });
    expect(c.counts).toMatchObject({ groups: 20, controls: 2400, outcomes: 2400 });
  });
});

describe('an OSCAL profile as a choice of outcomes', () => {
  const catalogue = parseCatalogueText(mini());
  const profile = (imports: unknown[]) => ({ profile: { uuid: 'b5c8a3e1-1111-4222-8333-944455556666', metadata: { title: 'Low baseline', version: '1' }, imports } });

  it('selects by id, with child controls, by pattern, and leaves out the excluded', () => {
    expect(profileSelection(profile([{ href: '#cat', 'include-controls': [{ 'with-ids': ['ac-2'] }] }]), catalogue.nodes).controlIds).toEqual(['ac-2']);
    expect(profileSelection(profile([{ href: '#cat', 'include-controls': [{ 'with-ids': ['ac-2'], 'with-child-controls': 'yes' }] }]), catalogue.nodes)).toMatchObject({
      title: 'Low baseline',
      controlIds: ['ac-2', 'ac-2.1'],
      warnings: [{ path: 'profile', message: '"ac-2.10" is withdrawn from this catalogue and is left out' }],
    });
    expect(profileSelection(profile([{ href: '#cat', 'include-controls': [{ matching: [{ pattern: 'ac-*' }] }], 'exclude-controls': [{ 'with-ids': ['ac-1'] }] }]), catalogue.nodes).controlIds).toEqual(['ac-2', 'ac-2.1']);
    expect(profileSelection(JSON.stringify(profile([{ href: '#cat', 'include-all': {} }])), catalogue.nodes).controlIds).toEqual(['ac-1', 'ac-2', 'ac-2.1', 'pm-9']);
  });

  it('refuses a control the catalogue does not have, naming where the profile names it', () => {
    const err = refusal(() => profileSelection(profile([{ href: '#cat', 'include-controls': [{ 'with-ids': ['ac-1', 'zz-9'] }] }]), catalogue.nodes));
    expect(err.problems).toEqual([{ path: 'profile.imports[0].include-controls[0].with-ids[1]', message: 'names the control "zz-9", which this catalogue does not have' }]);
    expect(refusal(() => profileSelection({ catalog: {} }, catalogue.nodes)).message).toMatch(/not an OSCAL profile/);
  });

  it('brings the subcategories of a chosen CSF category', () => {
    const csf = parseCatalogueText(csfText);
    const sel = profileSelection(profile([{ href: 'csf', 'include-controls': [{ 'with-ids': ['GV.OC'] }] }]), csf.nodes);
    expect(sel.controlIds).toEqual(['GV.OC-01', 'GV.OC-02', 'GV.OC-03', 'GV.OC-04', 'GV.OC-05']);
  });
});
