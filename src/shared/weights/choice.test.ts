import { describe, expect, it } from 'vitest';
import { choiceKey, parseChoice } from './choice';

describe('(model, weights) keys', () => {
  it('round-trip, with float32 as the plain id', () => {
    expect(choiceKey('mobilenet_v2_100_224', 'float32')).toBe('mobilenet_v2_100_224');
    expect(choiceKey('mobilenet_v2_100_224', 'float16')).toBe('mobilenet_v2_100_224:float16');
    expect(parseChoice('mobilenet_v2_100_224:uint8')).toEqual({ id: 'mobilenet_v2_100_224', weights: 'uint8' });
    expect(parseChoice('resnet50')).toEqual({ id: 'resnet50', weights: 'float32' });
  });

  it('leave an id with an unknown suffix whole (it is then looked up, and reported, as an id)', () => {
    expect(parseChoice('x:int4')).toEqual({ id: 'x:int4', weights: 'float32' });
  });
});
