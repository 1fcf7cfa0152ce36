/**
 * Plays a lesson through the engine the way the app does: each step's starting network and
 * settings, the student's edits (a "solution"), then the evidence its goal needs — a compile,
 * predictions, a training run on the reference kernels, or a gradient check — checked with
 * the app's own checkGoal. The request mirrors the renderer's (run/run-request.ts).
 */
import { compileGraph } from '../../engine/compile';
import type { DatasetShape, GraphInput } from '../../engine/compile/types';
import type { GeneratorName } from '../../engine/data/source';
import { createReferenceBackend } from '../../engine/kernels/reference';
import { recordRun, type Evidence } from '../../engine/lessons/evidence';
import type { Lesson, LessonEdge, LessonNode, LessonStart } from '../../engine/lessons/format';
import { checkGoal, type GoalOutcome } from '../../engine/lessons/goals';
import { buildResults, type LessonResults, type StepResult } from '../../engine/lessons/results';
import { optimizerFromName } from '../../engine/optim';
import type { RunRequest } from '../../engine/protocol/messages';
import type { ModelSpec } from '../../engine/spec/types';
import { gradCheckRequest } from '../../engine/train/check-request';
import { trainModel } from '../../engine/train/loop';

/** The built-in datasets' shapes and class counts (src/renderer/src/run/datasets.ts). */
const SHAPES: Record<string, DatasetShape & { classes?: number }> = {
  flower: { exampleShape: [2], numClasses: 2 },
  moons: { exampleShape: [2], numClasses: 2 },
  circles: { exampleShape: [2], numClasses: 2 },
  xor: { exampleShape: [2], numClasses: 2 },
  spirals: { exampleShape: [2], numClasses: 3, classes: 3 },
  blobs: { exampleShape: [2], numClasses: 4, classes: 4 },
  mnist: { exampleShape: [28, 28, 1], numClasses: 10 },
};

export interface PlayState {
  nodes: LessonNode[];
  edges: LessonEdge[];
  dataset: LessonStart['dataset'];
  training: LessonStart['training'];
}

export interface StepSolution {
  /** Changes the student makes before checking. */
  edit?(state: PlayState): void;
  /** Typed predictions, by "layer/quantity". */
  answers?: Record<string, string>;
}

export function setParam(state: PlayState, nodeId: string, param: string, value: unknown): void {
  const node = state.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  node.params = { ...node.params, [param]: value };
}

export function addEdge(state: PlayState, source: string, target: string, targetHandle = 'in'): void {
  state.edges.push({ id: `${source}->${target}:${targetHandle}`, source, target, targetHandle });
}

export function graphOf(state: PlayState): GraphInput {
  return {
    nodes: state.nodes.map((n) => ({ id: n.id, kind: n.kind, params: n.params })),
    edges: state.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, targetHandle: e.targetHandle ?? null })),
    dataset: datasetShape(state),
  };
}

function datasetShape(state: PlayState): DatasetShape {
  const shape = SHAPES[state.dataset.id];
  if (!shape) throw new Error(`unknown dataset ${state.dataset.id}`);
  return { exampleShape: shape.exampleShape, numClasses: shape.numClasses };
}

export function requestOfState(state: PlayState, spec: ModelSpec): RunRequest {
  const { dataset, training } = state;
  const request: RunRequest = {
    runId: 'lesson',
    spec,
    data: {
      kind: 'generator',
      name: dataset.id as GeneratorName,
      m: dataset.m!,
      noise: dataset.noise,
      classes: SHAPES[dataset.id]?.classes,
      seed: dataset.seed,
    },
    config: {
      iterations: training.iterations,
      batchSize: training.batchSize,
      learningRate: training.learningRate,
      optimizer: optimizerFromName(training.optimizer)!,
      seed: training.seed,
    },
    backend: 'reference',
  };
  if (dataset.split)
    request.split = { train: dataset.split.train, dev: dataset.split.dev, seed: dataset.split.seed, stratify: dataset.split.stratify ?? false };
  if (dataset.normalisation && dataset.normalisation !== 'none') request.normalisation = dataset.normalisation;
  return request;
}

export interface Played {
  results: LessonResults;
  outcomes: GoalOutcome[];
  /** The graph at the end, as a project file's text. */
  projectText: string;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export async function playLesson(lesson: Lesson, solutions: Record<string, StepSolution>): Promise<Played> {
  let state: PlayState | null = null;
  const steps: StepResult[] = [];
  const outcomes: GoalOutcome[] = [];
  for (const step of lesson.steps) {
    if (step.start) state = { ...clone(step.start.graph), dataset: clone(step.start.dataset), training: clone(step.start.training) };
    if (!state) throw new Error('no starting network');
    solutions[step.id]?.edit?.(state);
    const compiled = compileGraph(graphOf(state));
    let evidence: Evidence;
    switch (step.goal.kind) {
      case 'read':
        evidence = { kind: 'read' };
        break;
      case 'compile':
        if (!compiled.spec) throw new Error(`${step.id}: the network does not compile: ${JSON.stringify(compiled.diagnostics)}`);
        evidence = { kind: 'compile', spec: compiled.spec, dataset: datasetShape(state) };
        break;
      case 'predict': {
        if (!compiled.spec) throw new Error(`${step.id}: the network does not compile`);
        const answers = Object.entries(solutions[step.id]?.answers ?? {}).map(([key, typed]) => {
          const [layer, quantity] = key.split('/');
          return { layer, quantity, typed };
        });
        evidence = { kind: 'predict', spec: compiled.spec, dataset: datasetShape(state), answers };
        break;
      }
      case 'run':
      case 'gradcheck': {
        if (!compiled.spec) throw new Error(`${step.id}: the network does not compile: ${JSON.stringify(compiled.diagnostics)}`);
        const recorded = recordRun(requestOfState(state, compiled.spec));
        if (!recorded.ok) throw new Error(recorded.error);
        if (step.goal.kind === 'gradcheck') {
          evidence = { kind: 'gradcheck', run: recorded.run, difference: gradCheckRequest(requestOfState(state, compiled.spec)).difference };
        } else {
          const hooks = { emit: () => undefined, checkpoint: async () => 'continue' as const, now: () => 0 };
          const outcome = await trainModel(requestOfState(state, compiled.spec), createReferenceBackend('float32'), hooks);
          if (outcome.status !== 'finished') throw new Error(outcome.message);
          evidence = { kind: 'run', run: recorded.run, metrics: outcome.metrics };
        }
        break;
      }
    }
    const outcome = checkGoal(step.goal, evidence);
    outcomes.push(outcome);
    steps.push({
      step: step.id,
      goal: step.goal,
      met: outcome.met,
      checkedAt: '2024-01-01T00:00:00.000Z',
      reports: outcome.reports,
      evidence: clone(evidence),
    });
  }
  const project = {
    format: 'dendrite.project',
    version: 1,
    graph: { nodes: state!.nodes, edges: state!.edges },
    dataset: { id: state!.dataset.id, seed: state!.dataset.seed },
    training: { ...state!.training },
  };
  return { results: buildResults(lesson, steps, 'dendrite test', new Date('2024-01-01T00:00:00Z')), outcomes, projectText: JSON.stringify(project) };
}
