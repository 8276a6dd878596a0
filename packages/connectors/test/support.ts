import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Real documents written by others (see SOURCES.md there): read in place, never copied into the repo. */
export const SHARED_FIXTURES =
  process.env.SHARED_FIXTURES_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures');

/** True when the shared fixtures folder exists; tests using it are skipped (with this reason in their name) otherwise. */
export const hasSharedFixtures = existsSync(SHARED_FIXTURES);

/** Suffix for test names that need the shared fixtures. */
export const needsShared = hasSharedFixtures ? '' : ` (skipped: ${SHARED_FIXTURES} is absent)`;

/** Reads a shared fixture as text. */
export function sharedFixture(path: string): string {
  return readFileSync(join(SHARED_FIXTURES, path), 'utf8');
}

/** A promise with its resolve exposed. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Starts a node:http server on 127.0.0.1 with a random port. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
