/**
 * The web app's words go through i18next (react-i18next's `useTranslation`). The language is
 * the one the person chose (kept in this browser), else the browser's own, else English.
 * English, the reference and the fallback, comes with the app; every other language is a chunk
 * of its own, loaded when it is in use (main.tsx waits for it before the first render) or chosen
 * (`changeLanguage`), so nobody downloads the words of a language they do not read.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en, type Translations } from './en';

export const LANGUAGES = { en: 'English', de: 'Deutsch' } as const;
export type Language = keyof typeof LANGUAGES;
export const LANGUAGE_STORAGE_KEY = 'triad.language';

const LOAD: Record<Exclude<Language, 'en'>, () => Promise<Translations>> = {
  de: async () => (await import('./de')).de,
};

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

const setLang = (lng: string) => document.documentElement.setAttribute('lang', lng);
setLang(i18n.resolvedLanguage ?? 'en');
i18n.on('languageChanged', () => setLang(i18n.resolvedLanguage ?? 'en'));

function isLanguage(code: string | undefined): code is Language {
  return code !== undefined && Object.hasOwn(LANGUAGES, code);
}

/** Loads a language's words (once), then switches the app to it. */
export async function changeLanguage(language: Language): Promise<void> {
  if (language !== 'en' && !i18n.hasResourceBundle(language, 'translation')) {
    i18n.addResourceBundle(language, 'translation', await LOAD[language]());
  }
  await i18n.changeLanguage(language);
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
