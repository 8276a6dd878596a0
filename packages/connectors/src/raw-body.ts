import type { IncomingMessage } from 'node:http';

/** Thrown by {@link readRawBody} when a body exceeds its limit. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds the limit of ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * Reads a request body as raw bytes, failing fast (without buffering the rest) once it exceeds `limit` bytes.
 * Signatures are computed over the exact bytes sent, so the body is not decoded here: runtime's `readBody`
 * returns UTF-8 text, and a decode/encode round trip alters any byte sequence that is not valid UTF-8.
 */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new PayloadTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        req.resume();
        reject(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
