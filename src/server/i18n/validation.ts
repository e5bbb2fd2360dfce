import type { ErrorDetail } from '../errors.js';
import { sayOfField } from '../../shared/validation.js';
import { words, type Language } from './index.js';

/** "Name must be at most 200 characters (and 2 more problems).": the first problem, and how many more, in the reader's language. */
export function validationSummary(language: Language, details: readonly ErrorDetail[]): string {
  const say = words(language, 'server');
  const first = details[0];
  if (!first) return say('validation.invalid');
  const sentence = sayOfField(first.path, first.message, language);
  const more = details.length - 1;
  return more > 0 ? say('validation.more', { first: sentence, count: more }) : say('validation.one', { first: sentence });
}
