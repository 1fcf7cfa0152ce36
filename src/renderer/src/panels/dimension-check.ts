/** Expected (compiler) vs actual (engine) shapes, FLOPs and memory: pure helpers for the Dimensions panel. */
import type { Dim } from '../../../../engine/compile';
import type { LayerShapeReport } from '../../../../engine/protocol';

export interface ShapeCheck {
  status: 'ok' | 'mismatch' | 'none';
  /** Keys whose shapes differ, with both shapes. */
  mismatches: { key: string; expected: string; actual: string }[];
}

/** The batch size m the engine used, read off the first layer whose expected A mentions m. */
export function actualBatch(expected: { id: string; shapes: Record<string, Dim[] | undefined> }[], actual: LayerShapeReport[]): number | null {
  for (const layer of expected) {
    const dims = layer.shapes.A;
    const got = actual.find((a) => a.id === layer.id)?.shapes.A;
    if (!dims || !got) continue;
    const at = dims.indexOf('m');
    if (at >= 0 && at < got.length) return got[at];
  }
  return null;
}

export function checkShapes(expected: Record<string, Dim[] | undefined>, actual: Record<string, number[]> | undefined, m: number): ShapeCheck {
  if (!actual) return { status: 'none', mismatches: [] };
  const mismatches: ShapeCheck['mismatches'] = [];
  let compared = 0;
  for (const [key, dims] of Object.entries(expected)) {
    const got = actual[key];
    if (!dims || !got) continue;
    compared++;
    const want = dims.map((d) => (d === 'm' ? m : d));
    if (want.length !== got.length || want.some((v, i) => v !== got[i])) {
      mismatches.push({ key, expected: `(${want.join(', ')})`, actual: `(${got.join(', ')})` });
    }
  }
  if (compared === 0) return { status: 'none', mismatches };
  return { status: mismatches.length ? 'mismatch' : 'ok', mismatches };
}

const product = (dims: readonly Dim[] | undefined) => (dims ? dims.reduce<number>((a, d) => a * (d === 'm' ? 1 : d), 1) : 0);

/**
 * Forward multiply-adds ×2 per example: dense 2·n[l]·n[l−1]; conv 2·f·f·n_C_prev·n_C per
 * output position; other layers about one operation per output value.
 */
export function flopsPerExample(shapes: Record<string, Dim[] | undefined>, outShape: number[]): number {
  const W = shapes.W;
  const outSize = outShape.reduce((a, b) => a * b, 1);
  if (W && W.length === 4) return 2 * product(W) * (outShape.length === 3 ? outShape[0] * outShape[1] : 1);
  if (W) return 2 * product(W) + outSize;
  return outSize;
}

/** Bytes for a batch: Z, A, dZ, dA per activation value and value, gradient and two optimizer moments per parameter (float32). */
export function memoryBytes(layers: { outShape: number[]; params: number }[], batch: number): number {
  let values = 0;
  let params = 0;
  for (const layer of layers) {
    values += layer.outShape.reduce((a, b) => a * b, 1);
    params += layer.params;
  }
  return 4 * (4 * values * batch + 4 * params);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}
