/**
 * The kinds of background job that the web app follows by name (`GET /api/clients/{id}/jobs?kind=…`,
 * the progress of a recompute or of a board pack). The server registers and queues its jobs under
 * these names; the web app asks for them. This file imports nothing, so both share it.
 */

/** Simulates a client's register again after a change (src/modules/risks/recompute.ts). */
export const RECOMPUTE_JOB = 'risks.recompute';

/** Generates a board pack's draft (src/modules/reports/packs.ts). */
export const BOARD_PACK_JOB = 'reports.board-pack';
