import 'i18next';
import type { en } from './en';

/** The words of a part of the app: its namespace's English (see index.ts). */
type Words<T extends { default: object }> = T['default'];

// Keys are checked: t('shell.portfolio') compiles, a misspelt key does not; a page's namespace
// (`useTranslation('estate')`) checks its own keys the same way.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en;
      budget: Words<typeof import('../modules/budget/words/en')>;
      business: Words<typeof import('../modules/business/words/en')>;
      controls: Words<typeof import('../modules/controls/words/en')>;
      estate: Words<typeof import('../modules/estate/words/en')>;
      governance: Words<typeof import('../modules/governance/words/en')>;
      notifications: Words<typeof import('../modules/notifications/words/en')>;
      reports: Words<typeof import('../modules/reports/words/en')>;
      risks: Words<typeof import('../modules/risks/words/en')>;
      roadmap: Words<typeof import('../modules/roadmap/words/en')>;
      home: Words<typeof import('../pages/words/home/en')>;
      admin: Words<typeof import('../pages/words/admin/en')>;
      portfolio: Words<typeof import('../pages/words/portfolio/en')>;
    };
  }
}
