/**
 * The `test` every spec imports: Playwright's own, plus an automatic guard that fails a test on any
 * Content-Security-Policy violation the page reports (issue 7: the CSP must hold in every flow,
 * not only in the one spec that checks it).
 */
import { expect, test as base } from '@playwright/test';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

declare global {
  interface Window {
    __lumenCspViolations?: Violation[];
  }
}

// biome-ignore lint/suspicious/noConfusingVoidType: Playwright types an auto fixture that yields nothing as void
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      await page.addInitScript(() => {
        window.__lumenCspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          window.__lumenCspViolations?.push({
            directive: event.violatedDirective,
            blocked: event.blockedURI,
            source: `${event.sourceFile}:${event.lineNumber}`,
          });
        });
      });
      await use();
      if (page.isClosed()) return;
      const violations = await page.evaluate(() => window.__lumenCspViolations ?? []).catch(() => [] as Violation[]);
      expect(violations, `Content-Security-Policy violations: ${JSON.stringify(violations)}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page, Locator, BrowserContext } from '@playwright/test';
