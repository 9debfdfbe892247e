/**
 * vitest's side of shared.ts: a describe block or a test that needs ../shared. With what it needs,
 * it is a plain describe / it. Without, it is skipped and its name carries the reason (vitest has
 * no reason for a skipped block, so the skip report prints the name); under LUMEN_REQUIRE_SHARED=1
 * it becomes one failing test that says what is missing.
 */
import { describe, it } from 'vitest';
import { missingShared, SharedMissingError, sharedRequired, type SharedNeeds } from './shared';

const skippedName = (name: string, reason: string): string => `${name} [skipped: ${reason}]`;

export function describeShared(name: string, needs: SharedNeeds, body: () => void): void {
  const reason = missingShared(needs);
  if (reason === null) describe(name, () => body());
  else if (sharedRequired())
    describe(name, () => {
      it('has the shared data it needs', () => {
        throw new SharedMissingError(reason);
      });
    });
  else describe.skip(skippedName(name, reason), () => body());
}

export function itShared(name: string, needs: SharedNeeds, body: () => Promise<void> | void, timeout?: number): void {
  const reason = missingShared(needs);
  if (reason === null) it(name, body, timeout);
  else if (sharedRequired())
    it(name, () => {
      throw new SharedMissingError(reason);
    });
  else it.skip(skippedName(name, reason), body);
}
