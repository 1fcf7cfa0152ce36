/**
 * What the live canvas charts share: a wrapper whose width is followed by a
 * ResizeObserver, and a 2-D context sized for the device pixel ratio and cleared,
 * drawn in CSS pixels.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

/** The wrapper to measure and its current width (0 until measured); `onResize` runs on every change. */
export function useMeasuredWidth(onResize?: () => void): [RefObject<HTMLDivElement | null>, number] {
  const wrap = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const resized = useRef(onResize);
  resized.current = onResize;
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => {
      resized.current?.();
      setWidth(el.clientWidth);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [wrap, width];
}

/** The canvas's context for a width × height CSS-pixel drawing, backing store sized for the screen and cleared. */
export function sizedContext(el: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  // Assigning width/height clears and reallocates the backing store: only when it changed.
  if (el.width !== Math.round(width * dpr)) el.width = Math.round(width * dpr);
  if (el.height !== Math.round(height * dpr)) el.height = Math.round(height * dpr);
  const ctx = el.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}
