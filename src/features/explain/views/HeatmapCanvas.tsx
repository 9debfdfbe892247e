import { useEffect, useRef } from 'react';
import { gridToRgba } from '@/features/explain/shared/colormap';
import type { Explanation } from '@/features/explain/shared/messages';

/**
 * The heatmap grid painted one pixel a cell; CSS stretches the canvas over the image, and the
 * browser's smoothing interpolates between cells.
 */
export function HeatmapCanvas({ heatmap, opacity }: { heatmap: Explanation['heatmap']; opacity: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(heatmap.width, heatmap.height);
    image.data.set(gridToRgba(heatmap.values));
    context.putImageData(image, 0, 0);
  }, [heatmap]);
  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a canvas is not focusable; the heatmap is decoration, the class and peak are in text beside it
  return <canvas ref={canvas} className="heatmap-canvas" width={heatmap.width} height={heatmap.height} style={{ opacity }} aria-hidden="true" />;
}
