import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `base: './'` keeps every URL relative, so the built site works from any CDN sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
