import { invalidInput } from '@fulfillment-mesh/runtime';

const ENTRY_ID = /^\d+(-\d+)?$/;
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Turns a user-given range bound (entry id, `-`/`+`, or ISO time) into a stream range bound. A time becomes an
 * incomplete id (`<ms>`), which the stream reads as `<ms>-0` at the start of a range and `<ms>-<max>` at its
 * end, so both ends are inclusive.
 */
export function rangeBound(value: string, field: string): string {
  if (value === '-' || value === '+' || ENTRY_ID.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidInput(field, 'a stream entry id (e.g. 1700000000000-0) or an ISO time', value);
  return String(ms);
}

/** A time given as Date or ISO string as milliseconds; throws INVALID_INPUT naming `field`. */
export function toMillis(value: string | Date, field: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw invalidInput(field, 'an ISO time', value);
  return ms;
}

/** Checks an entry id given by a caller (they go into range commands unescaped). */
export function assertEntryId(value: string, field: string): string {
  if (!ENTRY_ID.test(value)) throw invalidInput(field, 'a stream entry id such as 1700000000000-0', value);
  return value;
}

/** Checks a stream or group name: they become parts of Redis keys, so they are kept to a safe alphabet. */
export function assertName(value: string, field: string): string {
  if (!NAME.test(value)) throw invalidInput(field, 'a name of letters, digits, "_", "." or "-" (at most 100)', value);
  return value;
}
