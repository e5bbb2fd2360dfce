import 'i18next';
import type { en } from './en';

// Keys are checked: t('shell.portfolio') compiles, a misspelt key does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
