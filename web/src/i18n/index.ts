/**
 * The web app's words go through i18next (react-i18next's `useTranslation`). The language is
 * the one the person chose (kept in this browser), else the browser's own, else English.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

export const LANGUAGES = { en: 'English', de: 'Deutsch' } as const;
export type Language = keyof typeof LANGUAGES;
export const LANGUAGE_STORAGE_KEY = 'triad.language';

export const resources = { en: { translation: en }, de: { translation: de } } as const;

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
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

/** The language in use: one of LANGUAGES. */
export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage;
  return l === 'de' ? 'de' : 'en';
}

export default i18n;
