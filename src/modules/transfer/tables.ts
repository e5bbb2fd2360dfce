/**
 * Row type of the transfer module: where an imported client's audit trail was hashed under the
 * id the client had before (see ChainSegment in src/modules/audit/chain.ts). Not client-owned:
 * it is keyed by the audit chain, like audit_heads.
 */
export interface AuditChainOriginsTable {
  /** The audit chain (a client's id). */
  chain_id: string;
  /** Entries 1..through_seq (after any earlier segment) were hashed with origin_id as their chain id. */
  through_seq: number;
  origin_id: string;
  created_at: string;
}

export interface TransferTables {
  audit_chain_origins: AuditChainOriginsTable;
}
