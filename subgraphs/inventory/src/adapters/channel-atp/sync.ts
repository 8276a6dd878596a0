import {
  createCoalescer,
  createOutboundDelivery,
  outboundConsumeDefaults,
  PermanentDeliveryError,
  type ConnectorMetrics,
} from '@fulfillment-mesh/connectors';
import {
  createEventRegistry,
  isEvent,
  type ConsumeOptions,
  type EventBus,
  type EventEnvelope,
} from '@fulfillment-mesh/events';
import type { Collection, Doc, Logger } from '@fulfillment-mesh/runtime';
import { hostname } from 'node:os';
import { positionAdjusted, SOURCE } from '../../events/contracts.js';
import type { Channel } from '../../domain/index.js';
import type { SkuAtp, AtpTarget, PushedQuantities } from './target.js';
import { ChannelRefusedError, UnknownSkuError } from './target.js';

/** A push that failed for good, with the remote's answer (collection `channel_sync_dead_letters`). */
export interface ChannelSyncDeadLetter extends Doc {
  connector: string;
  channel: Channel;
  sku: string;
  reason: string;
  /** The remote's HTTP status, when it answered. */
  remoteStatus: number | null;
  /** The remote's answer body, as received (empty when it never answered). */
  remoteBody: string;
  /** The change (event id) or full push that led to the push. */
  trigger: string;
  attempts: number;
  deadLetteredAt: string;
  /** `resolved` once a later push of the same SKU succeeded. */
  status: 'open' | 'resolved';
  resolvedAt?: string;
}

/** What {@link startChannelAtpSync} needs. */
export interface ChannelAtpSyncDeps {
  bus: EventBus;
  targets: readonly AtpTarget[];
  atpOf: (sku: string, channel: Channel) => Promise<SkuAtp>;
  skus: () => Promise<string[]>;
  deadLetters: Collection<ChannelSyncDeadLetter>;
  metrics: (connector: string) => ConnectorMetrics;
  logger: Logger;
  now: () => Date;
  /** Default 500 // 0.5 seconds. */
  windowMs?: number;
  /** 0 or absent: no periodic full push (tests call `pushAll`). */
  fullPushIntervalMs?: number;
  /** Default 8. */
  maxAttempts?: number;
  /** Default 1_000 // 1 second doubling to 60_000 // 1 minute. */
  backoff?: { baseMs?: number; maxMs?: number };
  delivery?: {
    retry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number };
    breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
    ratePerSecond?: number;
    timeoutMs?: number;
  };
  consume?: Partial<Pick<ConsumeOptions, 'blockMs' | 'maxAttempts' | 'backoff'>>;
}

