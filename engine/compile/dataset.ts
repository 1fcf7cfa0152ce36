/** Does the network fit the chosen dataset? Input shape and output units/activation. */
import { formatActivation } from '../spec/notation';
import type { LayerFields } from '../spec/types';
import type { DatasetShape, Diagnostic } from './types';

export function checkDataset(dataset: DatasetShape, layers: LayerFields[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const input = layers.find((l) => l.kind === 'input');
  if (input && input.kind === 'input' && input.shape.join(',') !== dataset.exampleShape.join(',')) {
    diagnostics.push({
      nodeId: input.id,
      severity: 'error',
      message: `The dataset's examples are ${formatActivation(dataset.exampleShape)} but the input layer expects ${formatActivation(input.shape)}.`,
      hint: `Set the input shape to [${dataset.exampleShape.join(', ')}].`,
      fix: {
        kind: 'set-param',
        nodeId: input.id,
        param: 'shape',
        value: [...dataset.exampleShape],
        label: `Set shape to [${dataset.exampleShape.join(', ')}]`,
      },
    });
  }
  const output = layers.find((l) => l.kind === 'output');
  if (!output || output.kind !== 'output') return diagnostics;
  const k = dataset.numClasses;
  const setParam = (param: string, value: unknown) => ({
    kind: 'set-param' as const,
    nodeId: output.id,
    param,
    value,
    label: `Set ${param} to ${String(value)}`,
  });
  const tasks = dataset.tasks ?? 1;
  if (tasks > 1) {
    // Multi-task: one sigmoid unit per yes/no label, the cost summed over the tasks.
    if (output.activation !== 'sigmoid' || output.units !== tasks) {
      diagnostics.push({
        nodeId: output.id,
        severity: 'error',
        message: `The dataset has ${tasks} yes/no labels per example (multi-task) but the output has ${output.units} ${output.activation} unit${output.units === 1 ? '' : 's'}: it needs ${tasks} sigmoid units, one per task.`,
        hint: `Use ${tasks} units with sigmoid activation and bce loss.`,
        fix: output.activation !== 'sigmoid' ? setParam('activation', 'sigmoid') : setParam('units', tasks),
      });
    }
  } else if (k === 2) {
    const binaryOk = (output.activation === 'sigmoid' && output.units === 1) || (output.activation === 'softmax' && output.units === 2);
    if (!binaryOk) {
      diagnostics.push({
        nodeId: output.id,
        severity: 'error',
        message: `A binary dataset needs 1 sigmoid unit (ŷ = P(y = 1 | x)); this output has ${output.units} ${output.activation} unit${output.units === 1 ? '' : 's'}.`,
        hint: 'Use units 1 with sigmoid activation and bce loss.',
        fix: output.units !== 1 ? setParam('units', 1) : setParam('activation', 'sigmoid'),
      });
    }
  } else if (k > 2) {
    if (output.activation !== 'softmax') {
      diagnostics.push({
        nodeId: output.id,
        severity: 'error',
        message: `A ${k}-class dataset needs a softmax output; this one is ${output.activation}.`,
        hint: `Use ${k} softmax units with cross-entropy loss.`,
        fix: setParam('activation', 'softmax'),
      });
    } else if (output.units !== k) {
      diagnostics.push({
        nodeId: output.id,
        severity: 'error',
        message: `The dataset has ${k} classes but the output has ${output.units} unit${output.units === 1 ? '' : 's'}: n[L] must equal the number of classes.`,
        hint: `Set units to ${k}.`,
        fix: setParam('units', k),
      });
    }
  } else if (k === 0 && output.activation !== 'linear') {
    diagnostics.push({
      nodeId: output.id,
      severity: 'error',
      message: `A regression dataset needs a linear output with mse loss; this one is ${output.activation}.`,
      hint: 'Set the output activation to linear.',
      fix: setParam('activation', 'linear'),
    });
  }
  return diagnostics;
}
