import { randomUUID } from 'node:crypto';

let sequence = 0;

/**
 * An id that sorts by creation time: the ISO time, then a per-process counter (ties within one millisecond keep
 * their order), then randomness (ids from different replicas never collide). Sorting by `_id` is then sorting
 * by time, which keeps "newest first" paging a plain range scan on the primary key.
 */
export function timeOrderedId(at: string): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `${at}~${sequence.toString(36).padStart(6, '0')}~${randomUUID().slice(0, 8)}`;
}
