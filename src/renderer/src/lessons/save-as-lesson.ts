/**
 * File ▸ Save as Lesson…: a teacher's starting point — a one-step lesson whose starting network,
 * dataset and settings are the current project's, and whose goal is the last finished run's
 * accuracy (rounded down), or "the network compiles" when nothing has been trained. The teacher
 * edits the text, goals and hints in the file (docs/lesson-format.md).
 */
import type { FinalMetrics } from '../../../../engine/protocol';
import { type Condition, type Goal, type Lesson, type LessonStart, parseLesson } from '../../../../engine/lessons';
import type { PrepState } from '../data/dataset-store';
import type { GraphDoc } from '../graph/document';
import { BUILTIN_DATASETS } from '../run/datasets';
import type { SettingsState } from '../run/settings-store';
import { toProject } from '../project/project-io';

export interface LessonSource {
  name: string;
  doc: GraphDoc;
  settings: SettingsState;
  prep: PrepState;
  generator?: { m?: number; noise?: number };
  /** The last finished run's metrics, if any. */
  final: FinalMetrics | null;
}

/** Rounded down to whole percent (a goal the run just met, in a number people read). */
const floorPercent = (value: number) => Math.floor(value * 100 + 1e-9) / 100;

export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return s || 'lesson';
}

export function lessonFromProject(source: LessonSource): { ok: true; lesson: Lesson } | { ok: false; error: string } {
  const { doc, settings, prep, final } = source;
  const builtin = BUILTIN_DATASETS.find((d) => d.id === settings.datasetId);
  if (!builtin) return { ok: false, error: 'A lesson starts from a built-in dataset (flower, moons, …, MNIST); choose one first.' };
  if (doc.nodes.length === 0) return { ok: false, error: 'The canvas is empty: build the network the lesson starts from first.' };
  // The graph and training settings exactly as a project file stores them.
  const { graph, training } = toProject(doc, settings);
  const start: LessonStart = {
    graph: structuredClone(graph),
    dataset: {
      id: builtin.id,
      seed: settings.datasetSeed,
      ...(builtin.kind === 'generator' ? { m: source.generator?.m ?? builtin.m, noise: source.generator?.noise ?? builtin.noise ?? 0.2 } : {}),
      ...(prep.splitOn ? { split: { train: prep.train, dev: prep.dev, seed: prep.splitSeed, stratify: prep.stratify } } : {}),
      ...(prep.normalisation !== 'none' ? { normalisation: prep.normalisation } : {}),
    },
    // The settings a lesson file carries (a project's λ, decay, early stopping and epochs are not part of the lesson format).
    training: {
      learningRate: training.learningRate,
      iterations: training.iterations,
      seed: training.seed,
      batchSize: training.batchSize ?? 'full',
      optimizer: training.optimizer ?? 'gd',
    },
  };
  const conditions: Condition[] = [];
  if (final && Number.isFinite(final.trainAccuracy))
    conditions.push({ on: 'metric', metric: 'trainAccuracy', op: '>=', value: floorPercent(final.trainAccuracy) });
  if (final?.devAccuracy !== undefined && Number.isFinite(final.devAccuracy))
    conditions.push({ on: 'metric', metric: 'devAccuracy', op: '>=', value: floorPercent(final.devAccuracy) });
  const goal: Goal = conditions.length ? { kind: 'run', conditions } : { kind: 'compile' };
  const lesson = {
    format: 'dendrite.lesson',
    version: 1,
    id: slug(source.name),
    revision: 1,
    title: source.name,
    summary: `A lesson written from the project “${source.name}”.`,
    steps: [
      {
        id: 'task',
        title: 'Your task',
        text:
          goal.kind === 'run'
            ? 'Describe the task here (Markdown; W[l], n_H and the like are typeset).\n\nPress **Train**, then **Check**.'
            : 'Describe the task here (Markdown; W[l], n_H and the like are typeset).\n\nPress **Check** when the network compiles.',
        start,
        goal,
        hints: ['Write a hint here: it appears after a failed check.'],
      },
    ],
  };
  const parsed = parseLesson(lesson);
  return parsed.ok ? { ok: true, lesson: parsed.lesson } : { ok: false, error: parsed.error };
}

export function serialiseLesson(lesson: Lesson): string {
  return `${JSON.stringify(lesson, null, 2)}\n`;
}
