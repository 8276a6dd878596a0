import { createHash } from 'node:crypto';
import type { RunningMesh } from '@fulfillment-mesh/mesh';

/** A GraphQL answer as the isolation specs read it. */
export interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** `sha256:<hex>` of a document, as a partner registers it. */
export const documentIdOf = (document: string): string =>
  `sha256:${createHash('sha256').update(document).digest('hex')}`;

/** Registers `documents` as the partner's manifest (its ready-made client `ready-partner-<id>`). */
export async function registerPartnerDocuments(
  mesh: RunningMesh,
  partnerId: string,
  documents: readonly string[],
): Promise<void> {
  await mesh.access.manifests.registerManifest(
    `ready-partner-${partnerId}`,
    Object.fromEntries(documents.map((d) => [documentIdOf(d), d])),
  );
}

/** Runs a registered document by id over HTTP POST (`documentId` in the body). */
export async function postPersisted(
  url: string,
  headers: Record<string, string>,
  document: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ documentId: documentIdOf(document), variables }),
  });
  return (await res.json()) as Answer;
}

/** Runs a registered document by id over HTTP GET (`documentId` in the query string). */
export async function getPersisted(
  url: string,
  headers: Record<string, string>,
  document: string,
  variables: Record<string, unknown> = {},
): Promise<Answer & { status: number }> {
  const target = new URL(url);
  target.searchParams.set('documentId', documentIdOf(document));
  target.searchParams.set('variables', JSON.stringify(variables));
  const res = await fetch(target, { headers: { accept: 'application/json', ...headers } });
  return { status: res.status, ...((await res.json()) as Answer) };
}

/** The `(path, code, message)` of each error, sorted by path: what the matrix compares. */
export function errorsOf(answer: Answer): [string, string | undefined, string][] {
  return (answer.errors ?? [])
    .map((e) => [e.path?.join('.') ?? '', e.extensions?.code, e.message] as [string, string | undefined, string])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * One GraphQL-over-SSE subscription (distinct connections mode): POST or GET, results collected as they arrive,
 * with a way to wait for one that satisfies a condition (no sleeps). `close` aborts the stream.
 */
export function sseSubscription(
  url: string,
  headers: Record<string, string>,
  request: { method: 'POST' | 'GET'; params: Record<string, unknown> },
) {
  const results: Answer[] = [];
  const controller = new AbortController();
  let waiting: { match: (r: Answer) => boolean; resolve: (r: Answer) => void }[] = [];
  const target = new URL(url);
  if (request.method === 'GET')
    for (const [k, v] of Object.entries(request.params))
      target.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const response = fetch(target, {
    method: request.method,
    signal: controller.signal,
    headers: {
      accept: 'text/event-stream',
      ...(request.method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(request.method === 'POST' ? { body: JSON.stringify(request.params) } : {}),
  });
  const done = (async () => {
    const res = await response;
    if (!res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream'))
      return { status: res.status, body: (await res.json()) as Answer };
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!message.startsWith('event: next')) continue;
          const data = message
            .split('\n')
            .find((l) => l.startsWith('data:'))
            ?.slice(5)
            .trim();
          if (!data) continue;
          const result = JSON.parse(data) as Answer;
          results.push(result);
          waiting = waiting.filter((w) => (w.match(result) ? (w.resolve(result), false) : true));
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
    return { status: res.status, body: null };
  })();
  return {
    results,
    /** Resolves with the HTTP status and JSON body when the server refused the request instead of streaming. */
    refusal: done,
    find: (match: (r: Answer) => boolean) => {
      const found = results.find(match);
      return found ? Promise.resolve(found) : new Promise<Answer>((resolve) => waiting.push({ match, resolve }));
    },
    close: () => controller.abort(),
  };
}
