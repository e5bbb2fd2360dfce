import type en from './en';

/** The notifications page's words in German. */
const de: typeof en = {
  title: 'Benachrichtigungen',
  documentTitle: 'Benachrichtigungen · {{client}}',
  description: 'Worum Sie bei diesem Mandanten gebeten wurden oder was an Sie eskaliert wurde. Die Glocke oben zeigt sie über alle Ihre Mandanten.',
  tabs: { mine: 'Ihre Benachrichtigungen', outbox: 'E-Mail-Ausgang' },
  markAllRead: 'Alle als gelesen markieren',
  noneYet: 'Noch keine Benachrichtigungen bei diesem Mandanten',
  column: { notification: 'Benachrichtigung', when: 'Wann', to: 'An', subject: 'Betreff', status: 'Status', written: 'Geschrieben' },
  new: 'neu',
  noun: 'Benachrichtigungen',
  notSending: 'E-Mails werden nicht versendet',
  notSendingText: 'Es ist kein SMTP-Server eingerichtet (SMTP_URL), daher werden E-Mails hier aufbewahrt statt versendet. Die Benachrichtigungen in der App erreichen die Personen trotzdem.',
  noEmails: 'Noch keine E-Mails',
  recipient: '{{name}} <{{email}}>',
  status: { pending: 'In der Warteschlange', sent: 'Gesendet', held: 'Zurückgehalten (kein SMTP)', failed: 'Fehlgeschlagen, neuer Versuch folgt' },
  emailsNoun: 'E-Mails',
};
export default de;
