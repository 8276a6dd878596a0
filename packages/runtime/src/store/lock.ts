import { closeSync, mkdirSync, openSync, readFileSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The lock file an embedded store keeps in its folder while a process has it open. */
export const LOCK_FILE = 'LOCK';

/** Another live process holds the data directory (a second writer would silently lose writes). */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; host: string },
  ) {
    super(
      `Data directory ${dir} is locked by process ${holder.pid} on ${holder.host}: the embedded store has a single ` +
        'writer. Stop that process, give this one its own DATA_DIR, or run replicas on MONGODB_URI.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** A held lock; `release` is idempotent (also run on process exit). */
export interface DirLock {
  readonly file: string;
  release(): void;
}

/**
 * Takes the exclusive lock on an embedded store's folder, like MongoDB's `mongod.lock`: `<dir>/LOCK` is created
 * with O_EXCL and holds `<pid> <host>`. A lock whose process is gone (kill -9, power loss) is taken over; one
 * whose process is alive — or that belongs to another host sharing the folder — refuses at once with
 * {@link DataDirLockedError}. Two processes taking over the same stale lock serialise on `LOCK.takeover`.
 */
export function lockDataDir(dir: string): DirLock {
  const absolute = resolve(dir);
  const file = join(absolute, LOCK_FILE);
  const me = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, me);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && (holder.host !== hostname() || isAlive(holder.pid))) throw new DataDirLockedError(absolute, holder);
    if (attempt >= 3) throw new DataDirLockedError(absolute, holder ?? { pid: 0, host: 'unknown' });
    takeOver(file, holder);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8') === me) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { file, release };
}

function readHolder(file: string): { pid: number; host: string } | undefined {
  try {
    const [pid, host] = readFileSync(file, 'utf8').trim().split(/\s+/);
    const value = Number(pid);
    return Number.isInteger(value) && value > 0 ? { pid: value, host: host ?? hostname() } : undefined;
  } catch {
    return undefined; // vanished (released meanwhile) or half-written: try again
  }
}

/** Removes a stale lock, unless another process is taking it over right now. */
function takeOver(file: string, seen: { pid: number; host: string } | undefined): void {
  const mutex = `${file}.takeover`;
  try {
    mkdirSync(mutex);
  } catch {
    return; // someone else is taking over; the next attempt sees their lock
  }
  try {
    const now = readHolder(file);
    if (now?.pid === seen?.pid) unlinkSync(file);
  } catch {
    // already removed
  } finally {
    rmdirSync(mutex);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
