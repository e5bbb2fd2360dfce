/** How the reports' audit actions read in the trail. */
export const REPORT_AUDIT_ACTIONS: Record<string, string> = {
  'report.generate': 'Asked for a board pack draft',
  'report.draft': 'Board pack draft made',
  'report.fail': 'Board pack draft failed',
  'report.issue': 'Issued a board pack',
  'report.issue.override': 'Issued a board pack while responses were owed',
};
