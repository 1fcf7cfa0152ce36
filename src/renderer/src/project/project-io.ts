/** Between the editor's stores and the project file. Pure, so both hosts and tests share it. */
import { PROJECT_FORMAT, PROJECT_VERSION, type ProjectFile, type SavedRun } from '../../../shared/project';
import type { GraphDoc } from '../graph/document';
import { DEFAULT_SETTINGS, type SettingsState } from '../run/settings-store';
import { defaultDatasetSettings, type SavedDatasetSettings } from '../data/dataset-settings';

/**
 * `data`: the dataset store's split, normalisation and generator settings (defaults for a new project).
 * `runs`: the run history to keep in the file (run/run-history.ts); none leaves the field out.
 * `systems`: the transfer model and the last search (project/saved-systems.ts).
 */
export function toProject(
  doc: GraphDoc,
  settings: SettingsState,
  name?: string,
  data: SavedDatasetSettings = defaultDatasetSettings(),
  runs: SavedRun[] = [],
  /** What other panels keep in the project: transfer choices, searches, error-analysis tags. */
  extras: Pick<ProjectFile, 'transfer' | 'search' | 'errorAnalysis'> = {},
): ProjectFile {
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    ...(name ? { name } : {}),
    graph: {
      nodes: doc.nodes.map((node) => ({
        id: node.id,
        kind: node.type!,
        position: { x: Math.round(node.position.x * 100) / 100, y: Math.round(node.position.y * 100) / 100 },
        params: node.data,
      })),
      edges: doc.edges.map((edge) => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        targetHandle: edge.targetHandle ?? 'in',
      })),
    },
    dataset: { id: settings.datasetId, seed: settings.datasetSeed, ...data },
    training: {
      learningRate: settings.learningRate,
      iterations: settings.iterations,
      seed: settings.seed,
      batchSize: settings.batchSize,
      optimizer: settings.optimizer,
      lengthUnit: settings.lengthUnit,
      epochs: settings.epochs,
      l2: settings.l2,
      decay: settings.decay,
      ...(settings.earlyStopping ? { earlyStopping: { patience: settings.patience } } : {}),
    },
    ...(runs.length ? { runs } : {}),
    ...extras,
  };
}

export function serialiseProject(project: ProjectFile): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}

export function fromProject(project: ProjectFile): {
  doc: GraphDoc;
  settings: Partial<SettingsState>;
  data: SavedDatasetSettings;
  runs: SavedRun[];
  errorAnalysis: ProjectFile['errorAnalysis'];
} {
  return {
    doc: {
      nodes: project.graph.nodes.map((node) => ({
        id: node.id,
        type: node.kind,
        position: node.position,
        data: node.params,
      })),
      edges: project.graph.edges.map((edge) => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        targetHandle: edge.targetHandle ?? 'in',
      })),
    },
    settings: {
      datasetId: project.dataset.id,
      datasetSeed: project.dataset.seed,
      learningRate: project.training.learningRate,
      iterations: project.training.iterations,
      seed: project.training.seed,
      batchSize: project.training.batchSize ?? 'full',
      optimizer: project.training.optimizer ?? 'gd',
      lengthUnit: project.training.lengthUnit ?? DEFAULT_SETTINGS.lengthUnit,
      epochs: project.training.epochs ?? DEFAULT_SETTINGS.epochs,
      l2: project.training.l2 ?? 0,
      decay: project.training.decay ?? { kind: 'none' },
      earlyStopping: project.training.earlyStopping !== undefined,
      patience: project.training.earlyStopping?.patience ?? DEFAULT_SETTINGS.patience,
    },
    data: { prep: project.dataset.prep, generator: project.dataset.generator, source: project.dataset.source },
    runs: project.runs ?? [],
    errorAnalysis: project.errorAnalysis,
  };
}
