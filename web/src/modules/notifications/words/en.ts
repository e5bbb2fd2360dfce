/** The notifications page's words in English (the reference; de.ts has the same keys). */
const en = {
  title: 'Notifications',
  documentTitle: 'Notifications · {{client}}',
  description: 'What was asked of you or escalated to you in this client. The bell at the top shows them across all your clients.',
  tabs: { mine: 'Your notifications', outbox: 'E-mail outbox' },
  markAllRead: 'Mark all read',
  noneYet: 'No notifications in this client yet',
  column: { notification: 'Notification', when: 'When', to: 'To', subject: 'Subject', status: 'Status', written: 'Written' },
  new: 'new',
  noun: 'notifications',
  notSending: 'E-mail is not being sent',
  notSendingText: 'No SMTP server is configured (SMTP_URL), so e-mails are kept here instead of being sent. The in-app notifications reach people either way.',
  noEmails: 'No e-mails yet',
  recipient: '{{name}} <{{email}}>',
  status: { pending: 'Queued', sent: 'Sent', held: 'Held (no SMTP)', failed: 'Failed, retrying' },
  emailsNoun: 'e-mails',
};
export default en;
