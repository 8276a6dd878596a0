/**
 * The bus's key layout, shared by both backends so that the memory bus mirrors Redis exactly:
 *
 *   <p>:streams                          SET of stream names seen by publish/consume (health lists them)
 *   <p>:stream:<stream>                  the domain stream (one per domain)
 *   <p>:retry:<stream>:<group>           re-drives and replays meant for one group only
 *   <p>:dlq:<stream>                     dead letters of every group of the stream
 *   <p>:counters:<stream>                HASH: published, <group>:<counter>
 *   <p>:group:<stream>:<group>:<part>    per-group delivery state (attempts, due, seq, blocked, held:<subject>, done:<id>)
 *   <p>:published:<stream>:<event id>    the entry id an event was published as (a retried publish reuses it)
 */
export interface BusKeys {
  readonly prefix: string;
  streams: string;
  stream(stream: string): string;
  retry(stream: string, group: string): string;
  dlq(stream: string): string;
  counters(stream: string): string;
  group(stream: string, group: string, part: string): string;
  published(stream: string, eventId: string): string;
}

/** Builds the key names under `prefix`. */
export function busKeys(prefix: string): BusKeys {
  return {
    prefix,
    streams: `${prefix}:streams`,
    stream: (stream) => `${prefix}:stream:${stream}`,
    retry: (stream, group) => `${prefix}:retry:${stream}:${group}`,
    dlq: (stream) => `${prefix}:dlq:${stream}`,
    counters: (stream) => `${prefix}:counters:${stream}`,
    group: (stream, group, part) => `${prefix}:group:${stream}:${group}:${part}`,
    published: (stream, eventId) => `${prefix}:published:${stream}:${eventId}`,
  };
}

/** A delivery reference: which of the group's two streams an entry is in, and its id (`main/<id>`, `retry/<id>`). */
export type DeliverySource = 'main' | 'retry';

/** Encodes a delivery reference. */
export function deliveryRef(source: DeliverySource, entryId: string): string {
  return `${source}/${entryId}`;
}

/** Decodes a delivery reference made by {@link deliveryRef}. */
export function parseDeliveryRef(ref: string): { source: DeliverySource; entryId: string } {
  const slash = ref.indexOf('/');
  const source = ref.slice(0, slash);
  if (source !== 'main' && source !== 'retry') throw new Error(`Invalid delivery reference "${ref}"`);
  return { source, entryId: ref.slice(slash + 1) };
}

/** The millisecond timestamp of a stream entry id (`<ms>-<n>`). */
export function entryIdTime(entryId: string): number {
  const dash = entryId.indexOf('-');
  return Number(dash < 0 ? entryId : entryId.slice(0, dash));
}
