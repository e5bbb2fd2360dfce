/**
 * Validation messages in plain words, the same on the server and in the web app: Zod's
 * default texts ("Too big: expected string to have <=200 characters") become "must be at
 * most 200 characters", said of the field ("Name must be at most 200 characters"). Messages
 * a schema sets itself are kept as written. Zod itself is not imported here (the web app's
 * sign-in page uses these words without loading zod); zod-messages.ts installs them in Zod.
 * Each comes in English and German (validation-de.ts): the server answers in the request's
 * language, the web app says them in its own.
 */
import { EXPECTED_DE, FIELD_LABELS_DE, FORMATS_DE, MESSAGES_DE, QUERY_LABELS_DE } from './validation-de.js';

/** The languages the messages are written in. */
export type ValidationLanguage = 'en' | 'de';

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

const n = (v: number | bigint | undefined, language: ValidationLanguage = 'en'): string => (v === undefined ? '?' : new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-US').format(v));
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
export function plainIssueMessage(issue: IssueLike, language: ValidationLanguage = 'en'): string | undefined {
  return language === 'de' ? germanIssueMessage(issue) : englishIssueMessage(issue);
}

function englishIssueMessage(issue: IssueLike): string | undefined {
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

/** Zod's issue in German: `Name darf höchstens 200 Zeichen lang sein`. */
function germanIssueMessage(issue: IssueLike): string | undefined {
  const d = (v: number | bigint | undefined): string => n(v, 'de');
  const items = (v: number | bigint | undefined): string => `${d(v)} ${v === 1 || v === 1n ? 'Eintrag' : 'Einträge'}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'ist erforderlich';
      if (issue.input === null) return 'darf nicht leer sein';
      return `muss ${EXPECTED_DE[issue.expected ?? ''] ?? 'von anderer Art'} sein`;
    case 'too_big': {
      const less = issue.inclusive === false;
      if (issue.origin === 'string') return less ? `muss kürzer als ${d(issue.maximum)} Zeichen sein` : `darf höchstens ${d(issue.maximum)} Zeichen lang sein`;
      if (issue.origin === 'array' || issue.origin === 'set') return less ? `muss weniger als ${items(issue.maximum)} haben` : `darf höchstens ${items(issue.maximum)} haben`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return less ? `muss kleiner als ${d(issue.maximum)} sein` : `darf höchstens ${d(issue.maximum)} sein`;
      return undefined;
    }
    case 'too_small': {
      if (issue.origin === 'string') return issue.minimum === 1 ? 'darf nicht leer sein' : `muss mindestens ${d(issue.minimum)} Zeichen lang sein`;
      if (issue.origin === 'array' || issue.origin === 'set') return issue.minimum === 1 ? 'muss mindestens einen Eintrag haben' : `muss mindestens ${items(issue.minimum)} haben`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive === false ? `muss größer als ${d(issue.minimum)} sein` : `muss mindestens ${d(issue.minimum)} sein`;
      return undefined;
    }
    case 'invalid_format':
      return `muss ${FORMATS_DE[issue.format ?? ''] ?? 'in der erwarteten Form'} sein`;
    case 'invalid_value':
      return issue.values && issue.values.length > 0 && issue.values.length <= 8 ? `muss einer dieser Werte sein: ${issue.values.map((v) => String(v)).join(', ')}` : 'ist keiner der erlaubten Werte';
    case 'not_multiple_of':
      return issue.divisor === 1 ? 'muss eine ganze Zahl sein' : `muss ein Vielfaches von ${d(issue.divisor)} sein`;
    case 'unrecognized_keys':
      return 'enthält Felder, die hier unbekannt sind';
    default:
      return undefined;
  }
}

/**
 * An issue's message (`message`, said in English when the issue was found) in `language`: its
 * plain message again where the English was plain, a message a schema set itself as written.
 * Zod does not keep the input in its issues: the English says which kind of input it was.
 * Messages a schema sets itself are said in German where validation-de.ts knows them.
 */
export function issueMessageIn(issue: IssueLike, message: string, language: ValidationLanguage): string {
  if (language === 'en') return message;
  if (Object.hasOwn(MESSAGES_DE, message)) return MESSAGES_DE[message]!;
  for (const input of [undefined, null, 0]) {
    const like = { ...issue, input };
    if (englishIssueMessage(like) === message) return plainIssueMessage(like, language) ?? message;
  }
  return message;
}

/** `body.contacts.0.endOfLife` → `End of life`: the field a path names, as a person reads it. */
export function fieldLabel(path: string, language: ValidationLanguage = 'en'): string {
  const last = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p) && p !== 'body' && p !== 'query' && p !== 'params').at(-1) ?? '';
  if (!last) return language === 'de' ? 'Die Anfrage' : 'The request';
  const labels = /^(querystring|query)\./.test(path) && Object.hasOwn(QUERY_LABELS_DE, last) ? QUERY_LABELS_DE : FIELD_LABELS_DE;
  const german = language === 'de' && Object.hasOwn(labels, last) ? labels[last] : undefined;
  if (german) return german;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Name must be at most 200 characters": the field's label and its problem in one sentence. */
export function sayOfField(path: string, message: string, language: ValidationLanguage = 'en'): string {
  const label = fieldLabel(path, language);
  const verb = language === 'de' ? /^(muss|darf|ist|enthält|hat|kann|sind)\b/ : /^(must|is|are|has|should|cannot|can't|was|does)\b/;
  return verb.test(message) ? `${label} ${message}` : `${label}: ${message}`;
}
