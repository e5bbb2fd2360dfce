/**
 * Row types of the IT budget. Every table is client-owned (client_id, primary key (client_id,
 * id)); money is integer minor units of the client's currency in bigint columns; months are
 * `YYYY-MM`. The client's fiscal year start month is `clients.fiscal_year_start_month`.
 */
import type { ActualSource, Category, Scope, Seat } from './vocab.js';

/** A line of a fiscal year's plan: what is planned for one purpose, by category and seat. */
export interface BudgetLinesTable {
  client_id: string;
  id: string;
  /** The fiscal year, named by the calendar year it ends in. */
  fiscal_year: number;
  name: string;
  category: Category;
  seat: Seat;
  scope: Scope;
  /** What the line covers, so the forecast does not count it twice as a committed item. */
  contract_id: string | null;
  system_id: string | null;
  initiative_id: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** A line's planned amount for one month. */
export interface BudgetPlanTable {
  client_id: string;
  id: string;
  line_id: string;
  month: string;
  amount: number;
}

/** What was spent: entered for a month, or a line of an accounting export. */
export interface BudgetActualsTable {
  client_id: string;
  id: string;
  month: string;
  /** The day, for imported lines; null for an amount entered for the month. */
  date: string | null;
  category: Category;
  seat: Seat;
  scope: Scope;
  vendor: string | null;
  description: string | null;
  /** The accounting account the line came from (imports). */
  account: string | null;
  amount: number;
  source: ActualSource;
  import_id: string | null;
  /** An imported line's identity (date, account, vendor, amount, description, occurrence): importing the same line again changes nothing. */
  import_key: string | null;
  created_by: string | null;
  created_at: string;
}

/** How an accounting account maps to a budget category and seat: set once per client. */
export interface BudgetAccountsTable {
  client_id: string;
  id: string;
  account: string;
  account_key: string;
  category: Category;
  seat: Seat;
  scope: Scope;
  created_at: string;
  updated_at: string;
}

/** An actuals file that was imported: what it was and what it did. */
export interface BudgetImportsTable {
  client_id: string;
  id: string;
  file_name: string | null;
  sha256: string;
  bytes: number;
  rows: number;
  created: number;
  unchanged: number;
  actor_id: string | null;
  actor_label: string;
  started_at: string;
  finished_at: string;
}

export interface BudgetTables {
  budget_lines: BudgetLinesTable;
  budget_plan: BudgetPlanTable;
  budget_actuals: BudgetActualsTable;
  budget_accounts: BudgetAccountsTable;
  budget_imports: BudgetImportsTable;
}
