import type { WordsOf } from '../../../server/i18n/types.js';
import type { TASKS_EN } from './en.js';

/** What waits for a person (each module's tasks), in German. */
export const TASKS_DE: WordsOf<typeof TASKS_EN> = {
  'decision.decide.title': 'Entscheiden: {{title}}',
  'decision.decide.escalated': 'Die Sitze sind sich uneinig; daher ist die Entscheidung an die Geschäftsleitung eskaliert.',
  'decision.decide.ready': 'Jeder Sitz hat Stellung genommen; die Entscheidung kann festgehalten werden.',
  'decision.position.title': 'Nehmen Sie als {{seat}} Stellung: {{title}}',
  'decision.position.detail': 'Die Entscheidung wartet auf jeden Sitz, den sie betrifft (niemand wird übergangen).',
  'concern.respond.title': 'Antworten Sie als {{seat}}: {{title}}',
  'acceptance.approve.title': 'Genehmigen oder ablehnen: {{title}}',
  'acceptance.approve.again': 'Bereits akzeptiert, muss erneut genehmigt werden: {{reason}}.',
  'acceptance.approve.riskChanged': 'das Risiko hat sich verändert',
  'acceptance.approve.asked': '{{name}} bittet darum, das Risiko bis {{date}} zu akzeptieren.',
  'assessment.answer.title': 'Beantworten: {{node}} {{title}}',
  'assessment.answer.detail': '{{name}} hat Sie gebeten, diese Ergebnisse zu beantworten.',
  'assessment.answer.detailWithNote': '{{name}} hat Sie gebeten, diese Ergebnisse zu beantworten: {{note}}',
  'assessment.returned.title': 'Erneut ansehen: {{node}} {{title}}',
  'assessment.returned.detail': '{{name}} hat Ihre Antworten zurückgeschickt: {{note}}',
  'assessment.review.title': 'Antworten prüfen: {{node}} {{title}}',
  'assessment.review.detail': 'Eingereicht: Nehmen Sie die Antworten an oder schicken Sie sie mit einer Notiz zurück.',
  'review.certify.title_one': '{{count}} Zugriffsberechtigung bestätigen: {{name}}',
  'review.certify.title_other': '{{count}} Zugriffsberechtigungen bestätigen: {{name}}',
  'review.certify.detail': 'Diese Berechtigungen gehören Ihnen: Behalten oder entziehen Sie jede einzelne.',
  'review.overdue.title': 'Überfällige Zugriffsprüfung: {{name}}',
  'review.overdue.detail_one': '{{count}} Berechtigung ist nach dem Fälligkeitsdatum noch nicht entschieden.',
  'review.overdue.detail_other': '{{count}} Berechtigungen sind nach dem Fälligkeitsdatum noch nicht entschieden.',
  'risk.proposal.title': 'Vorgeschlagenes Szenario prüfen: {{ref}} {{title}}',
  'risk.proposal.detail': 'Von einem Mitwirkenden vorgeschlagen: Übernehmen Sie es ins Risikoregister, ändern oder löschen Sie es.',
};
