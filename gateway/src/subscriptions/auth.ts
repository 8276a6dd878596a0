import type { IncomingMessage } from 'node:http';
import { clientErrorOf, type Logger } from '@fulfillment-mesh/runtime';

/**
 * Authenticates a subscription connection: graphql-ws passes its `connection_init` payload, SSE passes undefined
 * (credentials come in the request headers). Resolve the identity, or null to refuse (close 4401 / HTTP 401). A
 * throw with code UNAUTHENTICATED (4401 / 401), FORBIDDEN (4403 / 403) or RATE_LIMITED (1013 / 429) — a
 * DomainError, or a GraphQLError with `extensions.code` as the access guard throws — refuses with its message.
 */
export type Authenticate<TIdentity> = (
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  request: IncomingMessage,
) => Promise<TIdentity | null>;

/** How a refused connection is closed, in the terms of both transports. */
export interface Refusal {
  ok: false;
  status: 401 | 403 | 429 | 500;
  closeCode: 4401 | 4403 | 1013 | 4500;
  code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR';
  message: string;
}

/** The outcome of authenticating one connection. */
export type AuthOutcome<TIdentity> = { ok: true; identity: TIdentity | null } | Refusal;

const REFUSALS = {
  UNAUTHENTICATED: { status: 401, closeCode: 4401 },
  FORBIDDEN: { status: 403, closeCode: 4403 },
  // 1013 "Try Again Later": graphql-ws clients retry it, unlike 4429 (which the protocol reserves for init floods).
  RATE_LIMITED: { status: 429, closeCode: 1013 },
} as const;

/** Runs the hook; without one every connection is accepted as anonymous (identity null). */
export async function authenticateConnection<TIdentity>(
  authenticate: Authenticate<TIdentity> | undefined,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  request: IncomingMessage,
  logger: Logger,
): Promise<AuthOutcome<TIdentity>> {
  if (!authenticate) return { ok: true, identity: null };
  try {
    const identity = await authenticate(connectionParams, request);
    if (identity === null)
      return { ok: false, ...REFUSALS.UNAUTHENTICATED, code: 'UNAUTHENTICATED', message: 'Unauthorized' };
    return { ok: true, identity };
  } catch (error) {
    const code = refusalCode(error);
    if (code) return { ok: false, ...REFUSALS[code], code, message: (error as Error).message };
    logger.error({ err: error }, 'subscription authentication failed');
    return { ok: false, status: 500, closeCode: 4500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
  }
}

// The code comes from the one error mapping (packages/runtime clientErrorOf); only these three refuse a connection.
function refusalCode(error: unknown): keyof typeof REFUSALS | undefined {
  const code = clientErrorOf(error)?.code;
  return code !== undefined && code in REFUSALS ? (code as keyof typeof REFUSALS) : undefined;
}

/** WebSocket close reasons are limited to 123 bytes; longer ones make `close()` throw. */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason) <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (Buffer.byteLength(cut) > 120) cut = cut.slice(0, -1);
  return `${cut}...`;
}
