/**
 * The course's cost example for Inception (course 4, week 2): a 1×1 convolution that shrinks
 * n_C before an f×f one (a "bottleneck layer") against the f×f convolution applied straight
 * to the 1×1's input. 28×28×192 → 5×5 same, 32 filters: 28·28·32 · 5·5·192 ≈ 120 M
 * multiplications; through a 1×1 with 16 filters: 28·28·16·192 + 28·28·32 · 5·5·16 ≈ 12.4 M.
 */
import type { LayerSpec } from '../spec/types';
import type { LayerShapeInfo } from './types';

export interface Bottleneck {
  /** The 1×1 convolution that shrinks the channels. */
  bottleneckId: string;
  /** The f×f convolution it feeds. */
  convId: string;
  f: number;
  /** n_C into the 1×1 and out of it. */
  channelsIn: number;
  channelsBetween: number;
  /** Multiplications per example: the 1×1 and the f×f together … */
  multiplies: number;
  /** … and the f×f convolution applied to the 1×1's input directly (same output). */
  plainMultiplies: number;
}

export function findBottlenecks(specLayers: readonly LayerSpec[], layers: readonly LayerShapeInfo[]): Bottleneck[] {
  const spec = new Map(specLayers.map((layer) => [layer.id, layer]));
  const info = new Map(layers.map((layer) => [layer.id, layer]));
  const found: Bottleneck[] = [];
  for (const conv of specLayers) {
    if (conv.kind !== 'conv2d' || conv.f === 1 || conv.inputs.length !== 1) continue;
    const squeeze = spec.get(conv.inputs[0]);
    if (squeeze?.kind !== 'conv2d' || squeeze.f !== 1 || squeeze.s !== 1 || squeeze.inputs.length !== 1) continue;
    const before = info.get(squeeze.inputs[0])?.outShape;
    const between = info.get(squeeze.id);
    const after = info.get(conv.id);
    if (!before || before.length !== 3 || !between || !after) continue;
    const channelsIn = before[2];
    if (squeeze.filters >= channelsIn) continue; // it does not shrink anything
    const [h, w, filters] = after.outShape;
    found.push({
      bottleneckId: squeeze.id,
      convId: conv.id,
      f: conv.f,
      channelsIn,
      channelsBetween: squeeze.filters,
      multiplies: (between.multiplies ?? 0) + (after.multiplies ?? 0),
      plainMultiplies: h * w * filters * conv.f * conv.f * channelsIn,
    });
  }
  return found;
}
