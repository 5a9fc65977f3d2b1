import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(webRoot, '../..');

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  // The contracts shared with the server (see tsconfig.json): types only, but a value import must still resolve.
  resolve: {
    alias: {
      '@plenary/chat-events': resolve(repoRoot, 'libs/chat/src/chat-events.ts'),
      '@plenary/live-events': resolve(repoRoot, 'libs/realtime/src/live-events.ts'),
    },
  },
  build: {
    outDir: resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      // The chat's socket, same origin as the page in development too.
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
