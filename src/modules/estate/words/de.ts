import type { WordsOf } from '../../../server/i18n/types.js';
import type { ESTATE_EN } from './en.js';

/** The estate's sentences the server writes into answers, in German. */
export const ESTATE_DE: WordsOf<typeof ESTATE_EN> = {
  'tier.supports': 'Unterstützt „{{name}}“ (Geschäftsdienst, Kritikalität {{criticality}})',
  'tier.supportsVia': 'Unterstützt „{{name}}“ (Geschäftsdienst, Kritikalität {{criticality}}) über {{via}}',
  'tier.supportsViaCapped': 'Unterstützt „{{name}}“ (Geschäftsdienst, Kritikalität {{criticality}}) über {{via}}; als Viertpartei höchstens Stufe {{highest}}, sofern nicht von Hand gesetzt',
  'tier.sells': 'Verkauft die Hardware, auf der „{{name}}“ läuft (Geschäftsdienst, Kritikalität {{criticality}})',
  'tier.sellsCapped': 'Verkauft die Hardware, auf der „{{name}}“ läuft (Geschäftsdienst, Kritikalität {{criticality}}); Hardware ist auch anderswo erhältlich, daher höchstens Stufe {{highest}}, sofern nicht von Hand gesetzt',
  'tier.holds': 'Hält „{{name}}“ (Daten, Klassifizierung {{classification}})',
  'tier.holdsVia': 'Hält „{{name}}“ (Daten, Klassifizierung {{classification}}) über {{via}}',
  'tier.holdsViaCapped': 'Hält „{{name}}“ (Daten, Klassifizierung {{classification}}) über {{via}}; als Viertpartei höchstens Stufe {{highest}}, sofern nicht von Hand gesetzt',
  'tier.supplies_one': 'Liefert {{count}} System im Einsatz',
  'tier.supplies_other': 'Liefert {{count}} Systeme im Einsatz',
  'tier.underContract': 'Unter Vertrag',
  'tier.nothing': 'Nichts im Bestand hängt von ihm ab',
  'tier.set': 'Auf Stufe {{tier}} ({{label}}) gesetzt: {{reason}}',
  'tier.rose': 'Seine Stufe stieg von {{then}} auf {{tier}} ({{label}}), seit er am {{date}} bewertet wurde; Lieferanten der Stufe {{tier}} werden alle {{months}} Monate bewertet.',
  'criticality.critical': 'kritisch',
  'criticality.high': 'hoch',
  'criticality.medium': 'mittel',
  'criticality.low': 'niedrig',
  'classification.public': 'öffentlich',
  'classification.internal': 'intern',
  'classification.confidential': 'vertraulich',
  'classification.restricted': 'streng vertraulich',
  'tierLabel.1': 'kritisch',
  'tierLabel.2': 'hoch',
  'tierLabel.3': 'mittel',
  'tierLabel.4': 'niedrig',
};
