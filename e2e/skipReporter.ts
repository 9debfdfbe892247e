/**
 * A Playwright reporter beside 'list': the run ends with how many tests were skipped and, for each,
 * where it is and why (the reason given to test.skip, e.g. by needShared in e2e/support.ts), so a
 * skip is never silent. Under .ci/run (LUMEN_REQUIRE_SHARED=1) the count should be 0.
 * src/testing/skipReporter.ts does the same for vitest.
 */
import { relative } from 'node:path';
import type { Reporter, Suite, TestCase } from '@playwright/test/reporter';

const SKIP_KINDS = new Set(['skip', 'fixme']);

/** The reasons a skipped test was given, from its declaration and from the run that skipped it. */
function reasons(test: TestCase): string[] {
  const annotations = [...test.annotations, ...test.results.flatMap((result) => result.annotations)];
  const found = annotations.filter((a) => SKIP_KINDS.has(a.type)).map((a) => a.description ?? '');
  return [...new Set(found.filter(Boolean))];
}

/** file:line › describe › title */
function where(test: TestCase): string {
  const titles = test.titlePath().filter(Boolean).slice(1); // without the file name, given by the location
  return [`${relative(process.cwd(), test.location.file)}:${test.location.line}`, ...titles].join(' › ');
}

export default class SkipReporter implements Reporter {
  private root: Suite | null = null;

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite;
  }

  onEnd(): void {
    const unrun = (this.root?.allTests() ?? []).filter((test) => test.outcome() === 'skipped');
    // A skip the test asked for expects 'skipped'; one that merely did not run (a failed beforeAll in
    // its group, an interrupted run) expected to pass, and is no skip: the failure is reported above.
    const skipped = unrun.filter((test) => test.expectedStatus === 'skipped');
    console.log(`\n${skipped.length} skipped${skipped.length > 0 ? ':' : ''}`);
    for (const test of skipped) {
      const why = reasons(test);
      console.log(`  ${where(test)} — ${why.length > 0 ? why.join('; ') : 'no reason given'}`);
    }
    const didNotRun = unrun.length - skipped.length;
    if (didNotRun > 0) console.log(`${didNotRun} did not run (after a failure in the same group, or an interrupted run)`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
