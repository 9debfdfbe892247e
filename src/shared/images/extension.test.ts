import { describe, expect, it } from 'vitest';
import { extensionOf } from './extension';

describe('extensionOf', () => {
  it('reads the last extension of the file name, not of a folder', () => {
    expect(extensionOf('holiday.2024/cat.JPEG')).toBe('jpeg');
    expect(extensionOf('holiday.2024/README')).toBeNull();
    expect(extensionOf('.hidden')).toBeNull();
    expect(extensionOf('trailing.')).toBeNull();
  });
});
