/**
 * What the roadmap gives the rest of Triad (the QBR and the board pack): the initiatives with
 * their ranks and risk figures, and the quarters of the board. Framework-free, on a ClientScope.
 */
export { boardQuarters, getRoadmap } from './initiatives.js';
export { frameworkGaps } from './gaps.js';
export type { ClosedOutcomeOut, GapCandidatesOut, InitiativeOut, RoadmapOut } from './schema.js';
