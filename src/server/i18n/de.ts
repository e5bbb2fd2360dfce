import type { SERVER_EN } from './en.js';
import type { WordsOf } from './types.js';

/** The server's own sentences in answers, in German. */
export const SERVER_DE: WordsOf<typeof SERVER_EN> = {
  'validation.one': '{{first}}.',
  'validation.more_one': '{{first}} (und {{count}} weiteres Problem).',
  'validation.more_other': '{{first}} (und {{count}} weitere Probleme).',
  'validation.invalid': 'Die Anfrage ist nicht gültig.',
};
