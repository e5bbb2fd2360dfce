import type { WordsOf } from '../../../server/i18n/types.js';
import type { ROADMAP_EN } from './en.js';

/** The roadmap's sentences the server writes into answers, in German. */
export const ROADMAP_DE: WordsOf<typeof ROADMAP_EN> = {
  'riskNote.noTreatment': 'Sie enthält keine Maßnahme des Risikoregisters.',
  'riskNote.notInRegister': 'Ihre Maßnahmen wirken auf Szenarien, die nicht im Risikoregister stehen (Vorschläge oder geschlossene).',
  'riskNote.engineFailed': 'Die Risiko-Engine konnte ihre Szenarien nicht simulieren; siehe das Risikoregister.',
};
