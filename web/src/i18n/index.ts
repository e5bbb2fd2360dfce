/**
 * The web app's words go through i18next (react-i18next's `useTranslation`). The language is
 * the one the person chose (kept in this browser), else the browser's own, else English.
 * English, the reference and the fallback, comes with the app; every other language is a chunk
 * of its own, loaded when it is in use (main.tsx waits for it before the first render) or chosen
 * (`changeLanguage`), so nobody downloads the words of a language they do not read.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { en } from './en';

export const LANGUAGES = { en: 'English', de: 'Deutsch' } as const;
export type Language = keyof typeof LANGUAGES;
export const LANGUAGE_STORAGE_KEY = 'triad.language';

/**
 * The words of the app's parts, a namespace each, each language a chunk of its own, loaded with
 * the part (a page's `useTranslation('estate')` suspends until they are there): a module's in
 * web/src/modules/<module>/words/<language>.ts, the other pages' in
 * web/src/pages/words/<namespace>/<language>.ts. The frame's words ('translation') are the
 * exception: English comes with the app, the other languages load the same way.
 */
const PART_WORDS = {
  ...import.meta.glob<{ default: object }>('../modules/*/words/*.ts'),
  ...import.meta.glob<{ default: object }>('../pages/words/*/*.ts'),
};
const FRAME_WORDS: Record<Exclude<Language, 'en'>, () => Promise<{ de: object }>> = {
  de: () => import('./de'),
};

/**
 * The audit trail's actions and, for an action no wording is known for, its verb: English's are
 * the platform's and the modules' own (`auditActions`), the other languages' load with their words.
 */
const AUDIT_WORDS: Record<Exclude<Language, 'en'>, () => Promise<{ auditActions: object; auditVerbs: object }>> = {
  de: async () => {
    const words = await import('./audit-actions-de');
    return { auditActions: words.AUDIT_ACTIONS_DE, auditVerbs: words.AUDIT_VERBS_DE };
  },
};
/** dayjs's month and day names, loaded with the frame's words. */
const DAYJS_LOCALES: Record<Exclude<Language, 'en'>, () => Promise<unknown>> = {
  de: () => import('dayjs/locale/de'),
};

async function loadWords(language: string, namespace: string): Promise<object> {
  if (namespace === 'translation') {
    if (language === 'en') return en;
    if (language === 'de') return (await Promise.all([FRAME_WORDS.de(), DAYJS_LOCALES.de()]))[0].de;
    throw new Error(`No words in ${language}`);
  }
  if (namespace === 'auditActions' || namespace === 'auditVerbs') {
    if (language === 'en') return {};
    if (language === 'de') return (await AUDIT_WORDS.de())[namespace];
    throw new Error(`No words in ${language}`);
  }
  const load = PART_WORDS[`../modules/${namespace}/words/${language}.ts`] ?? PART_WORDS[`../pages/words/${namespace}/${language}.ts`];
  if (!load) throw new Error(`No words for ${namespace} in ${language}`);
  return (await load()).default;
}

const ready = i18n
  .use(LanguageDetector)
  .use(resourcesToBackend(loadWords))
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    // The rest (other languages, the parts' namespaces) loads when in use.
    partialBundledLanguages: true,
    ns: ['translation', 'auditActions', 'auditVerbs'],
    defaultNS: 'translation',
    fallbackLng: 'en',
    supportedLngs: Object.keys(LANGUAGES),
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: LANGUAGE_STORAGE_KEY, caches: ['localStorage'] },
  });

// The page's language, and dayjs's month and day names (its locales load with the words). dayjs
// is left to the pages that draw dates while the app speaks English, its own default, so that
// the sign-in page does not load it.
let dayjsInUse = false;
const setLang = (lng: string) => {
  document.documentElement.setAttribute('lang', lng);
  if (lng === 'en' && !dayjsInUse) return;
  dayjsInUse = true;
  void import('dayjs').then(({ default: dayjs }) => dayjs.locale(lng));
};
setLang(i18n.resolvedLanguage ?? 'en');
i18n.on('languageChanged', () => setLang(i18n.resolvedLanguage ?? 'en'));
void ready.then(() => setLang(i18n.resolvedLanguage ?? 'en'));

/** An audit action's wording in the language in use, if it has its own (English ones are the modules'). */
export function auditActionWords(key: string, kind: 'auditActions' | 'auditVerbs'): string | undefined {
  const language = i18n.resolvedLanguage;
  if (!language || language === 'en') return undefined;
  return i18n.getResource(language, kind, key, { keySeparator: false }) as string | undefined;
}

function isLanguage(code: string | undefined): code is Language {
  return code !== undefined && Object.hasOwn(LANGUAGES, code);
}

/** Switches the app to a language, once its words (the frame's and the open parts') are loaded. */
export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}

/**
 * Resolves when the words of the language in use are there. Should they fail to load (a dropped
 * connection), the app starts in English rather than not at all.
 */
export const languageReady: Promise<void> = ready.then(
  () => undefined,
  (err: unknown) => {
    console.error('The words of the chosen language could not be loaded; showing English.', err);
  },
);

/** The language in use: one of LANGUAGES. */
export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage;
  return isLanguage(l) ? l : 'en';
}

export default i18n;
