/**
 * Validation messages in plain words, the same on the server and in the web app: Zod's
 * default texts ("Too big: expected string to have <=200 characters") become "must be at
 * most 200 characters", said of the field ("Name must be at most 200 characters"). Messages
 * a schema sets itself are kept as written. Zod itself is not imported here (the web app's
 * sign-in page uses these words without loading zod); zod-messages.ts installs them in Zod.
 */

interface IssueLike {
  code?: string;
  input?: unknown;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  format?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  divisor?: number;
}

const n = (v: number | bigint | undefined): string => (v === undefined ? '?' : new Intl.NumberFormat('en-US').format(v));
const s = (count: number | bigint | undefined, word: string): string => `${n(count)} ${word}${count === 1 || count === 1n ? '' : 's'}`;

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
};

const FORMATS: Record<string, string> = {
  email: 'an e-mail address',
  url: 'a web address',
  uuid: 'an identifier',
  date: 'a date YYYY-MM-DD',
  datetime: 'a date and time',
  regex: 'in the expected form',
};

/** The plain message of one Zod issue, or undefined to keep Zod's own. */
export function plainIssueMessage(issue: IssueLike): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return 'must not be empty';
      return `must be ${EXPECTED[issue.expected ?? ''] ?? issue.expected ?? 'of another kind'}`;
    case 'too_big': {
      const most = issue.inclusive === false ? 'less than' : 'at most';
      if (issue.origin === 'string') return `must be ${most} ${s(issue.maximum, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${most} ${s(issue.maximum, 'item')}`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return `must be ${most} ${n(issue.maximum)}`;
      return undefined;
    }
    case 'too_small': {
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `must be at least ${s(issue.minimum, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return issue.minimum === 1 ? 'must have at least one item' : `must have at least ${s(issue.minimum, 'item')}`;
      const least = issue.inclusive === false ? 'more than' : 'at least';
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return `must be ${least} ${n(issue.minimum)}`;
      return undefined;
    }
    case 'invalid_format':
      return `must be ${FORMATS[issue.format ?? ''] ?? 'in the expected form'}`;
    case 'invalid_value':
      return issue.values && issue.values.length > 0 && issue.values.length <= 8 ? `must be one of ${issue.values.map((v) => String(v)).join(', ')}` : 'is not one of the allowed values';
    case 'not_multiple_of':
      return issue.divisor === 1 ? 'must be a whole number' : `must be a multiple of ${n(issue.divisor)}`;
    case 'unrecognized_keys':
      return 'has fields that are not known here';
    default:
      return undefined;
  }
}

/** `body.contacts.0.endOfLife` → `End of life`: the field a path names, as a person reads it. */
export function fieldLabel(path: string): string {
  const last = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p) && p !== 'body' && p !== 'query' && p !== 'params').at(-1) ?? '';
  if (!last) return 'The request';
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Name must be at most 200 characters": the field's label and its problem in one sentence. */
export function sayOfField(path: string, message: string): string {
  const label = fieldLabel(path);
  return /^(must|is|are|has|should|cannot|can't|was|does)\b/.test(message) ? `${label} ${message}` : `${label}: ${message}`;
}
