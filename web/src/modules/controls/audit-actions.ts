/** How the controls module's audit actions read in the trail. */
export const CONTROLS_AUDIT_ACTIONS: Record<string, string> = {
  'assessment.create': 'Started an assessment',
  'assessment.update': 'Changed an assessment',
  'assessment.delete': 'Deleted an assessment',
  'assessment.answer': 'Answered an outcome',
  'assessment.links': 'Linked an outcome to risks',
  'assessment.evidence.add': 'Added evidence',
  'assessment.evidence.delete': 'Removed evidence',
  'assessment.request': 'Asked a contributor to answer',
  'assessment.request.submit': 'Handed in answers',
  'assessment.request.accept': 'Accepted answers',
  'assessment.request.return': 'Sent answers back',
  'assessment.request.withdraw': 'Withdrew a request',
  'assessment.import': 'Imported answers from CSV',
  'assessment.complete': 'Signed off an assessment',
};
