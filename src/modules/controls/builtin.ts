/**
 * The catalogues that come with Triad, loaded into every firm through the same importer as any
 * other (no network: the files ship in the project, src/modules/controls/builtin/, and in the
 * build). Loading is idempotent: a firm that has the catalogue is left alone.
 */
import type { AppContext } from '../../server/context.js';
import { systemActor } from '../../server/firm.js';
import { importCatalogue, listCatalogues } from './catalogues.js';
import type { CatalogueOut } from './schema.js';

export const CSF_KEY = 'nist-csf-2.0';

/** Firms already checked by this process. */
const done = new WeakMap<AppContext, Set<string>>();

/** NIST CSF 2.0 (public domain), as NIST publishes it in OSCAL: usnistgov/oscal-content. */
async function csfDocument(): Promise<unknown> {
  return (await import('./builtin/NIST_CSF_v2.0_catalog.json', { with: { type: 'json' } })).default;
}

/** Loads the built-in catalogues into the firm unless it has them. */
export async function ensureBuiltinCatalogues(app: AppContext, firmId: string): Promise<void> {
  let firms = done.get(app);
  if (!firms) {
    firms = new Set();
    done.set(app, firms);
  }
  if (firms.has(firmId)) return;
  const doc = await csfDocument();
  const version = (doc as { catalog: { metadata: { version: string } } }).catalog.metadata.version;
  const stored = () =>
    app.database.db
      .selectFrom('ctl_catalogues')
      .innerJoin('ctl_catalogue_versions', 'ctl_catalogue_versions.catalogue_id', 'ctl_catalogues.id')
      .select('ctl_catalogue_versions.id')
      .where('ctl_catalogues.firm_id', '=', firmId)
      .where('ctl_catalogues.builtin', '=', CSF_KEY)
      .where('ctl_catalogue_versions.version', '=', version)
      .executeTakeFirst();
  // A firm that has an older version of it gets this one as a new version.
  if (!(await stored())) {
    try {
      await importCatalogue(app, systemActor(firmId, 'Triad (built-in catalogues)'), { document: doc }, { builtin: CSF_KEY, fileName: 'NIST_CSF_v2.0_catalog.json' });
    } catch (err) {
      // Two processes starting at once: the other one stored it first.
      if (!(await stored())) throw err;
    }
  }
  firms.add(firmId);
}

/** Loads the built-in catalogues into every firm of the database (at start-up). */
export async function ensureBuiltinsForAllFirms(app: AppContext): Promise<void> {
  const firms = await app.database.db.selectFrom('firms').select('id').execute();
  for (const f of firms) await ensureBuiltinCatalogues(app, f.id);
}

/** Every catalogue of the firm, the built-in ones loaded first if they are not yet (first use). */
export async function firmCatalogues(app: AppContext, firmId: string): Promise<CatalogueOut[]> {
  await ensureBuiltinCatalogues(app, firmId);
  return listCatalogues(app, firmId);
}
