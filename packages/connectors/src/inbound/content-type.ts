import type { IncomingMessage } from 'node:http';

/** Media types a JSON webhook accepts: `application/json` and any `application/<x>+json`. */
export const JSON_MEDIA_TYPES: readonly string[] = ['application/json', 'application/*+json'];

/** Media types an X12 endpoint accepts (what AS2/SFTP bridges send). */
export const X12_MEDIA_TYPES: readonly string[] = [
  'application/edi-x12',
  'application/edi',
  'text/plain',
  'application/octet-stream',
];

/** Media types of a CSV upload. */
export const CSV_MEDIA_TYPES: readonly string[] = [
  'text/csv',
  'application/csv',
  'text/plain',
  'application/octet-stream',
];

/** The request's media type, lower-cased, without parameters (`text/csv; charset=utf-8` → `text/csv`). */
export function mediaTypeOf(req: Pick<IncomingMessage, 'headers'>): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Null when the request's `content-type` is one of `accepted` (a `type/*+suffix` entry matches structured
 * suffixes), else the message of the 415 to answer, naming what was sent and what is accepted.
 */
export function unsupportedMediaType(
  req: Pick<IncomingMessage, 'headers'>,
  accepted: readonly string[],
): string | null {
  const type = mediaTypeOf(req);
  const ok = accepted.some((a) => {
    const wildcard = /^([^/]+)\/\*\+(.+)$/.exec(a);
    return wildcard ? type.startsWith(`${wildcard[1]}/`) && type.endsWith(`+${wildcard[2]}`) : type === a;
  });
  if (ok) return null;
  return `content-type ${type ? `"${type}"` : '(missing)'} is not supported; send one of ${accepted.join(', ')}`;
}
