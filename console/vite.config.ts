import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Assets smaller than this are sent as they are; default 1_024 // 1 KiB (compression gains nothing there). */
const MIN_COMPRESS_BYTES = 1_024;

/**
 * Writes `.gz` and `.br` next to every script, style sheet and font map of the build, so that the gateway (sirv
 * with `gzip`/`brotli`) sends the compressed file to browsers that accept it instead of compressing per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'fm-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      const writes: Promise<void>[] = [];
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!/\.(js|css|svg|ttf|json)$/.test(fileName)) continue;
        const source = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
        if (source.length < MIN_COMPRESS_BYTES) continue;
        const file = join(outDir, fileName);
        writes.push(writeFile(`${file}.gz`, gzipSync(source, { level: 9 })));
        writes.push(
          writeFile(`${file}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })),
        );
      }
      await Promise.all(writes);
    },
  };
}

/**
 * Two pages under the gateway's `/console/` path: the console (index.html) and the GraphQL IDE (ide.html, served
 * by the gateway at GET /graphql for browsers). Hashed file names let the gateway cache assets for a year.
 * `html.cspNonce` marks the page's tags and adds `<meta property="csp-nonce">`; the gateway replaces the
 * placeholder with a fresh nonce per response (gateway/src/console.ts), which the app hands to Mantine.
 */
export default defineConfig({
  base: '/console/',
  plugins: [react(), precompress()],
  html: { cspNonce: 'FM_CSP_NONCE' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The IDE's editor (Monaco) is large by nature; it is a separate page, never part of the console's initial JS.
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: { console: 'index.html', ide: 'ide.html' } },
  },
});
