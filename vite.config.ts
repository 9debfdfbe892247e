import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicyPlugin } from './scripts/vite/csp';
import { installedModels } from './scripts/vite/installedModels';
import { serviceWorker } from './scripts/vite/serviceWorker';
import { threadedWasmFactoryAlias } from './scripts/vite/threadedWasm';
import { litertGlue, runtimeFileNames } from './scripts/vite/runtimeFiles';

/** `@/…` is the source root (tsconfig.base.json's one path alias); vitest.config.ts uses the same. */
export const SOURCE_ROOT_ALIAS = { find: /^@\//, replacement: `${resolve(import.meta.dirname, 'src')}/` };

// `base: './'` keeps every URL relative, so the built site works from any CDN sub-path.
export default defineConfig({
  base: './',
  // The policy (scripts/vite/csp.ts): connect-src is 'self', the hosted models' origins and
  // LUMEN_CONNECT_ORIGINS; the service worker sends the workers' version of it. models/installed.json
  // (scripts/vite/installedModels.ts) tells the page which models are installed, in one request.
  plugins: [react(), contentSecurityPolicyPlugin(), installedModels(), serviceWorker(), litertGlue()],
  // Threaded wasm in the minified worker bundle (scripts/vite/threadedWasm.ts).
  resolve: { alias: [SOURCE_ROOT_ALIAS, threadedWasmFactoryAlias] },
  // The worker loads ONNX Runtime and LiteRT on first use, from assets/runtime-* (scripts/vite/runtimeFiles.ts).
  worker: { format: 'es', plugins: () => [litertGlue()], rollupOptions: { output: runtimeFileNames } },
  build: {
    target: 'es2022',
    // The worker bundle carries TF.js and its backends (~2.6 MB); the page itself stays small.
    chunkSizeWarningLimit: 4000,
    // Only the app: harness.html (npm run eval / bench) is built apart, by vite.harness.config.ts.
    rollupOptions: { input: { main: 'index.html' }, output: runtimeFileNames },
  },
});
