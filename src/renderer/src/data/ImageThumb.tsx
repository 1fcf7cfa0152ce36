/** One (H, W, C) example drawn at a fixed size: grayscale for C = 1, RGB for C = 3, scaled by its own min and max. */
import { useEffect, useRef } from 'react';

export function ImageThumb({ pixels, shape, size = 48, title }: { pixels: ArrayLike<number>; shape: number[]; size?: number; title?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [height, width, channels] = shape;
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < height * width * channels; i++) {
      lo = Math.min(lo, pixels[i]);
      hi = Math.max(hi, pixels[i]);
    }
    const span = hi > lo ? hi - lo : 1;
    const image = ctx.createImageData(width, height);
    for (let p = 0; p < height * width; p++) {
      for (let c = 0; c < 3; c++) image.data[p * 4 + c] = Math.round((255 * (pixels[p * channels + (channels >= 3 ? c : 0)] - lo)) / span);
      image.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels, height, width, channels]);
  return (
    <canvas
      ref={ref}
      width={width}
      height={height}
      title={title}
      style={{ width: size, height: size, imageRendering: 'pixelated', border: '1px solid #ccc' }}
    />
  );
}
