/**
 * Opening a step that brings its own network: the graph, the dataset and its preparation, and
 * the training settings go into the editor's stores exactly as the step gives them (every field
 * the step leaves out takes its default), so the student starts where the lesson's author did.
 */
import type { LessonStart } from '../../../../engine/lessons/format';
import { DEFAULT_PREP, datasetStore, setPrep } from '../data/dataset-store';
import type { GraphDoc } from '../graph/document';
import { startWeights } from '../project/start-weights';
import { idleRun } from '../run/run-store';
import { DEFAULT_SETTINGS } from '../run/settings-store';
import type { AppServices } from '../stores';

export function lessonDoc(start: LessonStart): GraphDoc {
  return {
    nodes: start.graph.nodes.map((node) => ({ id: node.id, type: node.kind, position: { ...node.position }, data: structuredClone(node.params) })),
    edges: start.graph.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, targetHandle: edge.targetHandle ?? 'in' })),
  };
}

export function applyStart(start: LessonStart, services: Pick<AppServices, 'graph' | 'settings' | 'run'>): void {
  const { dataset, training } = start;
  services.graph.getState().resetDoc(lessonDoc(start));
  services.settings.setState({
    datasetId: dataset.id,
    datasetSeed: dataset.seed,
    learningRate: training.learningRate,
    iterations: training.iterations,
    seed: training.seed,
    batchSize: training.batchSize,
    optimizer: training.optimizer,
    // What a lesson does not set is off: no λ, decay or early stopping left from an experiment.
    lengthUnit: 'iterations',
    l2: DEFAULT_SETTINGS.l2,
    decay: DEFAULT_SETTINGS.decay,
    earlyStopping: DEFAULT_SETTINGS.earlyStopping,
  });
  datasetStore.setState((s) => {
    const generators = { ...s.generators };
    if (dataset.m !== undefined || dataset.noise !== undefined) generators[dataset.id] = { m: dataset.m, noise: dataset.noise };
    else delete generators[dataset.id];
    return { generators };
  });
  const split = dataset.split;
  setPrep({
    ...DEFAULT_PREP,
    splitOn: split !== undefined,
    ...(split ? { train: split.train, dev: split.dev, splitSeed: split.seed, stratify: split.stratify ?? false } : {}),
    normalisation: dataset.normalisation ?? 'none',
  });
  // Fresh weights from the seed, and the previous step's run out of the way (its history stays).
  startWeights.getState().clear();
  const { status, history } = services.run.getState();
  if (status === 'finished' || status === 'failed' || status === 'idle') services.run.setState({ ...idleRun(), history }, true);
}
