import { PermanentDeliveryError, TransientDeliveryError } from '@fulfillment-mesh/connectors';
import { tracedFetch } from '@fulfillment-mesh/telemetry';
import type { Channel } from '../../domain/index.js';

/** A SKU's ATP for one channel: per eligible location and in total (what the channel can promise). */
export interface SkuAtp {
  sku: string;
  total: number;
  /** Our location id → units; every location a target maps is present (0 where nothing can be promised). */
  byLocation: Readonly<Record<string, number>>;
}

/** What a target pushed, kept to make a redelivered change a no-op and to guard the next push (compare quantity). */
export type PushedQuantities = Readonly<Record<string, number>>;

/** One channel's remote API for ATP. */
export interface AtpTarget {
  /** Connector name (`shopify-atp`, …): metrics, logs, dead letters. */
  readonly name: string;
  readonly channel: Channel;
  /** What the push of `atp` would set remotely (location key → units); equal to the last push means no call. */
  quantities(atp: SkuAtp): PushedQuantities;
  /**
   * Sets the quantities remotely. `previous` is what this process last pushed for the SKU (null when unknown),
   * for a compare-and-swap where the API has one; `idempotencyKey` is stable for the same change.
   */
  push(
    sku: string,
    quantities: PushedQuantities,
    previous: PushedQuantities | null,
    call: { idempotencyKey: string; signal: AbortSignal },
  ): Promise<void>;
}

/** The remote refused the push on its merits (4xx, user errors): a dead letter with the remote's answer. */
export class ChannelRefusedError extends PermanentDeliveryError {
  constructor(
    message: string,
    status: number | undefined,
    /** The remote's answer, as received. */
    readonly remoteBody: string,
  ) {
    super(message, status);
    this.name = 'ChannelRefusedError';
  }
}

/** The SKU has no product / variant at the channel (a mapping is missing there). */
export class UnknownSkuError extends ChannelRefusedError {
  constructor(
    readonly target: string,
    readonly sku: string,
    remoteBody: string,
  ) {
    super(`${target}: SKU ${sku} is unknown at the channel (no product or variant with this SKU)`, 404, remoteBody);
    this.name = 'UnknownSkuError';
  }
}

/** Seconds or an HTTP date in `Retry-After`, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms` unless `signal` aborts first. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One JSON call: the parsed answer on 2xx; 429/5xx/408/network transient; other statuses refused with the body. */
export async function callJson(
  target: string,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: unknown; signal: AbortSignal },
  onRetryAfter?: (ms: number) => void,
): Promise<{ status: number; body: unknown; text: string }> {
  let res: Response;
  try {
    res = await tracedFetch(url, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: init.signal,
    });
  } catch (error) {
    throw new TransientDeliveryError(`${target}: ${url} unreachable: ${(error as Error).message}`);
  }
  const text = await res.text().catch(() => '');
  const path = new URL(url).pathname;
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers.get('retry-after'));
    if (wait !== undefined) onRetryAfter?.(wait);
    throw new TransientDeliveryError(`${target}: ${init.method} ${path} throttled (429)`, 429);
  }
  if (res.status >= 500 || res.status === 408)
    throw new TransientDeliveryError(
      `${target}: ${init.method} ${path} answered ${res.status}: ${text.slice(0, 500)}`,
      res.status,
    );
  if (!res.ok)
    throw new ChannelRefusedError(
      `${target}: ${init.method} ${path} answered ${res.status}: ${text.slice(0, 500)}`,
      res.status,
      text,
    );
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new TransientDeliveryError(
      `${target}: ${init.method} ${path} answered ${res.status} with a body that is not JSON`,
    );
  }
  return { status: res.status, body, text };
}