/** The running ATP syncs. */
export interface ChannelAtpSync {
  /** Queues every stocked SKU to every channel, pushed even when unchanged (drift repair); resolves with the count. */
  pushAll(): Promise<number>;
  /** Resolves once no push is waiting or in flight. */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The consumer group of one channel's ATP sync (`inventory.shopify-atp`, …). */
export const atpGroup = (target: AtpTarget) => `inventory.${target.name}`;

interface Pending {
  /** Event id of the change, or `full-push-<iso>`. */
  trigger: string;
}

const sameQuantities = (a: PushedQuantities, b: PushedQuantities) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/**
 * Starts one consumer group per channel on the `inventory` stream. Every position change whose location the
 * channel ships from offers its SKU to that channel's coalescer: within the window the latest value wins and
 * at most one push per SKU and channel is in flight. A push reads the SKU's channel ATP at that moment and
 * skips the call when it equals what was last pushed (a redelivered event costs nothing), else sends it
 * through the connectors' outbound delivery (bulkhead, rate, breaker, timeout, quick retries). A push still
 * failing is retried with backoff up to `maxAttempts`; a refusal (4xx, user errors, unknown SKU) and the last
 * failed attempt are kept as dead letters carrying the remote's answer. The bus handler only queues, so the
 * group's backlog never waits on a channel.
 */
export async function startChannelAtpSync(deps: ChannelAtpSyncDeps): Promise<ChannelAtpSync> {
  const maxAttempts = deps.maxAttempts ?? 8;
  const baseMs = deps.backoff?.baseMs ?? 1_000; // 1 second
  const maxMs = deps.backoff?.maxMs ?? 60_000; // 1 minute
  const syncs = deps.targets.map((target) => {
    const metrics = deps.metrics(target.name);
    const pushed = new Map<string, PushedQuantities>();
    const forced = new Set<string>();
    const attempts = new Map<string, number>();

    const delivery = createOutboundDelivery({
      name: target.name,
      metrics,
      logger: deps.logger,
      // One call per SKU and window: a storefront of a few hundred moving SKUs needs far more than the ERP
      // posting defaults (10/s); each channel's own limit is honoured by its client (Shopify's cost bucket, 429s).
      ratePerSecond: 50,
      concurrency: 8,
      ...deps.delivery,
      send: async ({ event, idempotencyKey, signal }) => {
        const sku = (event.data as { sku: string }).sku;
        const quantities = target.quantities(await deps.atpOf(sku, target.channel));
        const previous = pushed.get(sku) ?? null;
        const force = forced.delete(sku);
        if (!force && previous && sameQuantities(previous, quantities)) return void metrics.increment('unchanged');
        await target.push(sku, quantities, force ? null : previous, { idempotencyKey, signal });
        pushed.set(sku, quantities);
        metrics.increment('pushed');
      },
    });

    const deadLetter = async (sku: string, value: Pending, error: unknown, tries: number) => {
      const refused = error instanceof ChannelRefusedError ? error : null;
      const doc: ChannelSyncDeadLetter = {
        _id: `${target.name}:${sku}:${deps.now().getTime()}:${Math.random().toString(36).slice(2, 8)}`,
        connector: target.name,
        channel: target.channel,
        sku,
        reason: error instanceof UnknownSkuError ? error.message : (error as Error).message,
        remoteStatus: refused?.status ?? (error as { status?: number }).status ?? null,
        remoteBody: refused?.remoteBody ?? '',
        trigger: value.trigger,
        attempts: tries,
        deadLetteredAt: deps.now().toISOString(),
        status: 'open',
      };
      metrics.increment('deadLettered');
      deps.logger.warn({ connector: target.name, sku, reason: doc.reason }, 'channel ATP push dead-lettered');
      await deps.deadLetters.insertOne(doc);
    };

    const coalescer = createCoalescer<Pending>({
      ...(deps.windowMs !== undefined ? { windowMs: deps.windowMs } : {}),
      push: async (sku, value) => {
        const envelope: EventEnvelope = {
          specversion: '1.0',
          id: `${target.name}:${sku}:${value.trigger}`,
          source: SOURCE,
          type: 'inventory.channel-atp.push',
          subject: sku,
          time: deps.now().toISOString(),
          datacontenttype: 'application/json',
          dataschema: 'urn:fulfillment-mesh:inventory.channel-atp.push:v1',
          dataversion: 1,
          data: { sku, channel: target.channel },
        };
        await delivery(envelope, {
          stream: 'inventory',
          group: atpGroup(target),
          consumer: 'coalescer',
          entryId: value.trigger,
          attempt: (attempts.get(sku) ?? 0) + 1,
          previousAttempts: [],
        });
        attempts.delete(sku);
        const open = await deps.deadLetters.find({ connector: target.name, sku, status: 'open' });
        for (const letter of open)
          await deps.deadLetters.updateOne(
            { _id: letter._id },
            { $set: { status: 'resolved', resolvedAt: deps.now().toISOString() } },
          );
      },
      onError: (sku, value, wrapped) => {
        const error = (wrapped as Error).cause ?? wrapped;
        const tries = (attempts.get(sku) ?? 0) + 1;
        const permanent = error instanceof PermanentDeliveryError;
        if (permanent || tries >= maxAttempts) {
          attempts.delete(sku);
          void deadLetter(sku, value, error, tries).catch((e: unknown) =>
            deps.logger.error({ connector: target.name, sku, err: e }, 'could not keep a channel ATP dead letter'),
          );
          return;
        }
        attempts.set(sku, tries);
        const delay = Math.min(maxMs, baseMs * 2 ** (tries - 1));
        coalescer.offer(sku, value, Math.round(delay / 2 + Math.random() * (delay / 2)));
      },
    });
    return { target, coalescer, forced, metrics };
  });

  const consumers = await Promise.all(
    syncs.map(({ target, coalescer, metrics }) =>
      deps.bus.consume({
        stream: 'inventory',
        group: atpGroup(target),
        consumer: `${hostname()}-${process.pid}`,
        registry: createEventRegistry([positionAdjusted]),
        follows: (type) => type === positionAdjusted.type,
        handler: (event) => {
          if (!isEvent(positionAdjusted, event)) return;
          // Ledger entries written before `channels` existed lack it: push, the unchanged check drops a no-op.
          if (event.data.channels && !event.data.channels.includes(target.channel)) {
            metrics.increment('skipped');
            return;
          }
          coalescer.offer(event.data.sku, { trigger: event.id });
        },
        ...outboundConsumeDefaults,
        ...deps.consume,
      }),
    ),
  );

  const pushAll = async () => {
    const skus = await deps.skus();
    const trigger = `full-push-${deps.now().toISOString()}`;
    for (const { coalescer, forced } of syncs)
      for (const sku of skus) {
        forced.add(sku);
        coalescer.offer(sku, { trigger });
      }
    return skus.length;
  };
  const timer =
    deps.fullPushIntervalMs && deps.fullPushIntervalMs > 0
      ? setInterval(
          () =>
            void pushAll().catch((error: unknown) =>
              deps.logger.warn({ err: error }, 'channel ATP full push could not list SKUs; next interval retries'),
            ),
          deps.fullPushIntervalMs,
        )
      : null;
  timer?.unref();

  return {
    pushAll,
    async idle(timeoutMs = 30_000) {
      await Promise.all(syncs.map((s) => s.coalescer.idle(timeoutMs)));
    },
    async stop() {
      if (timer) clearInterval(timer);
      await Promise.all(consumers.map((c) => c.stop()));
      await Promise.all(syncs.map((s) => s.coalescer.stop()));
    },
  };
}
