import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.plugin.mts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(webRoot, '../..');
/** The API server `npm run dev:web` forwards to: `npm start` on its default port, or PLENARY_DEV_SERVER. */
const server = process.env.PLENARY_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  // React Aria's widgets carry their own words in 34 languages; the client speaks English and French.
  plugins: [react(), { ...optimizeLocales.vite({ locales: ['en-GB', 'en-US', 'fr-FR'] }), enforce: 'pre' }, precompress()],
  // The contracts shared with the server (see tsconfig.json): types only, but a value import must still resolve.
  resolve: {
    alias: {
      '@plenary/chat-contract': resolve(repoRoot, 'libs/chat/src/contracts/chat-events.ts'),
      '@plenary/live-contract': resolve(repoRoot, 'libs/summits/src/contracts/live-events.ts'),
      '@plenary/realtime-contract': resolve(repoRoot, 'libs/realtime/src/contracts/realtime-events.ts'),
    },
  },
  build: {
    outDir: resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': {
        target: server,
        ws: true,
        // The server admits socket handshakes from its own origin only (cross-site WebSocket hijacking);
        // here the dev server speaks for the page, so the handshake carries the server's origin.
        configure: (proxy) => proxy.on('proxyReqWs', (proxyReq) => proxyReq.setHeader('origin', server)),
      },
    },
  },
});
