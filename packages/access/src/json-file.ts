import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * A JSON file read through a schema and cached until its modification time changes, so that a gateway sees
 * what the CLI (another process) wrote without re-reading the file on every request. Writes are atomic
 * (temporary file + rename): a reader never sees half a file.
 */
export interface JsonFile<T> {
  read(): Promise<T>;
  write(value: T): Promise<void>;
}

/** Opens `path` as a {@link JsonFile}; a missing file reads as `empty()`. */
export function jsonFile<S extends z.ZodType>(path: string, schema: S, empty: () => z.infer<S>): JsonFile<z.infer<S>> {
  let cached: { mtimeMs: number; size: number; value: z.infer<S> } | undefined;
  return {
    async read() {
      let info;
      try {
        info = await stat(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
        throw error;
      }
      if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.value;
      const parsed = schema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (!parsed.success)
        throw new Error(
          `${path} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      cached = { mtimeMs: info.mtimeMs, size: info.size, value: parsed.data };
      return parsed.data;
    },
    async write(value) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
      await rename(temporary, path);
      cached = undefined;
    },
  };
}
