import type { FastifyBaseLogger } from 'fastify';

/**
 * In-process domain events, so one module can react to another's changes without importing it
 * (the governance module re-checks accepted risks when the risk register's results change).
 * Listeners run after the change committed; a failing listener is logged, never thrown back.
 */
export interface DomainEvents {
  /** A client's simulation results were recomputed; `riskIds` are the scenarios whose result changed. */
  'risks.results-updated': { clientId: string; riskIds: string[] };
  /** A scenario's inputs, treatments or status changed. */
  'risks.changed': { clientId: string; riskIds: string[] };
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => Promise<void> | void;

export class EventBus {
  private readonly listeners = new Map<keyof DomainEvents, Listener<keyof DomainEvents>[]>();

  constructor(private readonly log: FastifyBaseLogger) {}

  on<K extends keyof DomainEvents>(event: K, listener: Listener<K>): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener<keyof DomainEvents>);
    this.listeners.set(event, list);
  }

  async emit<K extends keyof DomainEvents>(event: K, payload: DomainEvents[K]): Promise<void> {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        await listener(payload);
      } catch (err) {
        this.log.error({ err, event }, 'event listener failed');
      }
    }
  }
}
