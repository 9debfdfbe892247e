import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `base: './'` keeps every URL relative, so the built site works from any CDN sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The worker bundle carries TF.js and its backends (~2.6 MB); the page itself stays small.
    chunkSizeWarningLimit: 4000,
    // harness.html exposes the same worker to headless scripts (npm run eval / bench).
    rollupOptions: { input: { main: 'index.html', harness: 'harness.html' } },
  },
});
