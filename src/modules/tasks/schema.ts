/**
 * What waits for a person (zod only, so the web app imports the types as `@schema/tasks`):
 * the client home's "Waiting for you" list and the portfolio's "Needs action" column. Each
 * module says what it asks of whom (its tasks.ts); this module gathers them.
 */
import { z } from 'zod';

export const TASK_KINDS = [
  'decision.decide',
  'decision.position',
  'concern.respond',
  'acceptance.approve',
  'review.certify',
  'review.overdue',
  'assessment.answer',
  'assessment.returned',
  'assessment.review',
  'risk.proposal',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TaskOut = z.object({
  id: z.string().describe('Stable key of the task, `<kind>:<record id>`'),
  kind: z.enum(TASK_KINDS),
  title: z.string().describe('What to do, in a few words: "Decide: Replace the firewall"'),
  detail: z.string().describe('One plain sentence on why it waits for the caller'),
  path: z.string().describe('The page of the client workspace where it is done, relative to it'),
  dueOn: z.string().nullable().describe('The date it is due (YYYY-MM-DD), when there is one'),
  overdue: z.boolean(),
});
export type TaskOut = z.infer<typeof TaskOut>;

export const TaskList = z.object({
  tasks: z.array(TaskOut).describe('Overdue first, then by due date, then those without a date'),
});
export type TaskList = z.infer<typeof TaskList>;

export const AttentionRow = z.object({
  clientId: z.string(),
  tasks: z.number().describe('Tasks waiting for the caller in this client'),
  escalations: z.number().describe('Decisions escalated to the executives and still open'),
  renewalsThisQuarter: z.number().describe('Contract renewals or notice deadlines from today to the end of the calendar quarter'),
  overdueReviews: z.number().describe('Open access reviews past their due date with grants still undecided'),
});
export type AttentionRow = z.infer<typeof AttentionRow>;

export const AttentionList = z.object({ clients: z.array(AttentionRow) });
export type AttentionList = z.infer<typeof AttentionList>;

/** Orders tasks for a person: overdue first, then soonest due, then undated; ties by title. */
export function byUrgency(a: TaskOut, b: TaskOut): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn.localeCompare(b.dueOn);
  }
  return a.title.localeCompare(b.title);
}
