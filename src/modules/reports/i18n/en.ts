/**
 * The board pack's own words in English: the frame the PDF draws around the content (cover,
 * section labels, footer, page numbers). de.ts has the same keys. Labels of the content
 * (column heads, headings, figure names, stances) are English phrases, translated by
 * phrase in de.ts's LABELS_DE.
 */
export const FRAME_EN = {
  'cover.eyebrow': 'BOARD PACK',
  'cover.eyebrowDraft': 'BOARD PACK - DRAFT, NOT ISSUED',
  'cover.subtitle': '{{quarter}}: technology and information risk, in money',
  'cover.issued': 'Issued {{date}} by {{by}}',
  'cover.draftMade': 'Draft made {{date}}',
  'cover.meta': '{{when}} · figures as of {{asOf}} · amounts in {{currency}}',
  'doc.title': '{{client}}: board pack {{quarter}}',
  'doc.subject': 'Quarterly board pack: risk, decisions, vendors and the estate',
  'footer.text': '{{client}} · Board pack {{quarter}}{{draft}} · Confidential',
  'footer.draft': ' · DRAFT',
  'footer.page': 'Page {{page}} of {{pages}}',
  'section.label': 'SECTION {{number}}',
  'section.summary': 'Summary',
  'section.risk': 'Risk against appetite',
  'section.decisions': 'Decisions for the board',
  'section.governance': 'Accepted risks and governance',
  'section.vendors': 'Vendors',
  'section.lifecycle': 'Estate lifecycle',
  'section.maturity': 'Security maturity',
  'section.budget': 'IT budget against actual',
  'section.roadmap': 'Roadmap',
  'positions.proposal': 'Proposal: {{text}}',
  'positions.vacant': '(vacant)',
  'positions.none': 'No position recorded yet.',
  'positions.prefers': 'Prefers: {{text}}',
};

export type FrameKey = keyof typeof FRAME_EN;
