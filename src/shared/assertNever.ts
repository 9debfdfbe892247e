/** Exhaustiveness guard for discriminated unions: a new variant becomes a compile error here. */
export function assertNever(value: never, context = 'value'): never {
  throw new Error(`Unexpected ${context}: ${JSON.stringify(value)}`);
}
