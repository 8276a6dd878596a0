import { createLogger, type Doc, type Logger, type Store } from '@fulfillment-mesh/runtime';
import type { ConnectorMetrics } from '../metrics.js';

/** One page of a source's changes in a time window. */
export interface PollPage<T> {
  items: readonly T[];
  /** The source's cursor for the next page of the same window; null/absent on the last page. */
  next?: string | null;
}

/** The persisted position of a poller (collection `poll_cursors`, `_id` = poller name). */
export interface PollCursor extends Doc {
  /** End of the last fully applied window (ISO); the next window starts `overlapMs` before it. */
  watermark: string | null;
  /** The window in progress, with the cursor of its next page, when a run stopped between pages. */
  window: { since: string; until: string; cursor: string } | null;
  updatedAt: string;
}

/** One applied record, remembered to drop it when the overlap fetches it again (collection `poll_seen`). */
export interface PollSeen extends Doc {
  poller: string;
  seenAt: string;
}

/** Options of {@link createPoller}. */
export interface PollerOptions<T> {
  name: string;
  /** Fetches records changed in [since, until] (inclusive both ends is fine: duplicates are dropped). */
  fetchPage(since: Date, until: Date, cursor: string | null): Promise<PollPage<T>>;
  /** The record's id and version; a record is applied once per (id, version). */
  identify(item: T): { id: string; version: string };
  /** Applies one record; should be idempotent (a crash between apply and its seen-mark replays it). */
  apply(item: T): Promise<void>;
  store: Pick<Store, 'collection'>;
  /** How far each window reaches back before the last one's end, to catch late-arriving records; default 5 * 60_000 // 5 minutes. */
  overlapMs?: number;
  /** Where the very first window starts; default 24 * 3_600_000 // 24 hours ago. */
  initialLookbackMs?: number;
  /** Records newer than now - settleMs are left for the next run (sources still writing them); default 0. */
  settleMs?: number;
  /** Pause between runs of `start()`; default 60_000 // 1 minute. */
  intervalMs?: number;
  /** How long applied (id, version) pairs are remembered; default 24 * 3_600_000 // 24 hours; at least 2 x overlapMs. */
  seenRetentionMs?: number;
  metrics?: ConnectorMetrics;
  logger?: Logger;
  clock?: () => number;
}

/** What one run did. */
export interface PollRunResult {
  pages: number;
  applied: number;
  duplicates: number;
  since: string;
  until: string;
}

/** A gap-safe poller. */
export interface Poller {
  /** Runs one window to its end (resuming a window a previous run left half done); rejects if a page fails. */
  pollOnce(): Promise<PollRunResult>;
  /** Polls every `intervalMs` until stop(); a failed run is logged and retried at the next tick. */
  start(): void;
  /** Stops and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Creates a poller that never loses a record between windows. Each window is [previous end − overlapMs, now −
 * settleMs], so a record committed late with an older timestamp (replication lag, long transactions, clock
 * skew) is still inside the next window; records seen twice are dropped by (id, version). The cursor is saved
 * only after a page is applied: a crash re-fetches the unapplied page, never skips it.
 */
export function createPoller<T>(options: PollerOptions<T>): Poller {
  const overlapMs = options.overlapMs ?? 5 * 60_000; // 5 minutes
  const initialLookbackMs = options.initialLookbackMs ?? 24 * 3_600_000; // 24 hours
  const settleMs = options.settleMs ?? 0;
  const intervalMs = options.intervalMs ?? 60_000; // 1 minute
  const seenRetentionMs = Math.max(options.seenRetentionMs ?? 24 * 3_600_000, 2 * overlapMs); // 24 hours
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? createLogger({ service: `poller-${options.name}` });
  const cursors = options.store.collection<PollCursor>('poll_cursors');
  const seen = options.store.collection<PollSeen>('poll_seen');
  const seenId = (item: T) => {
    const { id, version } = options.identify(item);
    return `${options.name}|${id}|${version}`;
  };
  const save = (fields: Pick<PollCursor, 'watermark' | 'window'>) =>
    cursors.updateOne(
      { _id: options.name },
      { $set: { ...fields, updatedAt: new Date(clock()).toISOString() } },
      { upsert: true },
    );

  const pollOnce = async (): Promise<PollRunResult> => {
    const state = await cursors.findOne({ _id: options.name });
    const now = clock();
    const since = state?.window
      ? Date.parse(state.window.since)
      : (state?.watermark ? Date.parse(state.watermark) : now - initialLookbackMs) - overlapMs;
    const until = state?.window ? Date.parse(state.window.until) : now - settleMs;
    let cursor = state?.window?.cursor ?? null;
    const result: PollRunResult = {
      pages: 0,
      applied: 0,
      duplicates: 0,
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
    };
    if (until <= since) return result;

    for (;;) {
      const page = await options.fetchPage(new Date(since), new Date(until), cursor);
      result.pages++;
      const ids = page.items.map(seenId);
      const known = new Set((await seen.find({ _id: { $in: ids } })).map((doc) => doc._id));
      for (const [index, item] of page.items.entries()) {
        const id = ids[index]!;
        if (known.has(id)) {
          result.duplicates++;
          options.metrics?.increment('duplicates');
          continue;
        }
        await options.apply(item);
        await seen.updateOne(
          { _id: id },
          { $set: { poller: options.name, seenAt: new Date(clock()).toISOString() } },
          { upsert: true },
        );
        known.add(id); // the same record twice in one page
        result.applied++;
        options.metrics?.increment('applied');
      }
      cursor = page.next ?? null;
      if (cursor) {
        await save({
          watermark: state?.watermark ?? null,
          window: { since: result.since, until: result.until, cursor },
        });
        continue;
      }
      await save({ watermark: result.until, window: null });
      await seen.deleteMany({
        poller: options.name,
        seenAt: { $lt: new Date(clock() - seenRetentionMs).toISOString() },
      });
      return result;
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  const tick = () => {
    running = pollOnce()
      .catch((error: unknown) => {
        options.metrics?.increment('failedRuns');
        logger.error({ poller: options.name, err: error }, 'poll run failed; retrying at the next tick');
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  return {
    pollOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
