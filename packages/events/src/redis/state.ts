import type { DeliveryAttempt } from '../bus.js';
import type { BusKeys } from '../core/keys.js';
import { counterOf, type GroupState, type Inspection } from '../core/ports.js';
import type { RedisClient } from './client.js';
import type { BusScripts } from './scripts.js';

/** What the Redis group state needs. */
export interface RedisGroupStateDeps {
  client: RedisClient;
  keys: BusKeys;
  scripts: BusScripts;
  stream: string;
  group: string;
  /** How long processed event ids are remembered (SET NX EX). */
  dedupeTtlMs: number;
  /** Approximate cap of the dead-letter stream. */
  deadLetterMaxLen: number;
}

/**
 * Per-group delivery state in Redis (keys under `<p>:group:<stream>:<group>:`): `attempts` HASH ref → JSON
 * attempt history, `due` ZSET `<ref>|<subject>` → retry time, `seq` HASH subject → last applied sequence,
 * `blocked` HASH subject → the delivery holding it, `held:<subject>` ZSET of deliveries parked behind it,
 * `done:<eventId>` processed marks with a TTL. Multi-key changes run as one Lua script or MULTI.
 */
export function createRedisGroupState(deps: RedisGroupStateDeps): GroupState {
  const { client, keys, stream, group, scripts } = deps;
  const part = (name: string) => keys.group(stream, group, name);
  const attemptsKey = part('attempts');
  const dueKey = part('due');
  const seqKey = part('seq');
  const blockedKey = part('blocked');
  const heldKey = (subject: string) => part(`held:${subject}`);
  const doneKey = (eventId: string) => part(`done:${eventId}`);
  const countersKey = keys.counters(stream);
  const dueMember = (ref: string, subject: string) => `${ref}|${subject}`;
  const dedupeTtlSeconds = String(Math.max(1, Math.ceil(deps.dedupeTtlMs / 1000)));

  return {
    async inspect(ref, eventId, subject): Promise<Inspection> {
      const reply = await scripts.inspect.run(
        client,
        [doneKey(eventId), seqKey, blockedKey, attemptsKey, dueKey],
        [subject, ref, dueMember(ref, subject)],
      );
      const [done, sequence, blockedBy, attempts, dueAt] = Array.isArray(reply) ? (reply as unknown[]) : [];
      const present = (value: unknown): value is string | number => value !== null && value !== undefined;
      return {
        processed: Number(done) > 0,
        lastSequence: present(sequence) ? Number(sequence) : null,
        blockedBy: present(blockedBy) ? String(blockedBy) : null,
        attempts: present(attempts) ? (JSON.parse(String(attempts)) as DeliveryAttempt[]) : [],
        dueAt: present(dueAt) ? Number(dueAt) : null,
      };
    },

    async hold(ref, subject, score) {
      return (
        Number(await scripts.hold.run(client, [blockedKey, heldKey(subject)], [subject, ref, String(score)])) === 1
      );
    },

    async retryLater(ref, subject, attempts, dueAt) {
      await client
        .multi()
        .hSet(attemptsKey, ref, JSON.stringify(attempts))
        .zAdd(dueKey, { score: dueAt, value: dueMember(ref, subject) })
        .hSetNX(blockedKey, subject, ref)
        .hIncrBy(countersKey, `${group}:retried`, 1)
        .exec();
    },

    async settle(s) {
      const counter = counterOf(s.outcome);
      await scripts.settle.run(
        client,
        [
          s.key,
          attemptsKey,
          dueKey,
          seqKey,
          blockedKey,
          heldKey(s.subject),
          countersKey,
          doneKey(s.eventId ?? ''),
          keys.dlq(stream),
        ],
        [
          group,
          s.entryId,
          s.ref,
          s.subject,
          dueMember(s.ref, s.subject),
          s.sequence === undefined ? '' : String(s.sequence),
          s.outcome === 'processed' && s.eventId ? dedupeTtlSeconds : '',
          counter ? `${group}:${counter}` : '',
          s.replayed ? `${group}:replayed` : '',
          String(Date.now()),
          s.deadLetter ?? '',
          String(deps.deadLetterMaxLen),
        ],
      );
    },

    async takeDue(now, count) {
      const members = (await client.zRangeByScore(dueKey, '-inf', now, { LIMIT: { offset: 0, count } })).map(String);
      // ZREM is the lock: of the consumers that saw the same due retry, only the one whose ZREM removed it runs it.
      const won = await Promise.all(members.map((member) => client.zRem(dueKey, member)));
      return members
        .filter((_, i) => Number(won[i]) === 1)
        .map((member) => {
          const bar = member.indexOf('|');
          return { ref: member.slice(0, bar), subject: member.slice(bar + 1) };
        });
    },

    async nextDueAt() {
      const [first] = await client.zRangeWithScores(dueKey, 0, 0);
      return first ? Number(first.score) : null;
    },
  };
}
