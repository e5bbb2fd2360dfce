/** The risk register's sentences the server writes into answers (the appetite check's explanation), in English. */
export const RISKS_EN = {
  'appetite.undefined': '{{client}} has no risk appetite defined, so the risk register could not be checked against one with {{names}} accepted.',
  'appetite.whose_one': '{{clients}} risk register ({{count}} scenario)',
  'appetite.whose_other': '{{clients}} risk register ({{count}} scenarios)',
  'appetite.whoseInsured_one': '{{clients}} risk register ({{count}} scenario, after insurance)',
  'appetite.whoseInsured_other': '{{clients}} risk register ({{count}} scenarios, after insurance)',
  'appetite.withThese_one': 'With {{names}} accepted as it stands',
  'appetite.withThese_other': 'With {{names}} accepted as they stand',
  'appetite.above': '{{withThese}}, {{whose}} exceeds {{loss}} in a year with a {{probability}} chance; the appetite tolerates {{limit}}. The portfolio is above the risk appetite.',
  'appetite.within': '{{withThese}}, {{whose}} stays within the risk appetite: the closest point is {{loss}}, exceeded with a {{probability}} chance a year against {{limit}} tolerated.',
  'appetite.justAbove': 'It is only just above: {{years}} simulated years cannot settle it: the chance of losing more than {{loss}} in a year is {{probability}} \u00b1 {{error}}, against {{limit}} tolerated.',
  'appetite.justWithin': 'It is only just within: {{years}} simulated years cannot settle it: the chance of losing more than {{loss}} in a year is {{probability}} \u00b1 {{error}}, against {{limit}} tolerated.',
  'appetite.share_one': '{{names}} is expected to cost {{size}} a year, {{share}} % of the portfolio\'s expected annual loss.',
  'appetite.share_other': '{{names}} are expected to cost {{size}} a year, {{share}} % of the portfolio\'s expected annual loss.',
} as const;
