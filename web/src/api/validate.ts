/**
 * Forms checked before they are sent, by the API's own Zod schemas (`@schema/<module>`): every
 * problem at once, beside its field, in the same plain words the server uses ("Name must be
 * at most 200 characters"); and the limits a schema sets, to show in the inputs up front.
 */
import { issueMessageIn, sayOfField } from '@shared/validation';
import { installPlainValidationMessages } from '@shared/zod-messages';
import type { z } from 'zod';
import { currentLanguage } from '../i18n';

// Zod's messages in plain words, in the web app's language when a form is checked, set here
// (where the web app first checks a form with a schema) rather than at start-up, so that zod
// loads only with the pages that use it.
installPlainValidationMessages(currentLanguage);

/**
 * A Mantine `validate` function from a schema and the mapping of the form's values to the
 * request body (the same mapping the submit uses, so what is checked is what is sent).
 */
export function validateWith<V>(schema: z.ZodType, toBody: (values: V) => unknown): (values: V) => Record<string, string> {
  return (values) => {
    const result = schema.safeParse(toBody(values));
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.');
      if (key && !(key in errors)) errors[key] = sayOfField(key, issueMessageIn(issue, issue.message, currentLanguage()), currentLanguage());
    }
    return errors;
  };
}

interface Limits {
  maxLength?: number | null;
  minLength?: number | null;
  maxValue?: number | null;
  minValue?: number | null;
}

/** The schema under optional, nullable, default and transform wrappers. */
function unwrap(schema: z.ZodType): Limits {
  let current: unknown = schema;
  for (let i = 0; i < 10; i++) {
    const def = (current as { _zod: { def: { type: string; innerType?: unknown; in?: unknown } } })._zod.def;
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current as Limits;
}

/** A text field's limit, for the input: `{ description: 'At most 200 characters' }`. */
export function textLimit(shape: Record<string, z.ZodType>, field: string): { description?: string } {
  const schema = shape[field];
  const max = schema ? unwrap(schema).maxLength : null;
  if (typeof max !== 'number') return {};
  return currentLanguage() === 'de' ? { description: `Höchstens ${new Intl.NumberFormat('de-DE').format(max)} Zeichen` } : { description: `At most ${new Intl.NumberFormat('en-US').format(max)} characters` };
}

/** A number field's bounds, for a NumberInput's `min` and `max` (never clamped silently). */
export function numberLimits(shape: Record<string, z.ZodType>, field: string): { min?: number; max?: number } {
  const schema = shape[field];
  if (!schema) return {};
  const { minValue, maxValue } = unwrap(schema);
  return { ...(typeof minValue === 'number' && Number.isFinite(minValue) ? { min: minValue } : {}), ...(typeof maxValue === 'number' && Number.isFinite(maxValue) ? { max: maxValue } : {}) };
}
