/**
 * How strong a new password is, by zxcvbn-ts: it estimates how many guesses a password cracker
 * would need, matching against about 49,000 passwords most common in leaked breach lists,
 * English words, names and Wikipedia's vocabulary, keyboard patterns, repeats, sequences, dates,
 * l33t substitutions, and the person's own name and e-mail address. Every place a password is
 * set (sign-up, adding a user or a client member, changing or resetting one) asks this.
 */
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/**
 * zxcvbn's score 3 of 4: about 10^8 guesses or more ("safely unguessable" against online attacks,
 * and slow against an offline one on scrypt). A password that leans on the person's own name or
 * e-mail must reach 4.
 */
const MIN_SCORE = 3;

const USER_INPUTS_WARNING = 'It contains your name or e-mail address.';

/** Triad's wording for the warnings a person most often sees; the rest are zxcvbn's English ones. */
const WARNINGS = {
  topTen: 'This is one of the most common passwords.',
  topHundred: 'This is one of the most common passwords.',
  common: 'This is a common password: it is on the lists of leaked passwords that attackers try first.',
  similarToCommon: 'This is a common password with small changes, which attackers try too.',
  userInputs: USER_INPUTS_WARNING,
};

let factory: Promise<ZxcvbnFactory> | null = null;
/**
 * zxcvbn and its dictionaries, loaded and built once, on first use (about 0.2 s): not with the
 * server or a command that sets no password.
 */
function zxcvbn(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [{ ZxcvbnFactory: Factory }, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    return new Factory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: { ...en.translations, warnings: { ...en.translations.warnings, ...WARNINGS } },
      maxLength: PASSWORD_MAX_LENGTH,
    });
  })();
  factory.catch(() => {
    factory = null;
  });
  return factory;
}

/** Whose password it is: their name and e-mail are words an attacker tries first. */
export interface PasswordOwner {
  name?: string | null | undefined;
  email?: string | null | undefined;
}

const GENERIC_LABELS = new Set(['com', 'net', 'org', 'example', 'mail', 'gmail', 'outlook', 'hotmail', 'co', 'uk', 'io']);

/** The person's name and e-mail, whole and in their parts, as zxcvbn's user inputs. */
export function ownerWords(owner: PasswordOwner): string[] {
  const words = new Set<string>();
  const add = (w: string | undefined): void => {
    const v = w?.trim().toLowerCase();
    if (v && v.length >= 3) words.add(v);
  };
  add(owner.name ?? undefined);
  for (const part of (owner.name ?? '').split(/[\s.,'_-]+/)) add(part);
  if (owner.email) {
    add(owner.email);
    const [local = '', domain = ''] = owner.email.split('@');
    add(local);
    for (const part of local.split(/[.+_-]+/)) add(part);
    for (const label of domain.split('.')) if (!GENERIC_LABELS.has(label.toLowerCase())) add(label);
  }
  return [...words];
}

function leansOnOwner(result: ZxcvbnResult): boolean {
  return result.sequence.some((m) => m.pattern === 'dictionary' && 'dictionaryName' in m && m.dictionaryName === 'userInputs');
}

/**
 * What is wrong with a new password, as a sentence to show beside the field, or null when it
 * is strong enough: "This is one of the most common passwords. Add more words that are less common."
 */
export async function passwordProblem(password: string, owner: PasswordOwner = {}): Promise<string | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const result = (await zxcvbn()).check(password, ownerWords(owner));
  const personal = leansOnOwner(result);
  if (result.score >= MIN_SCORE && !(personal && result.score < 4)) return null;
  const warning = personal ? USER_INPUTS_WARNING : (result.feedback.warning ?? 'It is too easy to guess.');
  const suggestion = personal ? 'Leave them out, and use a few words that are less common.' : (result.feedback.suggestions[0] ?? 'Add more words that are less common.');
  return `${warning} ${suggestion}`;
}
