/**
 * The one Chromium this project drives, and its flags: Debian's build (Playwright cannot download
 * its own here), with WebGL and WebGPU on SwiftShader when there is no GPU (slow but real). Used by
 * playwright.config.ts for e2e and by the headless launcher of npm run eval / bench.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = ['--disable-quic', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu'];
