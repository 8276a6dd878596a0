import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, openEmbeddedStore } from '../src/index.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fm-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The PID of a process that has already exited (what a kill -9 leaves behind in a lock file). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the embedded store has a single writer', () => {
  it('refuses a second store on the same folder at once, naming the folder and the holding PID', async () => {
    const dir = freshDir();
    const first = openEmbeddedStore({ dir });
    try {
      expect(() => openEmbeddedStore({ dir })).toThrow(DataDirLockedError);
      expect(() => openEmbeddedStore({ dir })).toThrow(`Data directory ${dir} is locked by process ${process.pid}`);
    } finally {
      await first.close();
    }
  });

  it('frees the folder on close, so the next process (or a restart) opens it', async () => {
    const dir = freshDir();
    const first = openEmbeddedStore({ dir });
    await first.collection('items').insertOne({ _id: 'a' });
    await first.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = openEmbeddedStore({ dir });
    try {
      expect(await second.collection('items').findOne({ _id: 'a' })).toMatchObject({ _id: 'a' });
    } finally {
      await second.close();
    }
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    const dir = freshDir();
    const stale = deadPid();
    writeFileSync(join(dir, LOCK_FILE), `${stale} ${hostname()}\n`);
    const store = openEmbeddedStore({ dir });
    try {
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    } finally {
      await store.close();
    }
  });

  it('says the folder is not writable instead of failing later on the first write', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'file'), '');
    // A path below a regular file can never be created, whoever runs the test (root ignores permissions).
    expect(() => openEmbeddedStore({ dir: join(dir, 'file', 'inventory') })).toThrow(
      /Data directory .*file\/inventory cannot be created \(ENOTDIR\)/,
    );
  });
});
