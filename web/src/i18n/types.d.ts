import 'i18next';
import type { en } from './en';
import type budgetWords from '../modules/budget/words/en';
import type businessWords from '../modules/business/words/en';
import type controlsWords from '../modules/controls/words/en';
import type estateWords from '../modules/estate/words/en';
import type governanceWords from '../modules/governance/words/en';
import type notificationsWords from '../modules/notifications/words/en';
import type reportsWords from '../modules/reports/words/en';
import type risksWords from '../modules/risks/words/en';
import type roadmapWords from '../modules/roadmap/words/en';
import type homeWords from '../pages/words/home/en';
import type adminWords from '../pages/words/admin/en';
import type portfolioWords from '../pages/words/portfolio/en';

// Keys are checked: t('shell.portfolio') compiles, a misspelt key does not; a page's namespace
// (`useTranslation('estate')`) checks its own keys the same way.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en;
      budget: typeof budgetWords;
      business: typeof businessWords;
      controls: typeof controlsWords;
      estate: typeof estateWords;
      governance: typeof governanceWords;
      notifications: typeof notificationsWords;
      reports: typeof reportsWords;
      risks: typeof risksWords;
      roadmap: typeof roadmapWords;
      home: typeof homeWords;
      admin: typeof adminWords;
      portfolio: typeof portfolioWords;
    };
  }
}
