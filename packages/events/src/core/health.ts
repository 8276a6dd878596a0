import type { EventCounters, GroupHealth, StreamHealth } from '../bus.js';
import { entryIdTime, type BusKeys } from './keys.js';
import { emptyGroupCounters, GROUP_COUNTERS, type BusMeta, type LogGroupInfo, type StreamLog } from './ports.js';

/** What health needs. */
export interface HealthDeps {
  log: StreamLog;
  meta: BusMeta;
  keys: BusKeys;
}

// When the server cannot compute a group's lag (after deletions), we count at most this many entries instead.
const LAG_COUNT_LIMIT = 10_000;

/** Health of every stream the bus has seen, sorted by name. */
export async function streamsHealth(deps: HealthDeps): Promise<StreamHealth[]> {
  const streams = (await deps.meta.streams()).sort();
  return Promise.all(streams.map((stream) => streamHealth(deps, stream)));
}

/** Health of one stream: its length, last event, dead letters, counters and each group's backlog. */
export async function streamHealth(deps: HealthDeps, stream: string): Promise<StreamHealth> {
  const { log, keys } = deps;
  const key = keys.stream(stream);
  const [length, lastId, deadLetters, groups, counted] = await Promise.all([
    log.length(key),
    log.lastId(key),
    log.length(keys.dlq(stream)),
    log.groups(key),
    deps.meta.counters(stream),
  ]);
  const counters: EventCounters = { published: counted.published, ...emptyGroupCounters() };
  for (const group of counted.groups.values()) for (const name of GROUP_COUNTERS) counters[name] += group[name];
  const now = Date.now();
  return {
    stream,
    length,
    lastEventTime: lastId === '0-0' ? null : new Date(entryIdTime(lastId)).toISOString(),
    deadLetters,
    counters,
    groups: await Promise.all(
      groups.map((group) =>
        groupHealth(deps, stream, group, counted.groups.get(group.name) ?? emptyGroupCounters(), now),
      ),
    ),
  };
}

async function groupHealth(
  deps: HealthDeps,
  stream: string,
  main: LogGroupInfo,
  counters: GroupHealth['counters'],
  now: number,
): Promise<GroupHealth> {
  const { log, keys } = deps;
  const mainKey = keys.stream(stream);
  const retryKey = keys.retry(stream, main.name);
  const retry = (await log.groups(retryKey)).find((g) => g.name === main.name);
  const [mainLag, retryLag, mainPending, retryPending] = await Promise.all([
    lagOf(log, mainKey, main),
    retry ? lagOf(log, retryKey, retry) : 0,
    log.pending(mainKey, main.name),
    retry ? log.pending(retryKey, main.name) : { count: 0, oldestId: null },
  ]);
  const oldest = [mainPending.oldestId, retryPending.oldestId]
    .filter((id): id is string => id !== null)
    .map(entryIdTime);
  return {
    group: main.name,
    backlog: mainLag + retryLag,
    pending: mainPending.count + retryPending.count,
    oldestPendingAgeMs: oldest.length > 0 ? Math.max(0, now - Math.min(...oldest)) : null,
    consumers: main.consumers,
    counters,
  };
}

async function lagOf(log: StreamLog, key: string, group: LogGroupInfo): Promise<number> {
  if (group.lag !== null) return group.lag;
  return (await log.range(key, `(${group.lastDeliveredId}`, '+', LAG_COUNT_LIMIT)).length;
}
