/**
 * What the roadmap gives the rest of Triad (the QBR and the board pack): the initiatives with
 * their ranks and risk figures, and the quarters of the board. Framework-free, on a ClientScope.
 */
export { boardQuarters, getRoadmap } from './initiatives.js';
export { frameworkGaps } from './sources.js';
export type { InitiativeOut, RoadmapOut } from './schema.js';
