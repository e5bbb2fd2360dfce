import { checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { ACCEPTANCE_STATUSES, DECISION_STATUSES, REPORTS_TO, RESPONSE_STATUSES, SEATS, STANCES } from './schema.js';

/** 20261126_04_governance: seats and charter, settings, decisions and positions, concerns, risk acceptances. */
export async function up(db: MigrationDb): Promise<void> {
  await createClientTable(db, 'gov_seats')
    .addColumn('seat', T.text, (c) => c.notNull().check(checkIn('seat', SEATS)))
    .addColumn('holder_user_id', T.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('since', T.date)
    .addColumn('reports_to', T.text, (c) => c.notNull().check(checkIn('reports_to', REPORTS_TO)))
    .addColumn('reports_to_note', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gov_seats_seat_idx').on('gov_seats').columns(['client_id', 'seat']).unique().execute();

  await createClientTable(db, 'gov_responsibilities')
    .addColumn('seat', T.text, (c) => c.notNull().check(checkIn('seat', SEATS)))
    .addColumn('key', T.text)
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('covered_by', T.text, (c) => c.check(checkIn('covered_by', SEATS)))
    .addColumn('position', T.int, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gov_responsibilities_key_idx').on('gov_responsibilities').columns(['client_id', 'key']).unique().execute();

  await createClientTable(db, 'gov_settings')
    .addColumn('default_acceptance_months', T.int, (c) => c.notNull())
    .addColumn('max_acceptance_months', T.int, (c) => c.notNull())
    .addColumn('material_change_percent', T.real, (c) => c.notNull())
    .addColumn('reminder_days_json', T.json, (c) => c.notNull())
    .addColumn('concern_response_days', T.int, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  // One settings row per client.
  await db.schema.createIndex('gov_settings_client_idx').on('gov_settings').column('client_id').unique().execute();

  await createClientTable(db, 'gov_decisions')
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('context', T.text)
    .addColumn('proposal', T.text, (c) => c.notNull())
    .addColumn('options_json', T.json, (c) => c.notNull())
    .addColumn('proposed_option_id', T.id)
    .addColumn('seats_json', T.json, (c) => c.notNull())
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', DECISION_STATUSES)))
    .addColumn('decide_by', T.date)
    .addColumn('revisit_on', T.date)
    .addColumn('escalated_at', T.timestamp)
    .addColumn('escalation_reason', T.text)
    .addColumn('outcome', T.text)
    .addColumn('chosen_option_id', T.id)
    .addColumn('decided_by_user_id', T.id)
    .addColumn('decided_by_name', T.text)
    .addColumn('decided_role', T.text)
    .addColumn('decided_at', T.timestamp)
    .addColumn('raised_by_user_id', T.id)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gov_decisions_status_idx').on('gov_decisions').columns(['client_id', 'status', 'created_at']).execute();

  let positions = createClientTable(db, 'gov_positions')
    .addColumn('decision_id', T.id, (c) => c.notNull())
    .addColumn('seat', T.text, (c) => c.notNull().check(checkIn('seat', SEATS)))
    .addColumn('stance', T.text, (c) => c.notNull().check(checkIn('stance', STANCES)))
    .addColumn('rationale', T.text, (c) => c.notNull())
    .addColumn('preferred_option_id', T.id)
    .addColumn('holder_user_id', T.id, (c) => c.notNull())
    .addColumn('recorded_by_user_id', T.id)
    .addColumn('on_behalf', T.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_at', T.timestamp, (c) => c.notNull());
  positions = clientForeignKey(positions, 'gov_positions_decision_fk', 'decision_id', 'gov_decisions');
  await positions.execute();
  await db.schema.createIndex('gov_positions_seat_idx').on('gov_positions').columns(['client_id', 'decision_id', 'seat']).unique().execute();

  await createClientTable(db, 'gov_concerns')
    .addColumn('subject_type', T.text, (c) => c.notNull())
    .addColumn('subject_id', T.text, (c) => c.notNull())
    .addColumn('subject_title', T.text, (c) => c.notNull())
    .addColumn('seat', T.text, (c) => c.notNull().check(checkIn('seat', SEATS)))
    .addColumn('summary', T.text, (c) => c.notNull())
    .addColumn('raised_by_user_id', T.id)
    .addColumn('holder_user_id', T.id)
    .addColumn('respond_by', T.date, (c) => c.notNull())
    .addColumn('response_status', T.text, (c) => c.notNull().check(checkIn('response_status', RESPONSE_STATUSES)))
    .addColumn('response', T.text)
    .addColumn('responded_by_user_id', T.id)
    .addColumn('responded_at', T.timestamp)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gov_concerns_subject_idx').on('gov_concerns').columns(['client_id', 'subject_type', 'subject_id', 'seat']).unique().execute();

  await createClientTable(db, 'gov_acceptances')
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('justification', T.text, (c) => c.notNull())
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', ACCEPTANCE_STATUSES)))
    .addColumn('expires_on', T.date, (c) => c.notNull())
    .addColumn('requested_by_user_id', T.id)
    .addColumn('requested_by_name', T.text, (c) => c.notNull())
    .addColumn('requested_role', T.text, (c) => c.notNull())
    .addColumn('requested_at', T.timestamp, (c) => c.notNull())
    .addColumn('appetite_defined', T.flag, (c) => c.notNull())
    .addColumn('above_appetite', T.flag, (c) => c.notNull())
    .addColumn('appetite_explanation', T.text, (c) => c.notNull())
    .addColumn('approved_by_user_id', T.id)
    .addColumn('approved_by_name', T.text)
    .addColumn('approved_role', T.text)
    .addColumn('approved_at', T.timestamp)
    .addColumn('closed_by_user_id', T.id)
    .addColumn('closed_at', T.timestamp)
    .addColumn('note', T.text)
    .addColumn('reapproval_required_at', T.timestamp)
    .addColumn('reapproval_reason', T.text)
    .addColumn('reminders_sent_json', T.json, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  // The expiry task looks for approved acceptances by date, across clients.
  await db.schema.createIndex('gov_acceptances_due_idx').on('gov_acceptances').columns(['status', 'expires_on']).execute();

  let risks = createClientTable(db, 'gov_acceptance_risks')
    .addColumn('acceptance_id', T.id, (c) => c.notNull())
    .addColumn('risk_id', T.id, (c) => c.notNull())
    .addColumn('risk_title', T.text, (c) => c.notNull())
    .addColumn('snapshot_json', T.json, (c) => c.notNull())
    .addColumn('frozen_mean', T.real)
    .addColumn('frozen_p90', T.real)
    .addColumn('latest_mean', T.real)
    .addColumn('latest_at', T.timestamp);
  risks = clientForeignKey(risks, 'gov_acceptance_risks_acceptance_fk', 'acceptance_id', 'gov_acceptances');
  await risks.execute();
  await db.schema.createIndex('gov_acceptance_risks_pair_idx').on('gov_acceptance_risks').columns(['client_id', 'acceptance_id', 'risk_id']).unique().execute();
  await db.schema.createIndex('gov_acceptance_risks_risk_idx').on('gov_acceptance_risks').columns(['client_id', 'risk_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
