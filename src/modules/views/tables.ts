/**
 * Row types of saved views: a person's named filters of one list, kept on the server so they
 * follow the person from device to device. Firm-wide (not client-owned): a view belongs to its
 * person and applies to the same list in every client they open.
 */
export interface SavedViewsTable {
  id: string;
  firm_id: string;
  user_id: string;
  /** Which list: one of LIST_KEYS (src/modules/views/schema.ts). */
  list_key: string;
  name: string;
  /** JSON object of the list's filters, as that list's schema in schema.ts checks them. */
  filters: string;
  created_at: string;
  updated_at: string;
}

export interface ViewTables {
  saved_views: SavedViewsTable;
}
