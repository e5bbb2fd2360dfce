/**
 * The words the server writes into API answers (governance checks, authority reasons, quarter
 * labels, ...), in the reader's language: one i18next instance, each module's words a namespace
 * (the module's words/en.ts and words/de.ts), keys typed from the English words. The language
 * of an answer comes from the request's Accept-Language (languageOf); without one, or with one
 * Triad does not speak, answers are in English, so API clients and the CLI keep English.
 */
import i18next from 'i18next';
import { ESTATE_DE } from '../../modules/estate/words/de.js';
import { ESTATE_EN } from '../../modules/estate/words/en.js';
import { GOVERNANCE_DE } from '../../modules/governance/words/de.js';
import { GOVERNANCE_EN } from '../../modules/governance/words/en.js';
import { RISKS_DE } from '../../modules/risks/words/de.js';
import { RISKS_EN } from '../../modules/risks/words/en.js';
import { ROADMAP_DE } from '../../modules/roadmap/words/de.js';
import { ROADMAP_EN } from '../../modules/roadmap/words/en.js';
import { TASKS_DE } from '../../modules/tasks/words/de.js';
import { TASKS_EN } from '../../modules/tasks/words/en.js';
import { SERVER_DE } from './de.js';
import { SERVER_EN } from './en.js';
import type { Language } from './language.js';
import type { WordsOf } from './types.js';

export { dateIn, languageOf, LANGUAGES, type Language } from './language.js';

const EN = { server: SERVER_EN, estate: ESTATE_EN, governance: GOVERNANCE_EN, risks: RISKS_EN, roadmap: ROADMAP_EN, tasks: TASKS_EN };
type Namespaces = typeof EN;
export type Namespace = keyof Namespaces;

/** `checks.vacant.title`, or `checks.count` for the pair `checks.count_one` / `checks.count_other`. */
type KeyOf<W> = { [K in keyof W]: K extends `${infer B}_${'one' | 'other'}` ? B : K }[keyof W] & string;


const DE: { [N in Namespace]: WordsOf<Namespaces[N]> } = { server: SERVER_DE, estate: ESTATE_DE, governance: GOVERNANCE_DE, risks: RISKS_DE, roadmap: ROADMAP_DE, tasks: TASKS_DE };

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: EN, de: DE },
  fallbackLng: 'en',
  ns: Object.keys(EN),
  defaultNS: 'server',
  keySeparator: false,
  nsSeparator: false,
  // Answers are JSON: the web app escapes what it shows.
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  initAsync: false,
});

export type Values = Record<string, string | number>;
export type Key<N extends Namespace> = KeyOf<Namespaces[N]>;
export type Say<N extends Namespace> = (key: KeyOf<Namespaces[N]>, values?: Values) => string;

/** The words of one namespace in one language: `words('de', 'governance')('checks.vacant.title', { seat })`. */
export function words<N extends Namespace>(language: Language, ns: N): Say<N> {
  const t = i18n.getFixedT(language, ns);
  return (key, values) => t(key, values ?? {});
}
