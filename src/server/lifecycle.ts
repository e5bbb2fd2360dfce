/**
 * Where the server is in its life, for the readiness probe: starting, migrating the database,
 * ready, or stopping. Only `ready` takes ordinary requests.
 */
export type Phase = 'starting' | 'migrating' | 'ready' | 'stopping';

export class Lifecycle {
  constructor(public phase: Phase = 'starting') {}

  get ready(): boolean {
    return this.phase === 'ready';
  }
}
