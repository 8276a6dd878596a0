import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The console's initial JavaScript (the entry script and the chunks index.html preloads) stays within the issue's
 * budget of 300 KB gzipped; the GraphQL IDE's editor is a separate page and never part of it. Reads console/dist,
 * so it needs `npm run build` first.
 */
const BUDGET_BYTES = 300 * 1024;
const dist = new URL('../dist/', import.meta.url);

describe('the console bundle', () => {
  it('loads at most 300 KB of gzipped JavaScript before the first page shows', () => {
    const html = readFileSync(new URL('index.html', dist), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    expect(
      scripts.some((s) => /monaco|graphiql|ide-/.test(s)),
      'the IDE is not preloaded by the console',
    ).toBe(false);
    const gzipped = scripts.reduce((sum, s) => sum + gzipSync(readFileSync(new URL(s, dist)), { level: 9 }).length, 0);
    console.info(`console initial JS: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${scripts.length} files`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
