import { finishRelease, type ServiceDeps } from './records.js';
import type { Lifecycle } from './lifecycle.js';
import type { createReserver } from './reserve.js';

/** Due reservations a sweep handles at once. */
const SWEEP_PARALLEL = 32;

/** The background sweeper: expiry, PENDING workflows whose run died (resumed) and interrupted releases. */
export interface Sweeper {
  /** Starts sweeping every `sweepIntervalMs` (idempotent). */
  start(): void;
  /** Stops and waits for a sweep in progress. */
  stop(): Promise<void>;
  /** Sweeps now: handles every due reservation (up to `sweepBatch`); resolves with how many. */
  sweep(): Promise<number>;
}

/**
 * Creates the sweeper. Due work is found through `sweepAt` (the next instant a reservation needs a look) and
 * claimed with one atomic write that pushes `sweepAt` a lease ahead, so sweepers in several replicas never
 * handle one reservation at once, and one that dies mid-way leaves it to be retried when the lease ends.
 * Only writes are used (no scanning reads), which keeps an idle sweeper to one cheap update per interval.
 */
export function createSweeper(
  deps: ServiceDeps,
  lifecycle: Lifecycle,
  reserver: Pick<ReturnType<typeof createReserver>, 'resume'>,
): Sweeper {
  const { options, inventory, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let current: Promise<number> = Promise.resolve(0);

  const handle = async (id: string, leaseEnd: string) => {
    const doc = await lifecycle.read(id);
    if (doc.holdsOpen) {
      await finishRelease(deps, doc, {
        reference: { type: 'RESERVATION', id },
        source: 'sweeper',
        actor: 'system:sweeper',
      });
      return;
    }
    // A PENDING reservation past its lease: its run died (a crash, a kill) and this sweep finishes it.
    if (doc.status === 'PENDING' && (await reserver.resume(doc, { sweepAt: leaseEnd }, 'system:sweeper'))) return;
    if (doc.status === 'ACTIVE' && (await lifecycle.expire(doc))) return;
    // Nothing to do (extended, committed or finished meanwhile): put back when it is next due, unless changed since.
    const next = doc.status === 'ACTIVE' ? doc.expiresAt : null;
    await inventory.reservations.updateOne({ _id: id, sweepAt: leaseEnd }, { $set: { sweepAt: next } });
  };

  /**
   * Claims due reservations (up to `sweepBatch`) and handles them concurrently, up to {@link SWEEP_PARALLEL} at a
   * time: the releases of many expiring holds on one position then reach the position writer together and are
   * written as one group commit instead of one write each.
   */
  const sweepOnce = async (): Promise<number> => {
    let handled = 0;
    while (handled < options.sweepBatch) {
      const claimed: { id: string; leaseEnd: string }[] = [];
      while (claimed.length < SWEEP_PARALLEL && handled + claimed.length < options.sweepBatch) {
        const now = deps.now();
        const leaseEnd = new Date(now.getTime() + options.sweepLeaseMs).toISOString();
        const doc = await inventory.reservations.findOneAndUpdate(
          { sweepAt: { $lte: now.toISOString() } },
          { $set: { sweepAt: leaseEnd } },
        );
        if (!doc) break;
        claimed.push({ id: doc._id, leaseEnd });
      }
      if (claimed.length === 0) break;
      handled += claimed.length;
      await Promise.all(
        claimed.map(({ id, leaseEnd }) =>
          handle(id, leaseEnd).catch((error: unknown) => {
            // The lease makes a later sweep retry it.
            logger.error({ err: error, reservationId: id }, 'sweeping a reservation failed; retrying after its lease');
          }),
        ),
      );
      if (claimed.length < SWEEP_PARALLEL) break;
    }
    return handled;
  };

  const sweep = () => {
    current = current.then(sweepOnce, sweepOnce);
    return current;
  };

  const schedule = () => {
    timer = setTimeout(() => {
      void sweep()
        .catch((error: unknown) => logger.error({ err: error }, 'sweep failed'))
        .finally(() => {
          if (running) schedule();
        });
    }, options.sweepIntervalMs);
    timer.unref();
  };

  return {
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current.catch(() => undefined);
    },
    sweep,
  };
}
