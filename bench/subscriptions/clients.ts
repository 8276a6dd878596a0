import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** What every subscriber in a run selects: payload fields plus one field hydrated from the catalog subgraph. */
export const SELECTION = 'cursor sku onHand product { name }';

/** Per-run counters shared by every socket: deliveries by (subscriber, sequence) and their latencies. */
export interface Tally {
  /** Publish time of each event sequence number (performance.now(), same process as the clients). */
  publishedAt: Float64Array;
  /** Deliveries per subscriber and sequence: index = subscriber * events + sequence. */
  counts: Uint8Array;
  latencies: Float64Array;
  received: number;
  /** Results that carried errors instead of a payload, and sockets that closed before the run ended. */
  errors: number;
  closed: number;
  /** First error message seen, to say why in the report. */
  firstError: string | null;
}

/** Creates the tally of a run of `subscribers` x `events`. */
export function createTally(subscribers: number, events: number): Tally {
  return {
    publishedAt: new Float64Array(events),
    counts: new Uint8Array(subscribers * events),
    latencies: new Float64Array(subscribers * events),
    received: 0,
    errors: 0,
    closed: 0,
    firstError: null,
  };
}

/**
 * Opens one graphql-transport-ws socket per subscriber (the wire protocol by hand: lighter than the graphql-ws
 * client object when 10k of them share one process) and resolves once its subscribe message is sent.
 */
export function openSubscriber(
  url: string,
  index: number,
  events: number,
  query: string,
  tally: Tally,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
    ws.on('error', reject);
    ws.on('close', () => tally.closed++);
    ws.on('open', () => ws.send('{"type":"connection_init"}'));
    ws.on('message', (data: Buffer) => {
      const now = performance.now();
      const message = JSON.parse(data.toString()) as {
        type: string;
        payload?: { data?: { stockChanged?: { onHand: number } }; errors?: { message: string }[] };
      };
      if (message.type === 'connection_ack') {
        ws.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query } }));
        resolve(ws);
        return;
      }
      if (message.type === 'error' || message.payload?.errors) {
        tally.errors++;
        tally.firstError ??= JSON.stringify(message.payload).slice(0, 300);
      }
      const seq = message.payload?.data?.stockChanged?.onHand;
      if (message.type !== 'next' || seq === undefined || seq < 0 || seq >= events) return;
      const slot = index * events + seq;
      if (tally.counts[slot] === 0) tally.latencies[slot] = now - tally.publishedAt[seq]!;
      tally.counts[slot]!++;
      tally.received++;
    });
  });
}

/** Opens `count` subscribers, `concurrency` handshakes at a time. */
export async function openAll(
  url: string,
  count: number,
  events: number,
  queryFor: (index: number) => string,
  tally: Tally,
  concurrency = 200,
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        sockets[index] = await openSubscriber(url, index, events, queryFor(index), tally);
      }
    }),
  );
  return sockets;
}

/** Latency percentiles (ms) and loss of a finished run. */
export interface Outcome {
  delivered: number;
  errors: number;
  firstError: string | null;
  expectedDeliveries: number;
  lost: number;
  duplicates: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Summarises a tally; `wanted(subscriber, seq)` says which deliveries were due. */
export function summarise(
  tally: Tally,
  subscribers: number,
  events: number,
  wanted: (subscriber: number, seq: number) => boolean,
): Outcome {
  const samples: number[] = [];
  let expectedDeliveries = 0;
  let lost = 0;
  let duplicates = 0;
  for (let s = 0; s < subscribers; s++) {
    for (let e = 0; e < events; e++) {
      const n = tally.counts[s * events + e]!;
      if (!wanted(s, e)) continue;
      expectedDeliveries++;
      if (n === 0) lost++;
      else samples.push(tally.latencies[s * events + e]!);
      if (n > 1) duplicates += n - 1;
    }
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN);
  return {
    delivered: tally.received,
    errors: tally.errors,
    firstError: tally.firstError,
    expectedDeliveries,
    lost,
    duplicates,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: round(samples.at(-1) ?? NaN),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
