import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Two pages under the gateway's `/console/` path: the console (index.html) and the GraphQL IDE (ide.html, served
 * by the gateway at GET /graphql for browsers). Hashed file names let the gateway cache assets for a year.
 * `html.cspNonce` marks the page's tags and adds `<meta property="csp-nonce">`; the gateway replaces the
 * placeholder with a fresh nonce per response (gateway/src/console.ts), which the app hands to Mantine.
 */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  html: { cspNonce: 'FM_CSP_NONCE' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The IDE's editor (Monaco) is large by nature; it is a separate page, never part of the console's initial JS.
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: { console: 'index.html', ide: 'ide.html' } },
  },
});
