import type { WordsOf } from '../../../server/i18n/types.js';
import type { RISKS_EN } from './en.js';

/** The risk register's sentences the server writes into answers, in German. */
export const RISKS_DE: WordsOf<typeof RISKS_EN> = {
  'appetite.undefined': '{{client}} hat keinen Risikoappetit festgelegt; daher konnte das Risikoregister mit {{names}} als akzeptiert nicht daran gemessen werden.',
  'appetite.whose_one': 'das Risikoregister von {{client}} ({{count}} Szenario)',
  'appetite.whose_other': 'das Risikoregister von {{client}} ({{count}} Szenarien)',
  'appetite.whoseInsured_one': 'das Risikoregister von {{client}} ({{count}} Szenario, nach Versicherung)',
  'appetite.whoseInsured_other': 'das Risikoregister von {{client}} ({{count}} Szenarien, nach Versicherung)',
  'appetite.withThese_one': 'Mit {{names}} so akzeptiert, wie es steht',
  'appetite.withThese_other': 'Mit {{names}} so akzeptiert, wie sie stehen',
  'appetite.above': '{{withThese}}, übersteigt {{whose}} mit einer Wahrscheinlichkeit von {{probability}} in einem Jahr {{loss}}; der Risikoappetit toleriert {{limit}}. Das Portfolio liegt über dem Risikoappetit.',
  'appetite.within': '{{withThese}}, bleibt {{whose}} innerhalb des Risikoappetits: Der nächstgelegene Punkt ist {{loss}}, mit einer Wahrscheinlichkeit von {{probability}} im Jahr überschritten, bei {{limit}} toleriert.',
  'appetite.justAbove': 'Es liegt nur knapp darüber: {{years}} simulierte Jahre können es nicht entscheiden: Die Wahrscheinlichkeit, in einem Jahr mehr als {{loss}} zu verlieren, beträgt {{probability}} \u00b1 {{error}}, bei {{limit}} toleriert.',
  'appetite.justWithin': 'Es liegt nur knapp innerhalb: {{years}} simulierte Jahre können es nicht entscheiden: Die Wahrscheinlichkeit, in einem Jahr mehr als {{loss}} zu verlieren, beträgt {{probability}} \u00b1 {{error}}, bei {{limit}} toleriert.',
  'appetite.share_one': '{{names}} kostet voraussichtlich {{size}} im Jahr, {{share}} % des erwarteten Jahresverlusts des Portfolios.',
  'appetite.share_other': '{{names}} kosten voraussichtlich {{size}} im Jahr, {{share}} % des erwarteten Jahresverlusts des Portfolios.',
};
