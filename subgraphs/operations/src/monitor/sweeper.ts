import type { EventBus, StreamHealth } from '@fulfillment-mesh/events';
import type { Logger } from '@fulfillment-mesh/runtime';
import type { ExceptionService } from '../exceptions/service.js';
import type { WatchCollections } from '../raisers/watches.js';
import type { OperationsCollections } from '../store.js';
import { ADAPTER_GROUPS, findGroup, nextAdapterState } from './adapters.js';

/** What {@link createSweeper} needs. */
export interface SweeperDeps extends WatchCollections {
  bus: EventBus;
  exceptions: ExceptionService;
  adapterStates: OperationsCollections['adapterStates'];
  logger: Logger;
  now: () => Date;
  /** Between sweeps; default 5_000 // 5 seconds. */
  intervalMs?: number;
}

/** The periodic checks: adapter health, stalled adapters, dead letters and overdue clocks. */
export interface Sweeper {
  /** One full pass (tests call it directly instead of waiting for the timer). */
  sweep(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

/** Dead letters examined per stream and pass: more than this are raised on later passes. */
const DEAD_LETTER_PAGE = 100;

/**
 * Raises the exceptions no single event announces: an outbound adapter whose deliveries keep failing (its
 * group retries: raised once, not per retry, and resolved when its pending work drains), each dead letter
 * (resolved when it was re-driven), and clocks that ran out (late shipments, orders stuck in validation).
 */
export function createSweeper(deps: SweeperDeps): Sweeper {
  const { exceptions, now } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function adapters(health: StreamHealth[]) {
    for (const spec of ADAPTER_GROUPS) {
      const group = findGroup(health, spec);
      const prev = await deps.adapterStates.findOne({ _id: spec.adapter });
      const next = nextAdapterState(prev, spec, group, now());
      await deps.adapterStates.updateOne({ _id: spec.adapter }, { $set: { ...next } }, { upsert: true });
      if (!spec.kind || !group) continue;
      const failing = next.failures > (prev?.failures ?? next.failures) && group.pending > 0;
      if (failing && !(await exceptions.open(spec.kind, spec.adapter))) {
        await exceptions.raise({
          kind: spec.kind,
          subject: spec.adapter,
          subjectType: 'ADAPTER',
          summary: `${spec.adapter} is failing: ${group.pending} deliveries waiting on retries`,
          detail: `consumer group ${spec.group} on stream ${spec.stream}`,
        });
      } else if (group.pending === 0 && group.backlog === 0) {
        await exceptions.clear(spec.kind, spec.adapter, 'postings drained');
      }
    }
  }

  async function deadLetters(health: StreamHealth[]) {
    const present = new Set<string>();
    for (const stream of health.filter((s) => s.deadLetters > 0)) {
      const page = await deps.bus.deadLetters(stream.stream, { first: DEAD_LETTER_PAGE, order: 'oldest' });
      for (const letter of page.items) {
        const subject = `${stream.stream}/${letter.id}`;
        present.add(subject);
        if (await exceptions.open('DEAD_LETTER', subject)) continue;
        await exceptions.raise({
          kind: 'DEAD_LETTER',
          subject,
          subjectType: 'STREAM',
          summary: `${letter.eventType ?? 'An event'} (${letter.subject ?? 'no subject'}) failed in ${letter.group}: ${letter.reason}`,
          detail: letter.lastError,
        });
      }
    }
    for (const open of await exceptions.unresolved({ kind: 'DEAD_LETTER' })) {
      if (!present.has(open.subject)) await exceptions.clear('DEAD_LETTER', open.subject, 'dead letter re-driven');
    }
  }

  async function clocks() {
    const due = await deps.watches.find({ dueAt: { $lte: now().toISOString() } });
    for (const watch of due) {
      if (watch.kind === 'SHIPMENT_DUE') {
        if (await exceptions.open('LATE_SHIPMENT', watch.subject)) continue;
        await exceptions.raise({
          kind: 'LATE_SHIPMENT',
          subject: watch.subject,
          subjectType: 'SHIPMENT',
          summary: `Shipment ${watch.subject} (order ${watch.orderId}) missed its ship-by time ${watch.dueAt}`,
          detail: `channel ${watch.channel ?? 'unknown'}`,
        });
      } else {
        if (await exceptions.open('STUCK_PENDING_VALIDATION', watch.subject)) continue;
        await exceptions.raise({
          kind: 'STUCK_PENDING_VALIDATION',
          subject: watch.subject,
          subjectType: 'ORDER',
          summary: `Order ${watch.subject} is still PENDING_VALIDATION (due ${watch.dueAt})`,
        });
      }
    }
  }

  async function sweep() {
    const health = await deps.bus.health();
    await adapters(health);
    await deadLetters(health);
    await clocks();
  }

  return {
    sweep,
    start() {
      const tick = () => {
        // While the backbone is down there is nothing to read: skip the pass instead of logging a failure each time.
        running = (deps.bus.connected() ? sweep() : Promise.resolve())
          .catch((error: unknown) =>
            deps.logger.warn({ err: error }, 'exception sweep failed; retrying on the next pass'),
          )
          .finally(() => {
            running = undefined;
            if (timer) timer = setTimeout(tick, deps.intervalMs ?? 5_000);
          });
      };
      timer = setTimeout(tick, deps.intervalMs ?? 5_000);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
