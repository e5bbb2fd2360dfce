import { sql } from 'kysely';
import { bytesType, checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { ASSESSMENT_STATUSES, EVIDENCE_KINDS, REQUEST_STATUSES, RISK_LINK_KINDS, SCALE_KEYS, SEATS } from './schema.js';

/**
 * 20261205_01_controls: the firm's catalogues (versions and their nodes), and per client the
 * assessments, their answers, requests to contributors, evidence (links and files) and links
 * from outcomes to risk scenarios and treatments.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('ctl_catalogues')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('uuid', T.text, (c) => c.notNull())
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('builtin', T.text)
    .addColumn('latest_version_id', T.id)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ctl_catalogues_uuid_idx').on('ctl_catalogues').columns(['firm_id', 'uuid']).unique().execute();

  await db.schema
    .createTable('ctl_catalogue_versions')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('catalogue_id', T.id, (c) => c.notNull().references('ctl_catalogues.id').onDelete('cascade'))
    .addColumn('version', T.text, (c) => c.notNull())
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('kind', T.text, (c) => c.notNull().check(checkIn('kind', ['catalog', 'resolved-profile'])))
    .addColumn('oscal_version', T.text)
    .addColumn('published', T.text)
    .addColumn('last_modified', T.text)
    .addColumn('sha256', T.text, (c) => c.notNull())
    .addColumn('file_name', T.text)
    .addColumn('bytes', T.int, (c) => c.notNull())
    .addColumn('group_count', T.int, (c) => c.notNull())
    .addColumn('control_count', T.int, (c) => c.notNull())
    .addColumn('withdrawn_count', T.int, (c) => c.notNull())
    .addColumn('outcome_count', T.int, (c) => c.notNull())
    .addColumn('counts_json', T.json, (c) => c.notNull())
    .addColumn('warnings_json', T.json, (c) => c.notNull())
    .addColumn('imported_at', T.timestamp, (c) => c.notNull())
    .addColumn('imported_by_user_id', T.id)
    .addColumn('imported_by', T.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ctl_catalogue_versions_version_idx').on('ctl_catalogue_versions').columns(['catalogue_id', 'version']).unique().execute();

  await db.schema
    .createTable('ctl_nodes')
    .addColumn('version_id', T.id, (c) => c.notNull().references('ctl_catalogue_versions.id').onDelete('cascade'))
    .addColumn('node_id', T.text, (c) => c.notNull())
    .addColumn('kind', T.text, (c) => c.notNull().check(checkIn('kind', ['group', 'control'])))
    .addColumn('parent_id', T.text)
    .addColumn('top_id', T.text, (c) => c.notNull())
    .addColumn('depth', T.int, (c) => c.notNull())
    .addColumn('position', T.int, (c) => c.notNull())
    .addColumn('class', T.text)
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('label', T.text)
    .addColumn('sort_id', T.text)
    .addColumn('withdrawn', T.flag, (c) => c.notNull())
    .addColumn('assessable', T.flag, (c) => c.notNull())
    .addColumn('statement', T.text)
    .addColumn('parts_json', T.json, (c) => c.notNull())
    .addColumn('params_json', T.json, (c) => c.notNull())
    .addColumn('links_json', T.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('ctl_nodes_pk', ['version_id', 'node_id'])
    .execute();
  await db.schema.createIndex('ctl_nodes_position_idx').on('ctl_nodes').columns(['version_id', 'position']).execute();

  let assessments = createClientTable(db, 'ctl_assessments')
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('catalogue_id', T.id, (c) => c.notNull().references('ctl_catalogues.id'))
    .addColumn('version_id', T.id, (c) => c.notNull().references('ctl_catalogue_versions.id'))
    .addColumn('scale', T.text, (c) => c.notNull().check(checkIn('scale', SCALE_KEYS)))
    .addColumn('scope_json', T.json, (c) => c.notNull())
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', ASSESSMENT_STATUSES)))
    .addColumn('copied_from_id', T.id)
    .addColumn('due_on', T.date)
    .addColumn('outcome_count', T.int, (c) => c.notNull())
    .addColumn('created_by_user_id', T.id)
    .addColumn('created_by', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .addColumn('completed_at', T.timestamp)
    .addColumn('completed_by_user_id', T.id)
    .addColumn('completed_by', T.text)
    .addColumn('sign_off_note', T.text);
  assessments = clientForeignKey(assessments, 'ctl_assessments_copied_from_fk', 'copied_from_id', 'ctl_assessments', 'restrict');
  await assessments.execute();
  await db.schema.createIndex('ctl_assessments_catalogue_idx').on('ctl_assessments').columns(['client_id', 'catalogue_id', 'status']).execute();

  let answers = createClientTable(db, 'ctl_answers')
    .addColumn('assessment_id', T.id, (c) => c.notNull())
    .addColumn('control_id', T.text, (c) => c.notNull())
    .addColumn('position', T.int, (c) => c.notNull())
    .addColumn('top_id', T.text, (c) => c.notNull())
    .addColumn('category_id', T.text)
    .addColumn('current_level', T.int, (c) => c.check(sqlBetween('current_level')))
    .addColumn('target_level', T.int, (c) => c.check(sqlBetween('target_level')))
    .addColumn('not_applicable', T.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('na_reason', T.text)
    .addColumn('owner_seat', T.text, (c) => c.check(checkIn('owner_seat', SEATS)))
    .addColumn('notes', T.text)
    .addColumn('answered_by_user_id', T.id)
    .addColumn('answered_by', T.text)
    .addColumn('answered_at', T.timestamp)
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  answers = clientForeignKey(answers, 'ctl_answers_assessment_fk', 'assessment_id', 'ctl_assessments');
  await answers.execute();
  await db.schema.createIndex('ctl_answers_control_idx').on('ctl_answers').columns(['client_id', 'assessment_id', 'control_id']).unique().execute();

  let requests = createClientTable(db, 'ctl_requests')
    .addColumn('assessment_id', T.id, (c) => c.notNull())
    .addColumn('node_id', T.text, (c) => c.notNull())
    .addColumn('node_title', T.text, (c) => c.notNull())
    .addColumn('assignee_user_id', T.id, (c) => c.notNull().references('users.id'))
    .addColumn('asked_by_user_id', T.id)
    .addColumn('asked_by', T.text, (c) => c.notNull())
    .addColumn('due_on', T.date)
    .addColumn('note', T.text)
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', REQUEST_STATUSES)))
    .addColumn('returned_note', T.text)
    .addColumn('submitted_at', T.timestamp)
    .addColumn('reviewed_at', T.timestamp)
    .addColumn('reviewed_by', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  requests = clientForeignKey(requests, 'ctl_requests_assessment_fk', 'assessment_id', 'ctl_assessments');
  await requests.execute();
  await db.schema.createIndex('ctl_requests_assessment_idx').on('ctl_requests').columns(['client_id', 'assessment_id', 'status']).execute();

  await createClientTable(db, 'ctl_evidence_files')
    .addColumn('content', bytesType(db), (c) => c.notNull())
    .addColumn('size_bytes', T.int, (c) => c.notNull())
    .addColumn('sha256', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .execute();

  let evidence = createClientTable(db, 'ctl_evidence')
    .addColumn('assessment_id', T.id, (c) => c.notNull())
    .addColumn('answer_id', T.id, (c) => c.notNull())
    .addColumn('kind', T.text, (c) => c.notNull().check(checkIn('kind', EVIDENCE_KINDS)))
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('url', T.text)
    .addColumn('file_id', T.id)
    .addColumn('file_name', T.text)
    .addColumn('media_type', T.text)
    .addColumn('size_bytes', T.int)
    .addColumn('sha256', T.text)
    .addColumn('carried_from_id', T.id)
    .addColumn('added_by_user_id', T.id)
    .addColumn('added_by', T.text, (c) => c.notNull())
    .addColumn('added_at', T.timestamp, (c) => c.notNull());
  evidence = clientForeignKey(evidence, 'ctl_evidence_assessment_fk', 'assessment_id', 'ctl_assessments');
  evidence = clientForeignKey(evidence, 'ctl_evidence_answer_fk', 'answer_id', 'ctl_answers');
  evidence = clientForeignKey(evidence, 'ctl_evidence_file_fk', 'file_id', 'ctl_evidence_files', 'restrict');
  await evidence.execute();
  await db.schema.createIndex('ctl_evidence_answer_idx').on('ctl_evidence').columns(['client_id', 'answer_id']).execute();
  await db.schema.createIndex('ctl_evidence_assessment_idx').on('ctl_evidence').columns(['client_id', 'assessment_id']).execute();
  await db.schema.createIndex('ctl_evidence_file_idx').on('ctl_evidence').columns(['client_id', 'file_id']).execute();

  let links = createClientTable(db, 'ctl_risk_links')
    .addColumn('answer_id', T.id, (c) => c.notNull())
    .addColumn('kind', T.text, (c) => c.notNull().check(checkIn('kind', RISK_LINK_KINDS)))
    .addColumn('target_id', T.id, (c) => c.notNull())
    .addColumn('label', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull());
  links = clientForeignKey(links, 'ctl_risk_links_answer_fk', 'answer_id', 'ctl_answers');
  await links.execute();
  await db.schema.createIndex('ctl_risk_links_pair_idx').on('ctl_risk_links').columns(['client_id', 'answer_id', 'kind', 'target_id']).unique().execute();
  await db.schema.createIndex('ctl_risk_links_target_idx').on('ctl_risk_links').columns(['client_id', 'target_id']).execute();
}

/** Levels of every scale lie from 0 to 5; the assessment's own scale is checked by the code. */
function sqlBetween(column: string) {
  return sql<boolean>`${sql.ref(column)} between 0 and 5`;
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
