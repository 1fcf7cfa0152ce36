/**
 * Views computed on request (not during a run): a step-through of one training example and
 * the views inside conv layers. The trainer answers an 'inspect' message with one of these;
 * the renderer never computes them on its UI thread.
 */
import type { Backend } from '../kernels/kernels';
import type { Inspection, InspectView } from '../protocol/messages';
import type { RunRequest } from '../protocol/messages';
import { convFilters, featureMaps, saliencyMap } from './conv-views';
import { RunInputError } from './prepare';
import { InspectInputError, stepThrough } from './step-through';

export function inspect(run: RunRequest, view: InspectView, backend: Backend): Inspection {
  switch (view.kind) {
    case 'step-through':
      return { kind: 'step-through', result: stepThrough(run, view.example, backend) };
    case 'conv-filters':
      return { kind: 'conv-filters', result: convFilters(run, backend, view.layerId) };
    case 'feature-maps':
      return { kind: 'feature-maps', result: featureMaps(run, backend, view.layerId, view.set, view.example) };
    case 'saliency':
      return { kind: 'saliency', result: saliencyMap(run, backend, view.set, view.example) };
  }
}

/** Bad input (the user can fix it) vs a bug: the first gets its message shown as is. */
export function isInputError(error: unknown): boolean {
  return error instanceof InspectInputError || error instanceof RunInputError;
}
