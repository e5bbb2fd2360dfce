/**
 * FAIR inputs and treatment effects checked by the engine's own validator, with its messages
 * (`primaryLoss: low must be less than high`) placed on the request's fields.
 */
import { validateModel, type Treatment } from '../../engine/index.js';
import { invalid, type ErrorDetail } from '../../server/errors.js';
import { limitProblems, type FairInputs } from './schema.js';

const ID = 'scenario';

/**
 * Problems with a scenario's inputs and treatments. `inputsPath` prefixes problems of the inputs
 * (`body.inputs`); `treatmentPath(id)` those of a treatment (`body` for the one being changed).
 */
export function riskProblems(inputs: FairInputs, treatments: Treatment[], inputsPath: string, treatmentPath: (id: string) => string | null): ErrorDetail[] {
  const problems = validateModel({ risks: [{ id: ID, ...inputs, ...(treatments.length > 0 ? { treatments } : {}) }] });
  // The register's limits (schema.ts) hold whichever way the inputs came: a template, a body.
  const details: ErrorDetail[] = limitProblems(inputs, 'inputs', inputsPath);
  for (const t of treatments) {
    const base = treatmentPath(t.id);
    details.push(...limitProblems(t.effect, 'effect', base === null ? `treatments.${t.id}.effect` : `${base}.effect`));
  }
  for (const p of problems) {
    const path = p.path;
    const t = /^scenario\.treatments\[([^\]]+)\](.*)$/.exec(path);
    if (t) {
      const base = treatmentPath(t[1]!);
      details.push({ path: base === null ? `treatments.${t[1]}${t[2]}` : `${base}${t[2]}`, message: p.message });
    } else if (path === ID) {
      details.push({ path: inputsPath, message: p.message });
    } else if (path.startsWith(`${ID}.`)) {
      details.push({ path: `${inputsPath}.${path.slice(ID.length + 1)}`, message: p.message });
    } else {
      details.push({ path: path ? `${inputsPath}.${path}` : inputsPath, message: p.message });
    }
  }
  return details;
}

/** Throws VALIDATION_FAILED naming the first problem, with all of them in the details. */
export function assertValid(details: ErrorDetail[], what = 'The risk inputs are not valid'): void {
  if (details.length === 0) return;
  const first = details[0]!;
  throw invalid(`${what}: ${first.path}: ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}`, details);
}
