/** What framework assessments ask of the caller: answers owed or sent back, hand-ins to review. */
import type { ClientScope } from '../../server/context.js';
import { words } from '../../server/i18n/index.js';
import type { TaskOut } from '../tasks/schema.js';

export async function controlsTasks(scope: ClientScope): Promise<TaskOut[]> {
  const me = scope.actor.userId;
  const t = scope.now().toISOString().slice(0, 10);
  const say = words(scope.language, 'tasks');
  const tasks: TaskOut[] = [];
  if (me !== null && scope.can('controls.answer')) {
    const asked = await scope.db.selectFrom('ctl_requests').selectAll().where('status', '=', 'open').where('assignee_user_id', '=', me).orderBy('created_at').execute();
    for (const r of asked) {
      const returned = r.returned_note !== null;
      tasks.push({
        id: `${returned ? 'assessment.returned' : 'assessment.answer'}:${r.id}`,
        kind: returned ? 'assessment.returned' : 'assessment.answer',
        title: say(returned ? 'assessment.returned.title' : 'assessment.answer.title', { node: r.node_id, title: r.node_title }),
        detail: returned
          ? say('assessment.returned.detail', { name: r.reviewed_by ?? r.asked_by, note: r.returned_note ?? '' })
          : r.note
            ? say('assessment.answer.detailWithNote', { name: r.asked_by, note: r.note })
            : say('assessment.answer.detail', { name: r.asked_by }),
        path: `controls/${r.assessment_id}`,
        dueOn: r.due_on,
        overdue: r.due_on !== null && r.due_on < t,
      });
    }
  }
  if (scope.can('controls.manage')) {
    const handedIn = await scope.db.selectFrom('ctl_requests').selectAll().where('status', '=', 'submitted').orderBy('submitted_at').execute();
    for (const r of handedIn) {
      tasks.push({
        id: `assessment.review:${r.id}`,
        kind: 'assessment.review',
        title: say('assessment.review.title', { node: r.node_id, title: r.node_title }),
        detail: say('assessment.review.detail'),
        path: `controls/${r.assessment_id}`,
        dueOn: null,
        overdue: false,
      });
    }
  }
  return tasks;
}
