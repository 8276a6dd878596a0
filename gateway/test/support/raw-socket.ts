import WebSocket from 'ws';
import { deferred } from './clients.js';

/** A protocol message as the server sends it. */
export type Message = { type: string; id?: string; payload?: unknown };

/** A bare `ws` socket speaking graphql-transport-ws by hand, to test the protocol's edges. */
export interface RawSocket {
  readonly ws: WebSocket;
  /** Resolves when the socket is open; rejects when the handshake fails. */
  readonly opened: Promise<void>;
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: Message | string): void;
  /** The next message not yet taken. */
  next(): Promise<Message>;
  /** Sends connection_init and waits for the ack. */
  init(payload?: Record<string, unknown>): Promise<Message>;
}

/** Opens a raw socket; `protocols` null offers no subprotocol at all. */
export function rawSocket(
  url: string,
  protocols: string | string[] | null = 'graphql-transport-ws',
  options: WebSocket.ClientOptions = {},
): RawSocket {
  const ws = protocols === null ? new WebSocket(url, options) : new WebSocket(url, protocols, options);
  const opened = deferred();
  const closed = deferred<{ code: number; reason: string }>();
  const inbox: Message[] = [];
  const readers: ((m: Message) => void)[] = [];
  ws.on('open', () => opened.resolve());
  ws.on('error', (error) => opened.reject(error));
  ws.on('close', (code, reason) => closed.resolve({ code, reason: reason.toString() }));
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Message;
    const reader = readers.shift();
    if (reader) reader(message);
    else inbox.push(message);
  });
  opened.promise.catch(() => {});
  const socket: RawSocket = {
    ws,
    opened: opened.promise,
    closed: closed.promise,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: () => {
      const message = inbox.shift();
      return message ? Promise.resolve(message) : new Promise((resolve) => readers.push(resolve));
    },
    async init(payload) {
      await opened.promise;
      socket.send({ type: 'connection_init', ...(payload ? { payload } : {}) });
      return socket.next();
    },
  };
  return socket;
}
