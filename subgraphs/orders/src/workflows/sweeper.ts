import type { Logger } from '@fulfillment-mesh/runtime';
import type { OrderDoc } from '../store/models.js';
import type { OrderStore } from '../store/index.js';
import type { PlaceOrderWorkflow } from './place-order.js';
import type { ReservationSteps } from './reservations.js';

/** Options of {@link createSweeper}. */
export interface SweeperOptions {
  /** Pause between two sweeps; default 30_000 // 30 seconds (repairs are rare; sweeps are reads on the request store). */
  intervalMs?: number;
  /**
   * An order still PENDING_VALIDATION this long after its reservation was requested (or last resumed) is resumed:
   * inventory is asked again under the order's key, and a synchronous reservation it cannot reach is handed to the
   * backbone. Covers a placeOrder call that crashed or failed after writing the order, and an outcome event lost
   * with an in-process bus; default 60_000 // 1 minute. Should exceed the longest reserveStock call with retries
   * (a repeat is harmless: inventory dedupes by key, outcomes are applied once).
   */
  syncGraceMs?: number;
  /** Orders handled per sweep and kind; default 100. */
  batchSize?: number;
}

/**
 * Background repair: no order is left waiting for a reservation, no owed release is forgotten. `start` sweeps at
 * once every order requested before the process started (what a killed predecessor left mid-placeOrder), then
 * every `intervalMs`.
 */
export interface Sweeper {
  /** One sweep now; resolves with how many orders it handled. */
  sweep(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** Creates the sweeper of the orders subgraph. */
export function createSweeper(
  deps: {
    store: OrderStore;
    steps: Pick<ReservationSteps, 'performReleases'> & Pick<PlaceOrderWorkflow, 'resume'>;
    now: () => Date;
    logger: Logger;
  },
  options: SweeperOptions = {},
): Sweeper {
  const intervalMs = options.intervalMs ?? 30_000; // 30 seconds
  const syncGraceMs = options.syncGraceMs ?? 60_000; // 1 minute
  const batchSize = options.batchSize ?? 100;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  // One order's failure must not hold up the others: it is logged and retried on the next sweep.
  const each = async (orders: readonly OrderDoc[], work: (order: OrderDoc) => Promise<unknown>) => {
    for (const order of orders)
      await work(order).catch((error: unknown) =>
        deps.logger.error({ err: error, orderId: order._id }, 'sweep of one order failed'),
      );
  };

  const resumeBefore = async (before: string): Promise<number> => {
    const stale = await deps.store.awaitingReservation(before, batchSize);
    await each(stale, (order) => deps.steps.resume(order));
    return stale.length;
  };
  const releaseOwed = async (): Promise<number> => {
    const owing = await deps.store.pendingReleases(batchSize);
    await each(owing, (order) => deps.steps.performReleases(order));
    return owing.length;
  };
  const sweep = async () =>
    (await resumeBefore(new Date(deps.now().getTime() - syncGraceMs).toISOString())) + (await releaseOwed());

  // At start-up no placeOrder call of this process runs yet: every order waiting since before is resumed now
  // (in batches; bounded so that orders whose resume keeps failing are left to the regular sweeps).
  const sweepAtStart = async (startedAt: string) => {
    for (let round = 0; round < 50 && !stopped; round++) if ((await resumeBefore(startedAt)) < batchSize) break;
    await releaseOwed();
  };

  const run = (work: () => Promise<unknown>, what: string) => {
    running = work()
      .catch((error: unknown) => deps.logger.error({ err: error }, `${what} failed; retrying on the next sweep`))
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(() => run(sweep, 'sweep'), intervalMs);
  };

  return {
    sweep,
    start() {
      if (!stopped) return;
      stopped = false;
      const startedAt = deps.now().toISOString();
      run(() => sweepAtStart(startedAt), 'start-up sweep');
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
