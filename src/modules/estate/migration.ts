import { sql } from 'kysely';
import { checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { 
  ACCESS_LEVELS,
  CLASSIFICATIONS,
  CONCLUSIONS,
  CRITICALITIES,
  GRANTEE_TYPES,
  GRANT_TARGETS,
  LIFECYCLE_STAGES,
  REVIEW_DECISIONS,
  REVIEW_STATUSES,
  SUPPLIES,
  SYSTEM_SCOPES,
  SYSTEM_STATUSES,
  SYSTEM_TYPES,
} from './vocab.js';

/** 20261126_02_estate: services, systems, vendors and fourth parties, contracts, data map, access. */
export async function up(db: MigrationDb): Promise<void> {
  const services = createClientTable(db, 'estate_services')
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('name_key', T.text, (c) => c.notNull())
    .addColumn('business_unit', T.text)
    .addColumn('description', T.text)
    .addColumn('downtime_cost_per_hour', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('rto_hours', T.real)
    .addColumn('rpo_hours', T.real)
    .addColumn('criticality', T.text, (c) => c.notNull().check(checkIn('criticality', CRITICALITIES)))
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  await services.execute();
  await db.schema.createIndex('estate_services_name_idx').on('estate_services').columns(['client_id', 'name_key']).unique().execute();

  const vendors = createClientTable(db, 'estate_vendors')
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('name_key', T.text, (c) => c.notNull())
    .addColumn('direct', T.flag, (c) => c.notNull().defaultTo(1))
    .addColumn('supplies', T.text, (c) => c.notNull().check(checkIn('supplies', SUPPLIES)))
    .addColumn('offering', T.text)
    .addColumn('country', T.text)
    .addColumn('website', T.text)
    .addColumn('contact', T.text)
    .addColumn('tier_override', T.int, (c) => c.check(sql<boolean>`tier_override between 1 and 4`))
    .addColumn('tier_override_reason', T.text)
    .addColumn('notes', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  await vendors.execute();
  await db.schema.createIndex('estate_vendors_name_idx').on('estate_vendors').columns(['client_id', 'name_key']).unique().execute();

  let links = createClientTable(db, 'estate_vendor_links')
    .addColumn('vendor_id', T.id, (c) => c.notNull())
    .addColumn('sub_vendor_id', T.id, (c) => c.notNull())
    .addColumn('service', T.text)
    .addColumn('handles_data', T.flag, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', T.timestamp, (c) => c.notNull());
  links = clientForeignKey(links, 'estate_vendor_links_vendor_fk', 'vendor_id', 'estate_vendors');
  links = clientForeignKey(links, 'estate_vendor_links_sub_fk', 'sub_vendor_id', 'estate_vendors');
  await links.execute();
  await db.schema.createIndex('estate_vendor_links_pair_idx').on('estate_vendor_links').columns(['client_id', 'vendor_id', 'sub_vendor_id']).unique().execute();
  await db.schema.createIndex('estate_vendor_links_sub_idx').on('estate_vendor_links').columns(['client_id', 'sub_vendor_id']).execute();

  let systems = createClientTable(db, 'estate_systems')
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('asset_tag', T.text)
    .addColumn('type', T.text, (c) => c.notNull().check(checkIn('type', SYSTEM_TYPES)))
    .addColumn('scope', T.text, (c) => c.notNull().check(checkIn('scope', SYSTEM_SCOPES)))
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', SYSTEM_STATUSES)))
    .addColumn('owner', T.text)
    .addColumn('vendor_id', T.id)
    .addColumn('location', T.text)
    .addColumn('manufacturer', T.text)
    .addColumn('model', T.text)
    .addColumn('serial', T.text)
    .addColumn('category', T.text)
    .addColumn('purchase_date', T.date)
    .addColumn('purchase_cost', T.money)
    .addColumn('warranty_end', T.date)
    .addColumn('end_of_life', T.date)
    .addColumn('replacement_cost', T.money)
    .addColumn('notes', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  systems = clientForeignKey(systems, 'estate_systems_vendor_fk', 'vendor_id', 'estate_vendors', 'set null');
  await systems.execute();
  await db.schema.createIndex('estate_systems_tag_idx').on('estate_systems').columns(['client_id', 'asset_tag']).unique().execute();
  await db.schema.createIndex('estate_systems_name_idx').on('estate_systems').columns(['client_id', 'name']).execute();
  await db.schema.createIndex('estate_systems_vendor_idx').on('estate_systems').columns(['client_id', 'vendor_id']).execute();
  await db.schema.createIndex('estate_systems_eol_idx').on('estate_systems').columns(['client_id', 'end_of_life']).execute();
  await db.schema.createIndex('estate_systems_warranty_idx').on('estate_systems').columns(['client_id', 'warranty_end']).execute();

  let serviceSystems = createClientTable(db, 'estate_service_systems')
    .addColumn('service_id', T.id, (c) => c.notNull())
    .addColumn('system_id', T.id, (c) => c.notNull());
  serviceSystems = clientForeignKey(serviceSystems, 'estate_service_systems_service_fk', 'service_id', 'estate_services');
  serviceSystems = clientForeignKey(serviceSystems, 'estate_service_systems_system_fk', 'system_id', 'estate_systems');
  await serviceSystems.execute();
  await db.schema.createIndex('estate_service_systems_pair_idx').on('estate_service_systems').columns(['client_id', 'service_id', 'system_id']).unique().execute();
  await db.schema.createIndex('estate_service_systems_system_idx').on('estate_service_systems').columns(['client_id', 'system_id']).execute();

  let contracts = createClientTable(db, 'estate_contracts')
    .addColumn('vendor_id', T.id, (c) => c.notNull())
    .addColumn('reference', T.text, (c) => c.notNull())
    .addColumn('reference_key', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('annual_cost', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('start_date', T.date)
    .addColumn('renewal_date', T.date)
    .addColumn('term_months', T.int, (c) => c.notNull().defaultTo(12))
    .addColumn('notice_days', T.int, (c) => c.notNull().defaultTo(0))
    .addColumn('auto_renew', T.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('owner', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  contracts = clientForeignKey(contracts, 'estate_contracts_vendor_fk', 'vendor_id', 'estate_vendors');
  await contracts.execute();
  await db.schema.createIndex('estate_contracts_key_idx').on('estate_contracts').columns(['client_id', 'vendor_id', 'reference_key']).unique().execute();
  await db.schema.createIndex('estate_contracts_renewal_idx').on('estate_contracts').columns(['client_id', 'renewal_date']).execute();

  let assessments = createClientTable(db, 'estate_assessments')
    .addColumn('vendor_id', T.id, (c) => c.notNull())
    .addColumn('assessed_on', T.date, (c) => c.notNull())
    .addColumn('score', T.real)
    .addColumn('findings', T.json, (c) => c.notNull())
    .addColumn('conclusion', T.text, (c) => c.notNull().check(checkIn('conclusion', CONCLUSIONS)))
    .addColumn('next_due', T.date)
    .addColumn('assessor', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull());
  assessments = clientForeignKey(assessments, 'estate_assessments_vendor_fk', 'vendor_id', 'estate_vendors');
  await assessments.execute();
  await db.schema.createIndex('estate_assessments_vendor_idx').on('estate_assessments').columns(['client_id', 'vendor_id', 'assessed_on']).execute();

  await createClientTable(db, 'estate_datasets')
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('name_key', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('classification', T.text, (c) => c.notNull().check(checkIn('classification', CLASSIFICATIONS)))
    .addColumn('categories', T.json, (c) => c.notNull())
    .addColumn('records', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('countries', T.json, (c) => c.notNull())
    .addColumn('lifecycle_stage', T.text, (c) => c.notNull().check(checkIn('lifecycle_stage', LIFECYCLE_STAGES)))
    .addColumn('retention', T.text)
    .addColumn('owner', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('estate_datasets_name_idx').on('estate_datasets').columns(['client_id', 'name_key']).unique().execute();

  let datasetSystems = createClientTable(db, 'estate_dataset_systems')
    .addColumn('dataset_id', T.id, (c) => c.notNull())
    .addColumn('system_id', T.id, (c) => c.notNull());
  datasetSystems = clientForeignKey(datasetSystems, 'estate_dataset_systems_dataset_fk', 'dataset_id', 'estate_datasets');
  datasetSystems = clientForeignKey(datasetSystems, 'estate_dataset_systems_system_fk', 'system_id', 'estate_systems');
  await datasetSystems.execute();
  await db.schema.createIndex('estate_dataset_systems_pair_idx').on('estate_dataset_systems').columns(['client_id', 'dataset_id', 'system_id']).unique().execute();
  await db.schema.createIndex('estate_dataset_systems_system_idx').on('estate_dataset_systems').columns(['client_id', 'system_id']).execute();

  let datasetVendors = createClientTable(db, 'estate_dataset_vendors')
    .addColumn('dataset_id', T.id, (c) => c.notNull())
    .addColumn('vendor_id', T.id, (c) => c.notNull());
  datasetVendors = clientForeignKey(datasetVendors, 'estate_dataset_vendors_dataset_fk', 'dataset_id', 'estate_datasets');
  datasetVendors = clientForeignKey(datasetVendors, 'estate_dataset_vendors_vendor_fk', 'vendor_id', 'estate_vendors');
  await datasetVendors.execute();
  await db.schema.createIndex('estate_dataset_vendors_pair_idx').on('estate_dataset_vendors').columns(['client_id', 'dataset_id', 'vendor_id']).unique().execute();
  await db.schema.createIndex('estate_dataset_vendors_vendor_idx').on('estate_dataset_vendors').columns(['client_id', 'vendor_id']).execute();

  let grants = createClientTable(db, 'estate_grants')
    .addColumn('target_type', T.text, (c) => c.notNull().check(checkIn('target_type', GRANT_TARGETS)))
    .addColumn('dataset_id', T.id)
    .addColumn('system_id', T.id)
    .addColumn('target_key', T.text, (c) => c.notNull())
    .addColumn('grantee', T.text, (c) => c.notNull())
    .addColumn('grantee_key', T.text, (c) => c.notNull())
    .addColumn('grantee_type', T.text, (c) => c.notNull().check(checkIn('grantee_type', GRANTEE_TYPES)))
    .addColumn('level', T.text, (c) => c.notNull().check(checkIn('level', ACCESS_LEVELS)))
    .addColumn('reason', T.text)
    .addColumn('owner_user_id', T.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('granted_by', T.text)
    .addColumn('since', T.date)
    .addColumn('revoked_at', T.timestamp)
    .addColumn('revoked_reason', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  grants = clientForeignKey(grants, 'estate_grants_dataset_fk', 'dataset_id', 'estate_datasets');
  grants = clientForeignKey(grants, 'estate_grants_system_fk', 'system_id', 'estate_systems');
  await grants.execute();
  await db.schema.createIndex('estate_grants_key_idx').on('estate_grants').columns(['client_id', 'target_key', 'grantee_key']).unique().execute();
  await db.schema.createIndex('estate_grants_owner_idx').on('estate_grants').columns(['client_id', 'owner_user_id']).execute();

  await createClientTable(db, 'estate_reviews')
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', REVIEW_STATUSES)))
    .addColumn('due_date', T.date, (c) => c.notNull())
    .addColumn('started_by', T.id)
    .addColumn('started_by_label', T.text, (c) => c.notNull())
    .addColumn('started_at', T.timestamp, (c) => c.notNull())
    .addColumn('closed_at', T.timestamp)
    .execute();

  let items = createClientTable(db, 'estate_review_items')
    .addColumn('review_id', T.id, (c) => c.notNull())
    .addColumn('grant_id', T.id, (c) => c.notNull())
    .addColumn('reviewer_user_id', T.id)
    .addColumn('decision', T.text, (c) => c.check(checkIn('decision', REVIEW_DECISIONS)))
    .addColumn('note', T.text)
    .addColumn('decided_by', T.id)
    .addColumn('decided_by_label', T.text)
    .addColumn('decided_at', T.timestamp);
  items = clientForeignKey(items, 'estate_review_items_review_fk', 'review_id', 'estate_reviews');
  items = clientForeignKey(items, 'estate_review_items_grant_fk', 'grant_id', 'estate_grants');
  await items.execute();
  await db.schema.createIndex('estate_review_items_pair_idx').on('estate_review_items').columns(['client_id', 'review_id', 'grant_id']).unique().execute();
  await db.schema.createIndex('estate_review_items_reviewer_idx').on('estate_review_items').columns(['client_id', 'reviewer_user_id']).execute();

  await createClientTable(db, 'estate_imports')
    .addColumn('kind', T.text, (c) => c.notNull())
    .addColumn('file_name', T.text)
    .addColumn('sha256', T.text, (c) => c.notNull())
    .addColumn('bytes', T.money, (c) => c.notNull())
    .addColumn('rows', T.int, (c) => c.notNull())
    .addColumn('created', T.int, (c) => c.notNull())
    .addColumn('updated', T.int, (c) => c.notNull())
    .addColumn('unchanged', T.int, (c) => c.notNull())
    .addColumn('actor_id', T.id)
    .addColumn('actor_label', T.text, (c) => c.notNull())
    .addColumn('started_at', T.timestamp, (c) => c.notNull())
    .addColumn('finished_at', T.timestamp, (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
