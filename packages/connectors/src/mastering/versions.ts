const INTEGER = /^[+-]?\d+$/;
// A date, optionally with a time: what sources send as a version when they have no sequence.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Orders two source versions: numerically when both are integers (any size: compared as BigInt, so `10` > `9`
 * and 20-digit sequences stay exact), else as instants when both are ISO-8601 times (so time zones and
 * precision differences compare correctly; sub-millisecond digits are ignored), else lexically by UTF-16 code
 * unit. Returns a negative number, 0 or a positive number, like a sort comparator.
 */
export function compareVersions(a: string, b: string): number {
  if (INTEGER.test(a) && INTEGER.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const ta = isoTime(a);
  const tb = isoTime(b);
  if (ta !== null && tb !== null) return Math.sign(ta - tb);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Milliseconds of an ISO-8601 time, or null when `value` is not one. */
export function isoTime(value: string): number | null {
  if (!ISO_TIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
