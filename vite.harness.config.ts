/**
 * The headless harness (harness.html: the app's worker and client, no UI) for `npm run eval`,
 * `npm run bench` and e2e/eval.spec.ts, built into dist-harness/ so that the deployable dist/
 * never ships it. It reuses the app's config, worker build included, so the tools run exactly the
 * code the app runs; only what belongs to the deployed app (its service worker) is left out.
 */
import { createReadStream, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { defineConfig, type ConfigEnv, type Plugin, type PluginOption, type UserConfig, type UserConfigExport } from 'vite';
import appConfig from './vite.config';

export const HARNESS_OUT_DIR = 'dist-harness';
const PUBLIC_DIR = resolve(import.meta.dirname, 'public');
const TYPES: Record<string, string> = { '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.bin': 'application/octet-stream' };

/** Plugins of the deployed app only: a service worker would cache and intercept the tools' requests. */
const APP_ONLY = /pwa|service-?worker|workbox/i;

async function flatPlugins(option: PluginOption | PluginOption[] | undefined): Promise<Plugin[]> {
  const resolved = await option;
  if (!resolved) return [];
  if (Array.isArray(resolved)) return (await Promise.all(resolved.map((p) => flatPlugins(p)))).flat();
  return [resolved as Plugin];
}

/**
 * The models (120 MB) are not copied into dist-harness/: `vite preview` of the harness answers
 * public/ files from where they are, before its static handler (which serves the build).
 */
function publicFilesInPlace(): Plugin {
  return {
    name: 'lumen-harness-public-files',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const path = resolve(PUBLIC_DIR, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`);
        if (!path.startsWith(PUBLIC_DIR + sep)) return next();
        let size: number;
        try {
          const info = statSync(path);
          if (!info.isFile()) return next();
          size = info.size;
        } catch {
          return next();
        }
        res.setHeader('content-type', TYPES[extname(path)] ?? 'application/octet-stream');
        res.setHeader('content-length', size);
        res.setHeader('cache-control', 'no-cache');
        if (req.method === 'HEAD') return void res.end();
        createReadStream(path).pipe(res);
      });
    },
  };
}

/** The app's config in whatever form it takes (object, promise, or function of the env). */
async function resolved(config: UserConfigExport, env: ConfigEnv): Promise<UserConfig> {
  return typeof config === 'function' ? config(env) : config;
}

export default defineConfig(async (env: ConfigEnv): Promise<UserConfig> => {
  const app = await resolved(appConfig, env);
  const plugins = (await flatPlugins(app.plugins)).filter((p) => !APP_ONLY.test(p.name));
  return {
    ...app,
    plugins: [...plugins, publicFilesInPlace()],
    build: {
      ...app.build,
      outDir: HARNESS_OUT_DIR,
      copyPublicDir: false,
      rollupOptions: { ...app.build?.rollupOptions, input: { harness: 'harness.html' } },
    },
  };
});
