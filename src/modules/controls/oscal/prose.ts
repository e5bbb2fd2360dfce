/**
 * OSCAL prose with parameters: `{{ insert: param, ac-1_prm_1 }}` replaced as NIST's own
 * publications print it. A parameter with values shows them; a selection shows its choices
 * (`[Selection (one or more): a; b]`); otherwise its label (`[Assignment: personnel or roles]`).
 * Parameters are looked up in the control, then its enclosing controls and groups, then the
 * catalogue; one that is not defined anywhere is shown by its id and reported as a warning.
 */
import type { ParamIn } from './document.js';
import type { OscalProblem, RenderedParam } from './types.js';

const INSERT = /\{\{\s*insert:\s*param\s*,\s*([^\s}]+)\s*\}\}/g;

/** Parameters in reach of a control: its own, then those of the enclosing controls, groups and the catalogue. */
export class ParamScope {
  private readonly own = new Map<string, ParamIn>();

  constructor(
    params: readonly ParamIn[] | undefined,
    private readonly parent: ParamScope | null = null,
  ) {
    for (const p of params ?? []) this.own.set(p.id, p);
  }

  find(id: string): ParamIn | undefined {
    return this.own.get(id) ?? this.parent?.find(id);
  }

  child(params: readonly ParamIn[] | undefined): ParamScope {
    return params && params.length > 0 ? new ParamScope(params, this) : this;
  }
}

export class ProseRenderer {
  constructor(private readonly warn: (problem: OscalProblem) => void) {}

  /** The prose with its inserts replaced. `path` names where the prose is, for warnings. */
  render(prose: string, scope: ParamScope, path: string, seen: ReadonlySet<string> = new Set()): string {
    return prose.replace(INSERT, (_match, id: string) => this.insert(id, scope, path, seen));
  }

  private insert(id: string, scope: ParamScope, path: string, seen: ReadonlySet<string>): string {
    const param = scope.find(id);
    if (!param) {
      this.warn({ path, message: `inserts the parameter "${id}", which is not defined; it is shown as [Assignment: ${id}]` });
      return `[Assignment: ${id}]`;
    }
    if (seen.has(id)) {
      this.warn({ path, message: `the parameter "${id}" inserts itself; it is shown as [Assignment: ${id}]` });
      return `[Assignment: ${id}]`;
    }
    return this.text(param, scope, path, new Set([...seen, id]));
  }

  /** What the prose shows for a parameter. */
  text(param: ParamIn, scope: ParamScope, path: string, seen: ReadonlySet<string> = new Set([param.id])): string {
    const values = (param.values ?? []).filter((v) => v.trim() !== '');
    if (values.length > 0) return values.map((v) => this.render(v, scope, path, seen)).join(', ');
    const choices = param.select?.choice ?? [];
    if (choices.length > 0) {
      const many = param.select?.['how-many'] === 'one-or-more';
      return `[Selection${many ? ' (one or more)' : ''}: ${choices.map((c) => this.render(c, scope, path, seen)).join('; ')}]`;
    }
    return `[Assignment: ${param.label?.trim() ? this.render(param.label.trim(), scope, path, seen) : param.id}]`;
  }

  /** The parameters a node defines, as people read them. */
  params(list: readonly ParamIn[] | undefined, scope: ParamScope, path: string): RenderedParam[] {
    return (list ?? []).map((p, i) => {
      const at = `${path}.params[${i}]`;
      return {
        id: p.id,
        label: p.label?.trim() ? p.label.trim() : null,
        values: (p.values ?? []).map((v) => this.render(v, scope, at)),
        choices: (p.select?.choice ?? []).map((c) => this.render(c, scope, at, new Set([p.id]))),
        howMany: p.select?.['how-many'] ?? null,
        text: this.text(p, scope, at),
      };
    });
  }
}
