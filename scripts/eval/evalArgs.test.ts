import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from './evalArgs';

describe('npm run eval --weights', () => {
  it('defaults to float32, takes a variant, and rejects an unknown one by name', () => {
    expect(parseEvalArgs(['--model', 'm']).weights).toBe('float32');
    expect(parseEvalArgs(['--model', 'm', '--weights', 'float16']).weights).toBe('float16');
    expect(() => parseEvalArgs(['--model', 'm', '--weights', 'bf16'])).toThrow(/unknown weights "bf16"/);
  });
});
