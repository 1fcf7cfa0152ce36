/**
 * The run an inspection looks at: the network on the canvas, the toolbar's data and settings,
 * and either the seed's initial weights or the last run's trained weights (when they still fit).
 */
import type { ModelSpec } from '../../../../../engine/spec';
import type { RunRequest } from '../../../../../engine/protocol';
import type { ModelFile } from '../../../../../engine/export';
import { buildRunRequest } from '../../run/run-request';
import type { SettingsState } from '../../run/settings-store';

export type WeightsChoice = 'initial' | 'trained';

export function inspectRequest(spec: ModelSpec, settings: SettingsState, weights: WeightsChoice, trained: ModelFile | null): RunRequest {
  const request = buildRunRequest('inspect', spec, settings);
  if (weights === 'trained' && trained) request.initialModel = trained;
  // Inspections compute on one example: the reference kernels, like lesson runs.
  request.backend = 'reference';
  return request;
}
