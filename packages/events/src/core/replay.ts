import { DomainError, invalidInput } from '@fulfillment-mesh/runtime';
import type { DeadLetterPage, DeadLetterQuery, ReplayKind, ReplayRange, ReplayResult } from '../bus.js';
import { DEAD_LETTER_FIELD, readDeadLetter } from './dead-letter-record.js';
import type { BusKeys } from './keys.js';
import type { StreamLog } from './ports.js';
import { assertEntryId, assertName, rangeBound } from './ranges.js';

/**
 * Re-drive design: every group has its own replay stream `<p>:retry:<stream>:<group>`, read by the group's
 * consumers next to the domain stream. Re-driving a dead letter or replaying a range appends copies of the
 * original envelopes there, marked `replay`, so only that group sees them; the mark makes the consumer skip its
 * duplicate and stale checks (a replay is an explicit request to process again) and count them as replayed.
 */
export interface ReplayDeps {
  log: StreamLog;
  keys: BusKeys;
  /** Retention threshold (ms) for appends to replay streams. */
  minTime(): number;
}

// Ranges are copied in pages so that a long replay never holds a huge reply in memory.
const PAGE = 500;

/** A page of dead letters, newest first by default. */
export async function listDeadLetters(
  deps: ReplayDeps,
  stream: string,
  query: DeadLetterQuery = {},
): Promise<DeadLetterPage> {
  const key = deps.keys.dlq(assertName(stream, 'stream'));
  const first = query.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 1000)
    throw invalidInput('first', 'a whole number from 1 to 1000', first);
  const after = query.after ? `(${assertEntryId(query.after, 'after')}` : undefined;
  const [rows, total] = await Promise.all([
    query.order === 'oldest'
      ? deps.log.range(key, after ?? '-', '+', first + 1)
      : deps.log.revRange(key, after ?? '+', '-', first + 1),
    deps.log.length(key),
  ]);
  const items = rows.slice(0, first).map((row) => readDeadLetter(stream, row.id, row.fields[DEAD_LETTER_FIELD]));
  return { items, next: rows.length > first ? (items.at(-1)?.id ?? null) : null, total };
}

/** Sends dead letters back to the group that failed them, then removes them from the dead-letter stream. */
export async function replayDeadLetters(
  deps: ReplayDeps,
  stream: string,
  ids: readonly string[],
): Promise<ReplayResult> {
  const { log, keys } = deps;
  const key = keys.dlq(assertName(stream, 'stream'));
  const groups = new Set<string>();
  const missing: string[] = [];
  let replayed = 0;
  for (const id of ids) {
    const [row] = await log.range(key, assertEntryId(id, 'ids'), id, 1);
    if (!row || row.id !== id) {
      missing.push(id);
      continue;
    }
    const letter = readDeadLetter(stream, id, row.fields[DEAD_LETTER_FIELD]);
    if (!letter.group) {
      missing.push(id);
      continue;
    }
    if (!groups.has(letter.group)) await ensureReplayStream(deps, stream, letter.group);
    // Append before delete: a crash in between re-drives twice (harmless for idempotent handlers), never zero times.
    await redrive(deps, stream, letter.group, letter.envelope, 'dead-letter', letter.originEntryId);
    await log.remove(key, [id]);
    groups.add(letter.group);
    replayed += 1;
  }
  return { stream, groups: [...groups].sort(), replayed, missing };
}

/** Re-delivers `range` of the domain stream to `group` only; throws NOT_FOUND for a group the stream does not have. */
export async function replayRange(
  deps: ReplayDeps,
  stream: string,
  group: string,
  range: ReplayRange,
): Promise<ReplayResult> {
  const { log, keys } = deps;
  const key = keys.stream(assertName(stream, 'stream'));
  const known = await log.groups(key);
  if (!known.some((g) => g.name === group)) {
    throw new DomainError('NOT_FOUND', `Consumer group "${group}" of stream "${stream}" was not found`, {
      entity: 'ConsumerGroup',
      id: group,
    });
  }
  const end = range.to ? rangeBound(range.to, 'to') : '+';
  let start = rangeBound(range.from, 'from');
  await ensureReplayStream(deps, stream, group);
  let replayed = 0;
  for (;;) {
    const page = await log.range(key, start, end, PAGE);
    for (const entry of page) await redrive(deps, stream, group, entry.fields.envelope ?? '', 'range', entry.id);
    replayed += page.length;
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    start = `(${last.id}`;
  }
  return { stream, groups: [group], replayed, missing: [] };
}

// The group's consumers create its replay stream, but a replay may come first (e.g. while every consumer is down).
function ensureReplayStream(deps: ReplayDeps, stream: string, group: string): Promise<void> {
  return deps.log.createGroup(deps.keys.retry(stream, group), group, '0');
}

async function redrive(
  deps: ReplayDeps,
  stream: string,
  group: string,
  envelope: string,
  replay: ReplayKind,
  origin: string,
) {
  await deps.log.append(deps.keys.retry(stream, group), { envelope, replay, origin }, { minTime: deps.minTime() });
}
