import { describe, expect, it } from 'vitest';
import { centerCropBox, cropRgb } from './centerCrop';

describe('centre crop', () => {
  it("is torchvision's resize 256 then crop 224 (640×480 → 341×256, window at 58,16)", () => {
    const box = centerCropBox(640, 480, { shortestEdge: 256, offset: 'torchvision' }, [224, 224]);
    expect(box.resized).toEqual({ width: 341, height: 256 });
    expect(box.crop).toEqual({ left: 58, top: 16, width: 224, height: 224 });
  });

  it('copies exactly the window, row by row', () => {
    // 4×3 pixels whose red value is its index, so every copied pixel says where it came from.
    const data = new Float32Array(4 * 3 * 3);
    for (let i = 0; i < 12; i += 1) data[i * 3] = i;
    const window = cropRgb({ data, width: 4, height: 3 }, 1, 1, 2, 2);
    expect([...window.data].filter((_, i) => i % 3 === 0)).toEqual([5, 6, 9, 10]);
    expect(() => cropRgb({ data, width: 4, height: 3 }, 3, 0, 2, 2)).toThrow('does not fit');
  });
});
