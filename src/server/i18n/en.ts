/** The server's own sentences in answers (the one error body's summary of validation problems), in English. */
export const SERVER_EN = {
  'validation.one': '{{first}}.',
  'validation.more_one': '{{first}} (and {{count}} more problem).',
  'validation.more_other': '{{first}} (and {{count}} more problems).',
  'validation.invalid': 'The request is not valid.',
} as const;
