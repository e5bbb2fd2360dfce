/**
 * The web app's words go through i18next (react-i18next's `useTranslation`). The language is
 * the one the person chose (kept in this browser), else the browser's own, else English.
 * English, the reference and the fallback, comes with the app; every other language is a chunk
 * of its own, loaded when it is in use (main.tsx waits for it before the first render) or chosen
 * (`changeLanguage`), so nobody downloads the words of a language they do not read.
 */
import dayjs from 'dayjs';
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en, type Translations } from './en';

export const LANGUAGES = { en: 'English', de: 'Deutsch' } as const;
export type Language = keyof typeof LANGUAGES;
export const LANGUAGE_STORAGE_KEY = 'triad.language';

/** A language's words, with what goes with them: the audit trail's actions, dayjs's month and day names. */
interface Bundle {
  words: Translations;
  auditActions: Record<string, string>;
  auditVerbs: Record<string, string>;
}

const LOAD: Record<Exclude<Language, 'en'>, () => Promise<Bundle>> = {
  de: async () => {
    const [{ de }, actions] = await Promise.all([import('./de'), import('./audit-actions-de'), import('dayjs/locale/de')]);
    return { words: de, auditActions: actions.AUDIT_ACTIONS_DE, auditVerbs: actions.AUDIT_VERBS_DE };
  },
};

/** An audit action's wording in the language in use, if it has its own (English ones are the modules'). */
export function auditActionWords(key: string, kind: 'auditActions' | 'auditVerbs'): string | undefined {
  const language = i18n.resolvedLanguage;
  if (!language || language === 'en') return undefined;
  return i18n.getResource(language, kind, key, { keySeparator: false }) as string | undefined;
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    // The other languages' words are added when they load (addResourceBundle).
    partialBundledLanguages: true,
    fallbackLng: 'en',
    supportedLngs: Object.keys(LANGUAGES),
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: LANGUAGE_STORAGE_KEY, caches: ['localStorage'] },
    initAsync: false,
  });

// The page's language, and dayjs's month and day names (its locales load with the words).
const setLang = (lng: string) => {
  document.documentElement.setAttribute('lang', lng);
  dayjs.locale(lng);
};
setLang(i18n.resolvedLanguage ?? 'en');
i18n.on('languageChanged', () => setLang(i18n.resolvedLanguage ?? 'en'));

function isLanguage(code: string | undefined): code is Language {
  return code !== undefined && Object.hasOwn(LANGUAGES, code);
}

/** Loads a language's words (once), then switches the app to it. */
export async function changeLanguage(language: Language): Promise<void> {
  if (language !== 'en' && !i18n.hasResourceBundle(language, 'translation')) {
    const bundle = await LOAD[language]();
    i18n.addResourceBundle(language, 'auditActions', bundle.auditActions);
    i18n.addResourceBundle(language, 'auditVerbs', bundle.auditVerbs);
    i18n.addResourceBundle(language, 'translation', bundle.words);
  }
  await i18n.changeLanguage(language);
  setLang(language);
}

/**
 * Resolves when the words of the language in use are there. Should they fail to load (a dropped
 * connection), the app starts in English rather than not at all.
 */
export const languageReady: Promise<void> = (async () => {
  const wanted = i18n.language.split('-')[0];
  if (isLanguage(wanted) && wanted !== 'en') {
    try {
      await changeLanguage(wanted);
    } catch (err) {
      console.error(`The words in ${LANGUAGES[wanted]} could not be loaded; showing English.`, err);
    }
  }
})();

/** The language in use: one of LANGUAGES. */
export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage;
  return isLanguage(l) ? l : 'en';
}

export default i18n;
