/**
 * The web app's words in English: the reference every other language follows (de.ts must have
 * the same keys; the type checker says which are missing). Pages not yet moved here still carry
 * their English in the component.
 */
export const en = {
  common: {
    cancel: 'Cancel',
    confirm: 'Confirm',
    save: 'Save',
    soon: 'Soon',
  },
  preferences: {
    menu: 'Display and language',
    colorScheme: 'Colour scheme',
    schemeAuto: 'As the system',
    schemeLight: 'Light',
    schemeDark: 'Dark',
    language: 'Language',
  },
  shell: {
    skipToContent: 'Skip to content',
    toggleNavigation: 'Toggle navigation',
    home: 'Triad home',
    client: 'Client',
    switchClient: 'Switch client',
    noClientByName: 'No client by that name',
    accountMenu: 'Account menu',
    yourAccount: 'Your account',
    firmUsers: 'Firm users',
    signInSecurity: 'Sign-in and security',
    apiReference: 'API reference',
    signOut: 'Sign out',
    portfolio: 'Portfolio',
    overview: 'Overview',
    clientPages: '{{client}} pages',
    clientAdministration: 'Client administration',
    members: 'Members',
    auditTrail: 'Audit trail',
    firmRole: { admin: 'Firm admin', advisor: 'Advisor', member: 'Client user' },
    /** Navigation labels by module id and section id; a module missing here keeps its own label. */
    modules: {
      'governance': 'Governance: seats & decisions',
      'notifications': 'Notifications',
      'estate': 'Estate: services & systems',
      'vendors': 'Vendors',
      'data': 'Data map & access',
      'risks': 'Risk register',
      'controls': 'Controls & maturity',
      'business': 'Business context',
      'roadmap': 'Roadmap',
      'budget': 'IT budget',
      'board-pack': 'Board pack',
      'qbr': 'Quarterly business review',
    } as Record<string, string>,
    sections: {
      'leadership': 'Leadership',
      'estate': 'Estate & data',
      'risk': 'Risk',
      'plan': 'Roadmap & budget',
      'reports': 'Reports',
    } as Record<string, string>,
  },
  signIn: {
    documentTitle: 'Sign in · Triad',
    title: 'Sign in',
    subtitle: 'to your firm’s Triad workspace',
    ssoFailed: 'Single sign-on did not work',
    orWithPassword: 'or with your password',
    couldNotSignIn: 'Could not sign in',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    enterEmail: 'Enter your e-mail address',
    enterPassword: 'Enter your password',
    trouble: 'Trouble signing in? Ask your firm’s Triad administrator.',
  },
};

/** The shape every language fills in: the same keys, each a string. */
export type Translations = Widen<typeof en>;
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends Record<string, string> ? Record<string, string> : Widen<T[K]> };
