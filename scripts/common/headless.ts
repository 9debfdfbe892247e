/**
 * Headless Chromium around the built app, for scripts that must run the app's own worker code
 * (npm run eval, npm run bench). Serves the harness build (dist-harness/, vite.harness.config.ts:
 * the deployable dist/ does not carry harness.html) with `vite preview` on a free port, launches
 * Debian's Chromium with the flags that give WebGL/WebGPU on SwiftShader, and opens harness.html.
 * Local files (images under ../shared) are routed into the page at /__local/<absolute path>.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { serveHarness, type HarnessServer } from './harnessBuild';

/** Local files are served to the page under `<base>__local/<absolute path>`. */
export function localUrlFor(baseUrl: string, absolutePath: string): string {
  return `${baseUrl}__local${encodeURI(absolutePath)}`;
}

/** Answers `<base>__local/...` requests from disk (a Playwright test page can use it too). */
export async function routeLocalFiles(target: Page | BrowserContext, baseUrl: string): Promise<void> {
  await target.route(`${baseUrl}__local/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/__local'.length));
    return route.fulfill({ path });
  });
}

export interface Headless {
  page: Page;
  baseUrl: string;
  /** URL under which the page can fetch a local file. */
  localUrl(absolutePath: string): string;
  /** Another harness page in the same browser, with its own worker (e.g. a second backend). */
  openPage(query?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface HeadlessOptions {
  /** Rebuild dist-harness/ even if it exists (default: build only when missing). */
  rebuild?: boolean;
  /** Query string for harness.html, e.g. "?backend=webgl". */
  query?: string;
  /** Serve it cross-origin isolated: wasm then runs threaded (see serveHarness). */
  isolated?: boolean;
  /**
   * A Playwright browser server's ws endpoint (`browserType.launchServer`, Selenium Grid, a device
   * cloud) to drive instead of launching Chromium here (npm run eval / bench --connect).
   */
  connect?: string;
  /** A harness server already running, shared by a fleet of browsers: used, never closed here. */
  server?: HarnessServer;
  log?: (line: string) => void;
}

export async function openHarness(options: HeadlessOptions = {}): Promise<Headless> {
  const log = options.log ?? ((line: string) => console.error(line));
  const shared = options.server;
  const server = shared ?? (await serveHarness({ rebuild: options.rebuild, isolated: options.isolated, log }));
  const closeServer = (): Promise<void> => (shared ? Promise.resolve() : server.close());
  const { baseUrl } = server;
  let browser: Browser | null = null;
  try {
    // A connected browser is someone else's: closing it below only disconnects (its contexts go).
    browser = options.connect
      ? await chromium.connect(options.connect, { timeout: 60_000 })
      : await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    const context = await browser.newContext();
    // tsx (esbuild keepNames) wraps functions passed to page.evaluate in __name(); define it there.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await routeLocalFiles(context, baseUrl);
    const openPage = async (query = options.query ?? ''): Promise<Page> => {
      const fresh = await context.newPage();
      fresh.on('pageerror', (error) => log(`page error: ${error.message}`));
      await fresh.goto(`${baseUrl}harness.html${query}`);
      await fresh.waitForFunction(() => 'lumenHarness' in window, null, { timeout: 60_000 });
      return fresh;
    };
    const page = await openPage();
    const opened = browser;
    return {
      page,
      baseUrl,
      localUrl: (absolutePath) => localUrlFor(baseUrl, absolutePath),
      openPage,
      close: async () => {
        await opened.close();
        await closeServer();
      },
    };
  } catch (error) {
    await browser?.close();
    await closeServer();
    throw error;
  }
}
