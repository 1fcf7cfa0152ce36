/** Why Train cannot start now, in words that name the layer at fault; null when it can. */
import type { Diagnostic } from '../../../../engine/compile/types';
import { useCompile } from '../canvas/compile-context';
import type { GraphDoc } from '../graph/document';
import { NODE_KINDS } from '../graph/node-kinds';
import { useGraph, useSettings } from '../stores';
import { findDataset } from './datasets';
import { useCurve } from './learning-curve-store';
import { useDatasetStore } from '../data/dataset-store';

/** The first error, naming its layer so the user knows where to look. */
function describeFirstError(graphErrors: Diagnostic[], byNode: Map<string, Diagnostic[]>, doc: GraphDoc): string {
  const general = graphErrors.find((d) => d.severity === 'error');
  if (general) return general.message;
  for (const node of doc.nodes) {
    const error = byNode.get(node.id)?.find((d) => d.severity === 'error');
    if (error) return `${NODE_KINDS[node.type!].title}: ${error.message}`;
  }
  return 'The network does not compile yet.';
}

export function useTrainBlocked(): string | null {
  const datasetId = useSettings((s) => s.datasetId);
  const doc = useGraph((s) => s.doc);
  const { result, graphErrors, diagnosticsByNode } = useCompile();
  const curveRunning = useCurve((s) => s.status === 'running');
  const loading = useDatasetStore((s) => s.loading[datasetId]);
  if (curveRunning) return 'A learning curve is being computed: wait for it or cancel it (Run tab).';
  if (!result.spec) return describeFirstError(graphErrors, diagnosticsByNode, doc);
  const dataset = findDataset(datasetId);
  if (!dataset) return 'Choose a dataset to train on.';
  if (loading === true) return `${dataset.label} is loading…`;
  if (typeof loading === 'string') return loading;
  return null;
}
