import type { WordsOf } from '../../../server/i18n/types.js';
import type { ROADMAP_EN } from './en.js';

/** The roadmap's sentences the server writes into answers, in German. */
export const ROADMAP_DE: WordsOf<typeof ROADMAP_EN> = {
  'riskNote.noTreatment': 'Sie enthält keine Maßnahme des Risikoregisters.',
  'riskNote.notInRegister': 'Ihre Maßnahmen wirken auf Szenarien, die nicht im Risikoregister stehen (Vorschläge oder geschlossene).',
  'riskNote.engineFailed': 'Die Risiko-Engine konnte ihre Szenarien nicht simulieren; siehe das Risikoregister.',
  'replace.pastEndOfLife': 'Seit {{date}} über das Lebensende hinaus',
  'replace.endOfLife': 'Erreicht am {{date}} das Lebensende',
  'replace.pastWarranty': 'Seit {{date}} ohne Garantie',
  'replace.warranty': 'Garantie endet am {{date}}',
  'gap.levels': '{{current}} \u2192 {{target}}',
  'gap.level': '{{unit}} {{value}} ({{name}})',
  'gap.levelUnnamed': '{{unit}} {{value}}',
  'scale.csf-tiers.unit': 'Stufe',
  'scale.csf-tiers.1': 'Partiell',
  'scale.csf-tiers.2': 'Risikoinformiert',
  'scale.csf-tiers.3': 'Wiederholbar',
  'scale.csf-tiers.4': 'Adaptiv',
  'scale.maturity-0-5.unit': 'Stufe',
  'scale.maturity-0-5.0': 'Nicht durchgeführt',
  'scale.maturity-0-5.1': 'Initial',
  'scale.maturity-0-5.2': 'Wiederholbar',
  'scale.maturity-0-5.3': 'Definiert',
  'scale.maturity-0-5.4': 'Gesteuert',
  'scale.maturity-0-5.5': 'Optimiert',
};
