/**
 * A vitest reporter beside the default one: the run ends with how many tests were skipped and, for
 * each, where it is and why (a ctx.skip note, or the reason sharedSuite.ts put in its name), so a
 * skip is never silent. e2e/skipReporter.ts does the same for Playwright.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const MAX_LISTED = 50;

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' && result.note ? ` [${result.note}]` : '';
        lines.push(`  ${relative(process.cwd(), module.moduleId)} > ${test.fullName}${note}`);
      }
    }
    console.log(`\n${lines.length} skipped${lines.length > 0 ? ':' : ''}`);
    for (const line of lines.slice(0, MAX_LISTED)) console.log(line);
    if (lines.length > MAX_LISTED) console.log(`  … and ${lines.length - MAX_LISTED} more`);
  }
}
