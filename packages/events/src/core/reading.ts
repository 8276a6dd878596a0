import type { Logger } from '@fulfillment-mesh/runtime';
import type { ReadOptions, StreamRecord, TailOptions } from '../bus.js';
import { parseEnvelope } from '../envelope.js';
import type { BusKeys } from './keys.js';
import type { KeyedEntry, LogEntry, StreamLog } from './ports.js';
import { assertEntryId, assertName, toMillis } from './ranges.js';

/** What reads and tails need. */
export interface ReadingDeps {
  log: StreamLog;
  keys: BusKeys;
  logger: Logger;
}

/** Reads a window of a stream, oldest first; entries that are not valid envelopes are skipped (and logged). */
export async function readRange(deps: ReadingDeps, stream: string, options: ReadOptions = {}): Promise<StreamRecord[]> {
  assertName(stream, 'stream');
  const start = options.afterId
    ? `(${assertEntryId(options.afterId, 'afterId')}`
    : options.fromTime
      ? String(toMillis(options.fromTime, 'fromTime'))
      : '-';
  const end = options.toTime ? String(toMillis(options.toTime, 'toTime')) : '+';
  const entries = await deps.log.range(deps.keys.stream(stream), start, end, options.count ?? 100);
  return entries.flatMap((entry) => toRecords(deps, stream, entry));
}

/**
 * Follows streams with plain XREAD (no group, nothing acknowledged): every tail sees every event. `$` is resolved
 * to the stream's last id before the first read, so that nothing published between two reads is skipped.
 */
export async function tailStreams(deps: ReadingDeps, options: TailOptions): Promise<void> {
  const { log, keys } = deps;
  const blockMs = options.blockMs ?? 5_000; // 5 seconds
  const positions = await Promise.all(
    options.streams.map(async (stream) => {
      const key = keys.stream(assertName(stream, 'streams'));
      const from = typeof options.fromId === 'string' ? options.fromId : options.fromId?.[stream];
      return { stream, key, id: from && from !== '$' ? assertEntryId(from, 'fromId') : await log.lastId(key) };
    }),
  );
  if (options.signal.aborted) return;
  const reader = await log.openReader();
  const interrupt = () => void reader.close();
  options.signal.addEventListener('abort', interrupt, { once: true });
  options.onReady?.();
  try {
    while (!options.signal.aborted) {
      let batch: KeyedEntry[];
      try {
        batch = await reader.read(positions, { count: 100, blockMs });
      } catch (error) {
        if (options.signal.aborted) break;
        throw error;
      }
      for (const { key, entry } of batch) {
        const position = positions.find((p) => p.key === key);
        if (!position || options.signal.aborted) continue;
        position.id = entry.id;
        for (const record of toRecords(deps, position.stream, entry)) {
          await options.handler(record.envelope, { stream: record.stream, entryId: record.entryId });
        }
      }
    }
  } finally {
    options.signal.removeEventListener('abort', interrupt);
    await reader.close();
  }
}

function toRecords(deps: ReadingDeps, stream: string, entry: LogEntry): StreamRecord[] {
  const parsed = parseEnvelope(entry.fields.envelope ?? '');
  if (parsed.ok) return [{ stream, entryId: entry.id, envelope: parsed.envelope }];
  deps.logger.warn({ stream, entryId: entry.id, reason: parsed.reason }, 'skipping an unreadable stream entry');
  return [];
}
