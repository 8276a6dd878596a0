import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from '@fulfillment-mesh/runtime';
import type { OperationRequest } from './executor.js';
import type { SubscriptionCounters } from './metrics.js';

/**
 * Subscribers that share one hydration per event: same field, same rewritten query, same variables and the same
 * authorization key. Reference-counted so that 10k identical subscribers hold one group, not 10k query strings.
 */
export interface HydrationGroup<TIdentity> {
  /** Short process-unique id (the in-flight map is keyed by it, not by the long key). */
  readonly id: number;
  readonly key: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly eventVariable: string;
  /** Where the payload sits in a result (the client's alias or the field name). */
  readonly responseKey: string;
  /** The identity of the first subscriber; every member has the same authorization key, so any would do. */
  readonly identity: TIdentity | null;
  refs: number;
}

/** What {@link createHydrator} needs. */
export interface HydratorDeps<TIdentity> {
  /** Runs a hydration query in process with a context built for `identity`. */
  execute(request: OperationRequest, identity: TIdentity | null): Promise<ExecutionResult>;
  counters: SubscriptionCounters;
  logger: Logger;
  /** Hydrations running at once before the event tail waits; default 64. */
  maxInFlight?: number;
  /** Extra attempts when a hydration fails with UNAVAILABLE (a subgraph away); default 2. */
  retries?: number;
  /** Wait before retry n is n times this; default 200 // 0.2 seconds. */
  retryDelayMs?: number;
}

/** A hydrated event for one group, or null when the group may not see the event at all (withheld, not delivered). */
export type Hydrated = ExecutionResult | null;

/** Resolves payload roots into results, once per (group, event), and holds the groups. */
export interface Hydrator<TIdentity> {
  /** The shared group for this key, created on first use; pair with {@link release}. */
  acquire(key: string, init: Omit<HydrationGroup<TIdentity>, 'id' | 'key' | 'refs'>): HydrationGroup<TIdentity>;
  release(group: HydrationGroup<TIdentity>): void;
  /**
   * The result of `group`'s query for one event; concurrent calls for the same event share one execution. Never
   * rejects; a result with errors carries `extensions.cursor`, so the client can still resume after it. When the
   * whole payload was refused (null with only FORBIDDEN / UNAUTHENTICATED errors: e.g. another partner's order), the
   * event is withheld (null): a subscriber learns nothing of events it may not read, not even that they happened.
   */
  hydrate(
    group: HydrationGroup<TIdentity>,
    entryId: string,
    root: Readonly<Record<string, unknown>>,
  ): Promise<Hydrated>;
  /** Resolves once fewer than `maxInFlight` hydrations run (the tail awaits it: backpressure onto the stream). */
  belowLimit(): Promise<void>;
  groupCount(): number;
}

/** Creates the hydrator of one gateway process. */
export function createHydrator<TIdentity>(deps: HydratorDeps<TIdentity>): Hydrator<TIdentity> {
  const maxInFlight = deps.maxInFlight ?? 64;
  const retries = deps.retries ?? 2;
  const retryDelayMs = deps.retryDelayMs ?? 200; // 0.2 seconds
  const groups = new Map<string, HydrationGroup<TIdentity>>();
  const inFlight = new Map<string, Promise<Hydrated>>();
  let waiters: (() => void)[] = [];
  let nextId = 0;

  async function run(
    group: HydrationGroup<TIdentity>,
    entryId: string,
    root: Readonly<Record<string, unknown>>,
  ): Promise<Hydrated> {
    let result: ExecutionResult;
    for (let attempt = 0; ; attempt++) {
      deps.counters.hydrations++;
      result = await execute(group, root);
      // A subgraph that is briefly away should not cost a console a status change: try again, a few times.
      if (attempt >= retries || !result.errors?.some((e) => e.extensions.code === 'UNAVAILABLE')) break;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * (attempt + 1)).unref());
    }
    if (!result.errors) return result;
    if (isRefused(result, group.responseKey)) {
      deps.counters.eventsWithheld++;
      return null;
    }
    deps.counters.hydrationErrors++;
    // The payload (and its cursor) may be missing from a failed result: the cursor rides in extensions instead.
    return { ...result, extensions: { ...result.extensions, cursor: entryId } };
  }

  async function execute(
    group: HydrationGroup<TIdentity>,
    root: Readonly<Record<string, unknown>>,
  ): Promise<ExecutionResult> {
    try {
      return await deps.execute(
        { query: group.query, variables: { ...group.variables, [group.eventVariable]: root } },
        group.identity,
      );
    } catch (error) {
      deps.logger.error({ err: error }, 'hydration failed outside GraphQL');
      return { errors: [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
    }
  }

  return {
    acquire(key, init) {
      let group = groups.get(key);
      if (!group) {
        group = { ...init, id: ++nextId, key, refs: 0 };
        groups.set(key, group);
      }
      group.refs++;
      return group;
    },
    release(group) {
      if (--group.refs <= 0) groups.delete(group.key);
    },
    hydrate(group, entryId, root) {
      const id = `${group.id}:${entryId}`;
      const running = inFlight.get(id);
      if (running) return running;
      const promise = run(group, entryId, root).finally(() => {
        inFlight.delete(id);
        if (inFlight.size < maxInFlight && waiters.length > 0) {
          const ready = waiters;
          waiters = [];
          for (const wake of ready) wake();
        }
      });
      inFlight.set(id, promise);
      return promise;
    },
    belowLimit() {
      if (inFlight.size < maxInFlight) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    groupCount: () => groups.size,
  };
}

const REFUSED = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

function isRefused(result: ExecutionResult, responseKey: string): boolean {
  const payload = result.data?.[responseKey];
  return (
    (payload === null || payload === undefined) &&
    (result.errors ?? []).length > 0 &&
    result.errors!.every((e) => REFUSED.has(String(e.extensions.code)))
  );
}
