/**
 * Settings that let a run start but make it learn nothing useful, said before Train rather than
 * discovered after it (the Training tab and the line under the toolbar show them).
 */
import { useMemo } from 'react';
import { useCompile } from '../canvas/compile-context';
import { useGraph, useSettings } from '../stores';

export function trainWarnings(kinds: readonly (string | undefined)[], batchSize: number | 'full'): string[] {
  const warnings: string[] = [];
  if (batchSize === 1 && kinds.includes('batchnorm')) {
    warnings.push(
      'Batch norm with a mini-batch of 1: each batch\u2019s mean is its only example and its variance is 0, so every normalised value is 0 and the layer outputs β whatever the input. Use a mini-batch of 32 or more.',
    );
  }
  return warnings;
}

export function useTrainWarnings(): string[] {
  const batchSize = useSettings((s) => s.batchSize);
  const { result } = useCompile();
  // The layers that would train (a stray node off the graph does not count), else what is on the canvas.
  const onCanvas = useGraph((s) => s.doc.nodes.some((n) => n.type === 'batchnorm'));
  const batchNorm = result.spec ? result.spec.layers.some((l) => l.kind === 'batchnorm') : onCanvas;
  return useMemo(() => trainWarnings(batchNorm ? ['batchnorm'] : [], batchSize), [batchNorm, batchSize]);
}
