import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { freePort, untilExit, waitFor } from './wait.js';

/** A private `redis-server` of one fault test (never the shared one on 6379). */
export interface PrivateRedis {
  /** `redis://127.0.0.1:<port>`; stays the same across restarts. */
  readonly url: string;
  readonly port: number;
  /** PID of the running server; undefined while it is stopped. */
  readonly pid: number | undefined;
  /** Its `--dir` (AOF files live there when `persist` is on). */
  readonly dir: string;
  /** SHUTDOWN-like stop by SIGTERM (Redis writes its AOF and exits); resolves once the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL: an abrupt outage; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and dir; resolves when it answers PING. */
  start(): Promise<void>;
  /** Stops it (if running) and removes its dir; call in afterAll. */
  close(): Promise<void>;
}

/**
 * Starts `redis-server --port <free> --save ''` in a temp `--dir`; with `persist` also `--appendonly yes
 * --appendfsync always`, so a restart (even after SIGKILL) keeps the data (streams, groups, keys) like a
 * production Redis with AOF. Resolves when PING answers.
 */
export async function startRedis(options: { persist?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fm-faults-redis-'));
  let child: ChildProcess | undefined;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--dir',
    dir,
    '--appendonly',
    options.persist ? 'yes' : 'no',
    // fsync on every write: a SIGKILL loses nothing Redis acknowledged (the suite checks for lost events).
    ...(options.persist ? ['--appendfsync', 'always'] : []),
  ];

  const start = async () => {
    if (child) return;
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    child = started;
    started.once('exit', () => {
      if (child === started) child = undefined;
    });
    await waitFor(`redis-server on port ${port} to answer PING`, () => ping(port), 10_000);
  };
  const end = async (signal: NodeJS.Signals) => {
    const running = child;
    if (!running) return;
    const exited = untilExit(running);
    running.kill(signal);
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    get pid() {
      return child?.pid;
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    start,
    async close() {
      await end('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when a Redis on `port` answers PING with PONG (raw RESP, no client library involved). */
export function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}
