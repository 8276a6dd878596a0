import {
  createConnectorMetrics,
  createOutboundDelivery,
  hexHmacVerifier,
  outboundConsumeDefaults,
  PermanentDeliveryError,
  TransientDeliveryError,
  type ConnectorMetrics,
} from '@fulfillment-mesh/connectors';
import type { BackoffOptions, Consumer, EventBus, EventEnvelope } from '@fulfillment-mesh/events';
import type { Collection, Logger } from '@fulfillment-mesh/runtime';
import { SEVERITIES } from '../domain/exceptions.js';
import { operationsEvents, STATE_CHANGE_TYPES } from '../events.js';
import type { ExceptionDoc, ExceptionSeverity } from '../models.js';

/** Where alerts go (`ALERT_WEBHOOK_URL`, `ALERT_WEBHOOK_SECRET`, optional routes per kind or severity). */
export interface AlertOptions {
  /** Default receiver. */
  url: string;
  /** HMAC-SHA256 key; the hex digest of `<timestamp>.<body>` is sent as `x-fm-signature: sha256=<hex>`. */
  secret: string;
  /** Receivers per kind (`ALERT_WEBHOOK_URL_LATE_SHIPMENT`) or severity (`ALERT_WEBHOOK_URL_CRITICAL`); kind wins. */
  routes?: Record<string, string>;
  /** Least severity that alerts (`ALERT_MIN_SEVERITY`); default WARNING. */
  minSeverity?: ExceptionSeverity;
  /** Bus retry delays for failed calls; default the outbound defaults (1 s doubling to 5 min). */
  backoff?: BackoffOptions;
  /** Failed calls before a dead letter; default the outbound default (40). */
  maxAttempts?: number;
}

/** Reads {@link AlertOptions} from the environment; undefined when `ALERT_WEBHOOK_URL` is not set. */
export function alertOptionsFromEnv(env: NodeJS.ProcessEnv): AlertOptions | undefined {
  const url = env.ALERT_WEBHOOK_URL;
  if (!url) return undefined;
  const secret = env.ALERT_WEBHOOK_SECRET;
  if (!secret || secret.length < 16)
    throw new Error('ALERT_WEBHOOK_SECRET is required with ALERT_WEBHOOK_URL (at least 16 characters)');
  const routes: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^ALERT_WEBHOOK_URL_([A-Z_]+)$/.exec(key);
    if (match && value) routes[match[1]!] = value;
  }
  const min = env.ALERT_MIN_SEVERITY as ExceptionSeverity | undefined;
  if (min && !SEVERITIES.includes(min))
    throw new Error(`Invalid ALERT_MIN_SEVERITY "${min}": expected one of ${SEVERITIES.join(', ')}`);
  return { url, secret, routes, ...(min ? { minSeverity: min } : {}) };
}

/** The headers a receiver checks: `x-fm-signature` over `<x-fm-timestamp>.<raw body>`. */
export function signAlert(secret: string, timestamp: string, body: string): Record<string, string> {
  const signer = hexHmacVerifier('fm-alerts', 'x-fm-signature', secret);
  return {
    'x-fm-timestamp': timestamp,
    'x-fm-signature': `sha256=${signer.sign(`${timestamp}.${body}`)['x-fm-signature']}`,
  };
}

/** What {@link startAlerts} needs. */
export interface AlertDeps {
  bus: EventBus;
  exceptions: Collection<ExceptionDoc>;
  options: AlertOptions;
  logger: Logger;
  consumer: string;
  now: () => Date;
}

/** The running alert sender, with its counters (sent, failed) for /metrics. */
export interface Alerts {
  metrics: ConnectorMetrics;
  stop(): Promise<void>;
}

/**
 * Sends one signed webhook per exception state change (opened, acknowledged, resolved) as consumer group
 * `operations.alerts` of the `operations` stream: a failed call is thrown back to the bus, which retries it with
 * backoff. A state is alerted once: the accepted (id, revision) is recorded on the exception before the event is
 * acknowledged, so a redelivery after a crash skips it; the `Idempotency-Key` lets the receiver drop the rare
 * repeat of a call that succeeded just before a crash.
 */
export async function startAlerts(deps: AlertDeps): Promise<Alerts> {
  const { options } = deps;
  const metrics = createConnectorMetrics('alerts');
  const minRank = SEVERITIES.indexOf(options.minSeverity ?? 'WARNING');
  const routeOf = (data: { kind: string; severity: string }) =>
    options.routes?.[data.kind] ?? options.routes?.[data.severity] ?? options.url;

  const delivery = createOutboundDelivery({
    name: 'alerts',
    metrics,
    logger: deps.logger,
    // No in-process retries: every retry goes through the backbone, durable across restarts.
    retry: { maxAttempts: 0 },
    filter: (event) =>
      STATE_CHANGE_TYPES.has(event.type) &&
      SEVERITIES.indexOf((event.data as { severity: ExceptionSeverity }).severity) >= minRank,
    async send({ event, signal }) {
      const data = event.data as { id: string; revision: number; kind: string; severity: string };
      const doc = await deps.exceptions.findOne({ _id: data.id });
      if (doc?.alerted.includes(data.revision)) return;
      const body = JSON.stringify(alertBody(event));
      const url = routeOf(data);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `${data.id}:${data.revision}`,
            ...signAlert(options.secret, deps.now().toISOString(), body),
          },
          body,
          signal,
        });
      } catch (error) {
        throw new TransientDeliveryError(`alert receiver ${url} unreachable: ${(error as Error).message}`);
      }
      await res.text().catch(() => '');
      if (res.status >= 500 || res.status === 408 || res.status === 429)
        throw new TransientDeliveryError(`alert receiver ${url} answered ${res.status}`, res.status);
      if (!res.ok) throw new PermanentDeliveryError(`alert receiver ${url} answered ${res.status}`, res.status);
      await deps.exceptions.updateOne({ _id: data.id }, { $addToSet: { alerted: data.revision } });
    },
  });
  const consumer: Consumer = await deps.bus.consume({
    stream: 'operations',
    group: 'operations.alerts',
    consumer: deps.consumer,
    registry: operationsEvents,
    follows: (type) => operationsEvents.get(type) !== undefined,
    handler: delivery,
    maxAttempts: options.maxAttempts ?? outboundConsumeDefaults.maxAttempts,
    backoff: options.backoff ?? outboundConsumeDefaults.backoff,
  });
  return { metrics, stop: () => consumer.stop() };
}

/** The alert a receiver gets: PagerDuty-style summary fields plus the exception's snapshot. */
function alertBody(event: EventEnvelope) {
  const data = event.data as Record<string, unknown>;
  return {
    eventId: event.id,
    type: event.type,
    action: event.type.split('.').at(-1),
    summary: data.summary,
    severity: data.severity,
    exception: data,
  };
}
