import type { Logger } from '@fulfillment-mesh/runtime';
import type { OrderDoc } from '../store/models.js';
import type { OrderStore } from '../store/index.js';
import type { ReservationSteps } from './reservations.js';

/** Options of {@link createSweeper}. */
export interface SweeperOptions {
  /** Pause between two sweeps; default 30_000 // 30 seconds (repairs are rare; sweeps are reads on the request store). */
  intervalMs?: number;
  /**
   * A synchronous reservation older than this without an outcome is handed to the backbone (the placeOrder
   * call that made it crashed or failed after writing the order); default 60_000 // 1 minute. Must exceed the
   * longest reserveStock call including retries.
   */
  syncGraceMs?: number;
  /** Orders handled per sweep and kind; default 100. */
  batchSize?: number;
}

/** Background repair: no order is left waiting for a reservation, no owed release is forgotten. */
export interface Sweeper {
  /** One sweep now; resolves with how many orders it handled. */
  sweep(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** Creates the sweeper of the orders subgraph. */
export function createSweeper(deps: { store: OrderStore; steps: ReservationSteps; now: () => Date; logger: Logger }, options: SweeperOptions = {}): Sweeper {
  const intervalMs = options.intervalMs ?? 30_000; // 30 seconds
  const syncGraceMs = options.syncGraceMs ?? 60_000; // 1 minute
  const batchSize = options.batchSize ?? 100;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  // One order's failure must not hold up the others: it is logged and retried on the next sweep.
  const each = async (orders: readonly OrderDoc[], work: (order: OrderDoc) => Promise<unknown>) => {
    for (const order of orders) await work(order).catch((error: unknown) => deps.logger.error({ err: error, orderId: order._id }, 'sweep of one order failed'));
  };

  const sweep = async (): Promise<number> => {
    const now = deps.now();
    const stale = await deps.store.staleSyncReservations(new Date(now.getTime() - syncGraceMs).toISOString(), batchSize);
    const cause = 'no reservation outcome recorded in time; reservation continues through the event backbone';
    await each(stale, (order) => deps.steps.degrade(order._id, { cause, actor: 'system', at: now.toISOString() }));
    const owing = await deps.store.pendingReleases(batchSize);
    await each(owing, (order) => deps.steps.performReleases(order));
    return stale.length + owing.length;
  };

  const schedule = () => {
    timer = setTimeout(() => {
      running = sweep()
        .catch((error: unknown) => deps.logger.error({ err: error }, 'sweep failed; retrying on the next one'))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, intervalMs);
  };

  return {
    sweep,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
