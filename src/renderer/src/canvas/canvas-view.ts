/** The canvas's size on screen now, for layouts that fit it (the 1280 × 720 default before there is one). */
import { DEFAULT_VIEW, type Size } from '../graph/arrange';

export function canvasView(): Size {
  const box = document.querySelector('.canvas')?.getBoundingClientRect();
  return box && box.width > 100 && box.height > 100 ? { width: box.width, height: box.height } : DEFAULT_VIEW;
}
